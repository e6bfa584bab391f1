/**
 * A third-party registry's `registry.json`, read as untrusted input and checked by the templates
 * module's validator (registry.schema.json plus its extra rules: JSON path, line and column of
 * the bad field). The schema keeps every `path` relative and free of `..`.
 */
import { existsSync, lstatSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { UserError } from '../../errors.js';
import type { RegistryJson } from './registry.js';
import { validateRegistryText } from './validate.js';

export const REGISTRY_FILE = 'registry.json';

/** `<root>/registry.json`, or an empty registry when `allowMissing` (a new registry repository). */
export async function readRegistryJson(root: string, allowMissing = false): Promise<RegistryJson> {
  const file = join(root, REGISTRY_FILE);
  if (!existsSync(file)) {
    if (allowMissing) return { version: 1, templates: [] };
    throw new UserError(`not a template registry: ${REGISTRY_FILE} is missing at the root of ${root}`, {
      code: 'E_REGISTRY',
      hint: 'A registry is a git repository with registry.json at its root (create-golem-app templates publish creates one).',
    });
  }
  // Untrusted: a linked registry.json could make us read (and echo) any file.
  if (!lstatSync(file).isFile()) {
    throw new UserError(`not a template registry: ${REGISTRY_FILE} at the root of ${root} is not a regular file`, {
      code: 'E_REGISTRY',
      hint: 'registry.json may not be a symbolic link.',
    });
  }
  return validateRegistryText(readFileSync(file, 'utf8'), file);
}
