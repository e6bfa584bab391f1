/** Path safety for everything written on behalf of a template or a plan. */
import { isAbsolute, join } from 'node:path';
import { UserError } from '../errors.js';

/**
 * Why an app-relative path (`/`- or `\`-separated) would not stay inside its folder, or
 * undefined: empty, NUL bytes, absolute paths and drive letters, `..` segments, or nothing but
 * `.` segments (the folder itself). Checked on the text: no file system access.
 */
export function pathProblem(relPath: string): string | undefined {
  if (relPath.length === 0) return 'empty';
  if (relPath.includes('\0')) return 'contains a NUL byte';
  if (isAbsolute(relPath) || /^[A-Za-z]:/.test(relPath) || relPath.startsWith('/') || relPath.startsWith('\\')) return 'absolute';
  const parts = relPath.split(/[\\/]/);
  if (parts.some((p) => p === '..')) return 'goes above the target folder';
  if (parts.every((p) => p === '' || p === '.')) return 'outside the target folder';
  return undefined;
}

/**
 * Resolves an app-relative, `/`-separated path inside `root`, refusing anything that would land
 * outside it (`..`, absolute paths, drive letters, NUL bytes).
 */
export function resolveInside(root: string, relPath: string, what = 'path'): string {
  const problem = pathProblem(relPath);
  if (problem) throw new UserError(`unsafe ${what} '${relPath}': ${problem}`, { code: 'E_PATH', hint: 'Nothing was written.' });
  return join(root, relPath);
}
