/**
 * Names of added registries and the ids of their templates: `<registry>/<lang>/<name>[@version]`
 * (cli.md). A registry name may not be a language name, so `ts/caller` is always a bundled id
 * and `acme/ts/caller` always a registry one.
 */
import { UserError } from '../../errors.js';
import { canonicalTemplateId } from './registry.js';

/** Golem 1.2.5's language names and aliases (golem-templates `GuestLanguage::from_string`), plus ours. */
const RESERVED = new Set(['c', 'c++', 'cpp', 'go', 'js', 'javascript', 'py', 'python', 'rust', 'ts', 'typescript', 'zig', 'moon', 'moonbit', 'mbt', 'scala', 'scalajs', 'bundled']);

const REGISTRY_NAME = /^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/;

/** Undefined when `name` can name a registry, else a one-line reason. */
export function registryNameProblem(name: string): string | undefined {
  if (!REGISTRY_NAME.test(name)) return `invalid registry name '${name}': use lowercase letters, digits and '-', starting with a letter (e.g. acme)`;
  if (RESERVED.has(name)) return `invalid registry name '${name}': it is a language name (or 'bundled'), which would make template ids ambiguous`;
  return undefined;
}

export function assertRegistryName(name: string): void {
  const problem = registryNameProblem(name);
  if (problem) throw new UserError(problem, { code: 'E_REGISTRY', hint: 'Choose another name, e.g. acme or my-templates.' });
}

export interface RegistryTemplateRef {
  registry: string;
  /** `<lang>/<name>` as the registry lists it. */
  id: string;
  /** Exact version asked for; the latest when absent. */
  version?: string;
}

/**
 * `acme/ts/counter@1.2.0` → parts; undefined when the text is not a registry template id (a
 * bundled id such as `ts/caller`, a path, a URL or a `github:` spec).
 */
export function parseRegistryTemplateId(text: string): RegistryTemplateRef | undefined {
  const at = text.lastIndexOf('@');
  const [body, version] = at > 0 ? [text.slice(0, at), text.slice(at + 1)] : [text, undefined];
  const parts = body.split('/');
  const [registry = '', ...rest] = parts;
  if (rest.length < 1 || rest.length > 2 || registryNameProblem(registry) !== undefined) return undefined;
  if (rest.some((p) => p === '' || p === '.' || p === '..')) return undefined;
  return { registry, id: canonicalTemplateId(rest.join('/')), ...(version ? { version } : {}) };
}

/** `acme` + `ts/counter` → `acme/ts/counter` (how added templates are shown and chosen). */
export const qualifiedId = (registry: string, id: string): string => `${registry}/${id}`;
