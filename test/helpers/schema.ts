/** Golem's app manifest JSON schema 1.2.5 (vendored) through ajv. */
import Ajv from 'ajv';
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';

const schema = JSON.parse(readFileSync(new URL('../fixtures/schema/golem-1.2.5.schema.json', import.meta.url), 'utf8')) as Record<string, unknown>;
// ajv does not know the https:// draft-07 meta-schema URL; draft-07 is ajv 8's default.
delete schema.$schema;
const ajv = new Ajv.default({ allErrors: true, strict: false });
const validate = ajv.compile(schema);

/** Errors of a golem.yaml text against the schema ([] when valid). */
export function schemaErrors(yamlText: string): string[] {
  const doc = parse(yamlText) as unknown;
  if (validate(doc ?? {})) return [];
  return (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? ''} ${JSON.stringify(e.params)}`);
}
