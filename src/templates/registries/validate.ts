/**
 * Reading a registry.json that is not ours (a third-party registry, a template folder's
 * registry): checked against registry.schema.json (compiled by ajv) plus the rules a schema cannot say
 * (id starts with the language, unique id+version). A bad field is reported with its JSON path
 * and its line and column in the file.
 */
import { parseJson } from '../../text/json.js';
import { readFileSync } from 'node:fs';
import { UserError } from '../../errors.js';
import { jsonFailure, schemaFailure } from '../schema-errors.js';
import { schemaValidator } from '../schema-validator.js';
import { registryFromJson, type Registry, type RegistryJson } from './registry.js';

/** A registry.json larger than this is refused before it is parsed (untrusted input). */
const MAX_REGISTRY_BYTES = 8 * 1024 * 1024;

const FAILURE = { code: 'E_REGISTRY', hint: 'Fix the registry file; its format is described by registry.schema.json.' };

function fail(file: string, text: string, pointer: string, what: string): never {
  throw jsonFailure(file, text, pointer, what, FAILURE);
}

/** Checks registry JSON text; returns it parsed. */
export async function validateRegistryText(text: string, file: string): Promise<RegistryJson> {
  if (text.length > MAX_REGISTRY_BYTES) {
    throw new UserError(`registry file is larger than ${MAX_REGISTRY_BYTES / 1024 / 1024} MiB`, { code: 'E_REGISTRY', location: { file, line: 1, column: 1 }, hint: FAILURE.hint });
  }
  const parsed = parseJson(text, file);
  if ('error' in parsed) throw new UserError(`not valid JSON: ${parsed.error.message}`, { code: 'E_REGISTRY', location: parsed.error.location, hint: 'Fix the JSON syntax.' });
  const json = parsed.value;
  const validate = schemaValidator('registry');
  if (!validate(json)) throw schemaFailure(file, text, validate.errors ?? [], FAILURE);
  const registry = json as RegistryJson;
  const seen = new Set<string>();
  registry.templates.forEach((t, i) => {
    if (!t.id.startsWith(`${t.language}/`)) fail(file, text, `/templates/${i}/id`, `id '${t.id}' must start with its language '${t.language}/'`);
    if (t.kind === 'common' && t.role !== undefined) fail(file, text, `/templates/${i}/role`, 'a common template has no role');
    const key = `${t.id}@${t.version ?? ''}`;
    if (seen.has(key)) fail(file, text, `/templates/${i}/id`, `'${t.id}'${t.version ? ` version ${t.version}` : ''} is listed twice`);
    seen.add(key);
  });
  return registry;
}

/** A registry from its registry.json file; entry paths are relative to the file's folder. */
export async function loadRegistryFile(file: string, name: string, root: string): Promise<Registry> {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    throw new UserError(`cannot read registry file ${file}`, { code: 'E_REGISTRY', hint: 'Check the path of the registry.' });
  }
  return registryFromJson(await validateRegistryText(text, file), root, name);
}
