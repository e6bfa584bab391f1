/**
 * A third-party registry's `registry.json`, read as untrusted input: the shape of
 * registry.schema.json (design/registry.md) with `version` per entry, checked here with the JSON
 * path of the first bad field, and every `path` kept inside the registry repository.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { UserError } from '../../errors.js';
import { resolveInside } from '../../fs/paths.js';
import type { RegistryEntryJson, RegistryJson } from '../registry.js';
import { isSemver } from './semver.js';

export const REGISTRY_FILE = 'registry.json';

type Rule = (value: unknown) => string | undefined;
const isString: Rule = (v) => (typeof v === 'string' && v.length > 0 ? undefined : 'must be a non-empty string');
const oneOf = (...allowed: string[]): Rule => (v) => (typeof v === 'string' && allowed.includes(v) ? undefined : `must be one of ${allowed.join(', ')}`);
const optional = (rule: Rule): Rule => (v) => (v === undefined ? undefined : rule(v));

const ENTRY_RULES: Record<keyof RegistryEntryJson, Rule> = {
  id: (v) => (typeof v === 'string' && /^[a-z][a-z0-9]*\/[a-z][a-z0-9-]*$/.test(v) ? undefined : 'must be <lang>/<name> in lowercase'),
  kind: oneOf('common', 'component'),
  language: isString,
  group: isString,
  role: optional(oneOf('provider', 'caller', 'other')),
  description: (v) => (typeof v === 'string' ? undefined : 'must be a string'),
  path: optional(isString),
  source: optional(isString),
  version: optional((v) => (typeof v === 'string' && isSemver(v) ? undefined : 'must be a semantic version such as 1.0.0')),
  commit: optional((v) => (typeof v === 'string' && /^[0-9a-f]{7,64}$/.test(v) ? undefined : 'must be a git commit id')),
};

function entryProblem(entry: unknown, root: string): [path: string, problem: string] | undefined {
  if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) return ['', 'must be an object'];
  const record = entry as Record<string, unknown>;
  for (const [key, rule] of Object.entries(ENTRY_RULES)) {
    const problem = rule(record[key]);
    if (problem) return [`.${key}`, problem];
  }
  if ((record.path === undefined) === (record.source === undefined)) return ['', "needs exactly one of 'path' or 'source'"];
  if (typeof record.path === 'string') {
    try {
      resolveInside(root, record.path);
    } catch {
      return ['.path', 'must be a folder inside the registry repository'];
    }
  }
  return undefined;
}

/** Parses and checks registry JSON text; `file` names it in errors. */
export function parseRegistryJson(text: string, file: string, root: string): RegistryJson {
  const bad = (path: string, problem: string) =>
    new UserError(`${file}: ${path || '(root)'} ${problem}`, { hint: 'The registry is invalid; ask its maintainer to fix registry.json.' });
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (err) {
    throw bad('', `is not valid JSON (${(err as Error).message})`);
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw bad('', 'must be an object');
  const json = raw as Record<string, unknown>;
  if (json.version !== 1) throw bad('$.version', 'must be 1');
  if (!Array.isArray(json.templates)) throw bad('$.templates', 'must be a list');
  json.templates.forEach((entry, i) => {
    const problem = entryProblem(entry, root);
    if (problem) throw bad(`$.templates[${i}]${problem[0]}`, problem[1]);
  });
  return raw as RegistryJson;
}

/** `<root>/registry.json`, or an empty registry when `allowMissing` (a new registry repository). */
export function readRegistryJson(root: string, allowMissing = false): RegistryJson {
  const file = join(root, REGISTRY_FILE);
  if (!existsSync(file)) {
    if (allowMissing) return { version: 1, templates: [] };
    throw new UserError(`not a template registry: ${REGISTRY_FILE} is missing at the root of ${root}`, {
      hint: 'A registry is a git repository with registry.json at its root (create-golem-app templates publish creates one).',
    });
  }
  return parseRegistryJson(readFileSync(file, 'utf8'), file, root);
}
