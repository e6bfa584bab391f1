/**
 * Template authoring: start a template (`initTemplate`), check it by rendering a sample app
 * (`validateTemplate`), publish it into a git-hosted registry (`publishTemplate`).
 *
 *   initTemplate({ dir, language: 'ts', role: 'provider' })            → { dir, from, files }
 *   await validateTemplate(dir)                                        → { ok, checks: [{ check, ok, file?, message }] }
 *   await publishTemplate({ dir, registry, id?, version?, force?, report }) → { id, version, path, registryCommit, retried, … }
 */
export { initTemplate, INIT_ROLES, FIRST_VERSION, type InitOptions, type InitResult, type InitRole } from './init.js';
export { validateTemplate, SAMPLE_COMPONENT, SAMPLE_TARGET, type CheckName, type CheckResult, type ValidationReport, type ValidateOptions } from './validate.js';
export { publishTemplate, registryCloneUrl, type PublishOptions, type PublishResult } from './publish.js';
export { MAX_FILE_BYTES } from './files.js';
export { EXTENSION_KEY, LANGUAGES } from './template-info.js';
