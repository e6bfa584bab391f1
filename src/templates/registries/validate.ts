/**
 * Reading a registry.json that is not ours (a third-party registry, a template folder's
 * registry): checked against registry.schema.json (compiled by ajv) plus the rules a schema cannot say
 * (id starts with the language, unique id+version). A bad field is reported with its JSON path
 * and its line and column in the file.
 */
import { readFileSync } from 'node:fs';
import { LineCounter, parseDocument } from 'yaml';
import { UserError } from '../../errors.js';
import { registryFromJson, type Registry, type RegistryJson } from './registry.js';
import { compileRegistrySchema, type SchemaError, type Validator } from './schema-validator.js';

let validator: Validator | undefined;

async function schemaValidator(): Promise<Validator> {
  validator ??= await compileRegistrySchema();
  return validator;
}

/** `/templates/2/kind` → `templates[2].kind` */
export function jsonPathOf(pointer: string): string {
  return pointer
    .split('/')
    .slice(1)
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
    .reduce((acc, seg) => (/^\d+$/.test(seg) ? `${acc}[${seg}]` : acc ? `${acc}.${seg}` : seg), '');
}

/** Line and column (1-based) of the value at `pointer` in the JSON text. */
function locate(text: string, pointer: string): { line: number; column: number } {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter });
  const path = pointer
    .split('/')
    .slice(1)
    .map((s) => (/^\d+$/.test(s) ? Number(s) : s));
  for (let n = path.length; n >= 0; n--) {
    const node = doc.getIn(path.slice(0, n), true) as { range?: [number, number, number] } | undefined;
    if (node?.range) {
      const { line, col } = lineCounter.linePos(node.range[0]);
      return { line, column: col };
    }
  }
  return { line: 1, column: 1 };
}

/** The most useful schema error: the deepest one that is not a oneOf summary. */
function pickError(errors: SchemaError[]): SchemaError {
  const specific = errors.filter(
    (e) => e.keyword !== 'oneOf' && e.keyword !== 'not' && !(e.keyword === 'required' && errors.some((o) => o.keyword === 'oneOf' && o.instancePath === e.instancePath)),
  );
  const pool = specific.length
    ? specific
    : errors
        .filter((e) => e.keyword === 'oneOf')
        .concat(errors)
        .slice(0, 1);
  return pool.reduce((best, e) => (e.instancePath.length > best.instancePath.length ? e : best));
}

function describe(e: SchemaError): string {
  if (e.keyword === 'additionalProperties') return `unknown field '${String(e.params.additionalProperty)}'`;
  if (e.keyword === 'enum') return `${e.message} (${(e.params.allowedValues as unknown[]).join(', ')})`;
  if (e.keyword === 'oneOf') return 'needs exactly one of "path" or "source"';
  if (e.keyword === 'required') return `missing field '${String(e.params.missingProperty)}'`;
  return e.message ?? e.keyword;
}

function fail(file: string, text: string, pointer: string, what: string): never {
  const where = jsonPathOf(pointer);
  throw new UserError(`${where ? `${where}: ` : ''}${what}`, {
    code: 'E_REGISTRY',
    location: { file, ...locate(text, pointer) },
    hint: 'Fix the registry file; its format is described by registry.schema.json.',
  });
}

/** Checks registry JSON text; returns it parsed. */
export async function validateRegistryText(text: string, file: string): Promise<RegistryJson> {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new UserError(`not valid JSON: ${(err as Error).message}`, { code: 'E_REGISTRY', location: { file, line: 1, column: 1 }, hint: 'Fix the JSON syntax.' });
  }
  const validate = await schemaValidator();
  if (!validate(json)) fail(file, text, pickError(validate.errors ?? []).instancePath, describe(pickError(validate.errors ?? [])));
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
