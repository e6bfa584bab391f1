/**
 * Template authoring: start a template (`initTemplate`), check it by rendering a sample app
 * (`validateTemplate`), publish it into a git-hosted registry (`publishTemplate`).
 *
 *   initTemplate({ dir, language: 'ts', role: 'provider' })            → { dir, from, files }
 *   await validateTemplate(dir)                                        → { ok, checks: [{ check, ok, file?, message }] }
 *   await publishTemplate({ dir, registry, id?, version?, force?, report }) → { id, version, path, registryCommit, retried, … }
 */
export { type InitResult, initTemplate } from './init.js';
export { validateTemplate, type CheckResult, type SampleApp, skipped, type ValidationReport } from './validate.js';
export { type PublishOptions, type PublishResult, publishTemplate, registryCloneUrl, validationFailure } from './publish.js';
export { MAX_FILE_BYTES } from './files.js';
