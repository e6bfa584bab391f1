/** Path safety for everything written on behalf of a template or a plan. */
import { isAbsolute, join, normalize, relative } from 'node:path';
import { UserError } from '../errors.js';

/**
 * Resolves an app-relative, `/`-separated path inside `root`, refusing anything that would land
 * outside it (`..`, absolute paths, drive letters, NUL bytes).
 */
export function resolveInside(root: string, relPath: string, what = 'path'): string {
  const bad = (why: string) => new UserError(`unsafe ${what} '${relPath}': ${why}`, { code: 'E_PATH', hint: 'Nothing was written.' });
  if (relPath.length === 0) throw bad('empty');
  if (relPath.includes('\0')) throw bad('contains a NUL byte');
  if (isAbsolute(relPath) || /^[A-Za-z]:/.test(relPath) || relPath.startsWith('/') || relPath.startsWith('\\')) throw bad('absolute');
  const parts = relPath.split(/[\\/]/);
  if (parts.some((p) => p === '..')) throw bad('goes above the target folder');
  const full = join(root, normalize(relPath));
  const rel = relative(root, full);
  if (rel === '' || rel.startsWith('..') || isAbsolute(rel)) throw bad('outside the target folder');
  return full;
}
