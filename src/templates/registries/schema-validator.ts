/**
 * registry.schema.json as a validating function, compiled by ajv. This is the form tests run;
 * the build replaces this module with the same schema compiled ahead of time by ajv's standalone
 * code generator (scripts/build.mjs), so the package carries the validator, not ajv.
 */
import { readFileSync } from 'node:fs';
import { packagePath } from '../../fs/package-root.js';

export interface SchemaError {
  instancePath: string;
  keyword: string;
  message?: string;
  params: Record<string, unknown>;
}

export type Validator = ((data: unknown) => boolean) & { errors?: SchemaError[] | null };

/** The options the validator is compiled with, here and at build time. */
export const AJV_OPTIONS = { allErrors: true, strict: false };

export async function compileRegistrySchema(): Promise<Validator> {
  // ajv is CommonJS: its class is the module's `default` export.
  const Ajv = (await import('ajv')).default.default;
  const schema = JSON.parse(readFileSync(packagePath('registry.schema.json'), 'utf8')) as object;
  return new Ajv(AJV_OPTIONS).compile(schema) as Validator;
}
