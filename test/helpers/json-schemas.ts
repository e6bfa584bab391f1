/** The JSON schemas shipped in schemas/ (draft-07), compiled with ajv: every --json output is checked against its own. */
import Ajv from 'ajv';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import { ROOT } from './cli.js';

export const SCHEMA_DIR = join(ROOT, 'schemas');
export const SCHEMA_FILES = readdirSync(SCHEMA_DIR).filter((f) => f.endsWith('.schema.json'));

const ajv = new Ajv.default({ allErrors: true, strict: true, strictRequired: false, strictTuples: false });
for (const file of SCHEMA_FILES) ajv.addSchema(JSON.parse(readFileSync(join(SCHEMA_DIR, file), 'utf8')) as object);

/** Errors of `value` against schemas/<name>.schema.json ([] when valid). */
export function schemaProblems(name: string, value: unknown): string[] {
  const validate = ajv.getSchema(`https://unpkg.com/create-golem-app/schemas/${name}.schema.json`);
  if (!validate) throw new Error(`no schema ${name}`);
  if (validate(value)) return [];
  return (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? ''} ${JSON.stringify(e.params)}`);
}

/** Parses a command's stdout as one JSON document and checks it against its schema; returns it. */
export function expectJson<T = Record<string, unknown>>(name: string, stdout: string): T {
  const value = JSON.parse(stdout) as T;
  expect(schemaProblems(name, value), stdout).toEqual([]);
  return value;
}
