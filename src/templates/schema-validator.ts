/**
 * The JSON schemas shipped in the package — registry.schema.json (registry.json) and
 * metadata.schema.json (a template's metadata.json) — as validating functions, compiled by ajv.
 * This is the form tests run; the build replaces this module with the same schemas compiled
 * ahead of time by ajv's standalone code generator (scripts/build.mjs), so the package carries
 * the validators, not ajv.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { packagePath } from '../fs/package-root.js';

export interface SchemaError {
  instancePath: string;
  keyword: string;
  message?: string;
  params: Record<string, unknown>;
}

export type Validator = ((data: unknown) => boolean) & { errors?: SchemaError[] | null };

export type SchemaName = 'registry' | 'metadata';

/** The options the validators are compiled with, here and at build time. */
export const AJV_OPTIONS = { allErrors: true, strict: false };

const compiled = new Map<SchemaName, Validator>();

/** `<name>.schema.json`'s validator. */
export function schemaValidator(name: SchemaName): Validator {
  let validate = compiled.get(name);
  if (!validate) {
    // ajv is CommonJS; only tests load it (the build inlines compiled validators instead).
    const Ajv = createRequire(import.meta.url)('ajv').default;
    const schema = JSON.parse(readFileSync(packagePath(`${name}.schema.json`), 'utf8')) as object;
    validate = new Ajv(AJV_OPTIONS).compile(schema) as Validator;
    compiled.set(name, validate);
  }
  return validate;
}
