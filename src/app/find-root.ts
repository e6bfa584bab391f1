/**
 * Finding the app root the way Golem does: walking up from a folder, the first golem.yaml that
 * declares `includes` is the root; without one, the topmost golem.yaml found is.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { parseDocument } from 'yaml';
import { UserError } from '../errors.js';

export const MANIFEST_FILE = 'golem.yaml';

function declaresIncludes(file: string): boolean {
  try {
    const doc = parseDocument(readFileSync(file, 'utf8'));
    return doc.errors.length === 0 && doc.has('includes');
  } catch {
    // Unreadable here means "not the root marker"; loading reports the real problem.
    return false;
  }
}

/**
 * The absolute app root. With `explicit` (the `--app <dir>` flag, resolved against `from`), that
 * folder must hold a golem.yaml; otherwise the search walks up from `from`.
 */
export function findAppRoot(from: string, explicit?: string): string {
  if (explicit !== undefined) {
    const dir = resolve(from, explicit);
    if (!existsSync(join(dir, MANIFEST_FILE))) {
      const what = existsSync(dir) ? (statSync(dir).isDirectory() ? 'has no golem.yaml' : 'is not a folder') : 'does not exist';
      throw new UserError(`--app ${explicit}: ${dir} ${what}`, { hint: 'Pass the folder that holds the root golem.yaml.' });
    }
    return dir;
  }
  let topmost: string | undefined;
  for (let dir = resolve(from); ; dir = dirname(dir)) {
    const manifest = join(dir, MANIFEST_FILE);
    if (existsSync(manifest)) {
      if (declaresIncludes(manifest)) return dir;
      topmost = dir;
    }
    if (dirname(dir) === dir) break;
  }
  if (topmost) return topmost;
  throw new UserError(`no golem.yaml in ${resolve(from)} or any folder above it`, {
    hint: 'Run this inside a Golem app, or pass --app <dir>.',
  });
}

/** The nearest folder at or above `from` that holds a golem.yaml, if any (no parsing). */
export function nearestManifestDir(from: string): string | undefined {
  for (let dir = resolve(from); ; dir = dirname(dir)) {
    if (existsSync(join(dir, MANIFEST_FILE))) return dir;
    if (dirname(dir) === dir) return undefined;
  }
}
