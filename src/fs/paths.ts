/** Path safety for everything written on behalf of a template or a plan. */
import { basename, dirname, isAbsolute, join, resolve, sep } from 'node:path';
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

/** What a canonical relative `/` path must not have: an empty, `.` or `..` segment (a leading or trailing `/`), a `\\`, a NUL, a drive letter. */
const NOT_CANONICAL = /^$|^[A-Za-z]:|[\\\0]|(^|\/)\.{0,2}(\/|$)/;

/** `/`-separated names, none empty, `.` or `..`, without `\\`, NUL or drive letter: one file has one such path. */
export const isCanonicalRelative = (path: string): boolean => !NOT_CANONICAL.test(path);

/** An absolute POSIX path with nothing to normalise (no `//`, `.` or `..` segment, no trailing `/`): `path.resolve` gives it back as it is. */
export const isPlainAbsolute = (path: string): boolean => sep === '/' && path.length > 1 && path.startsWith('/') && !path.endsWith('/') && !/\/\/|\/\.\.?(\/|$)/.test(path);

/** `path.resolve(dir, rel)`, without normalising again when `dir` is plain and `rel` canonical (the common case of manifest paths). */
export const resolveFrom = (dir: string, rel: string): string => (isPlainAbsolute(dir) && isCanonicalRelative(rel) ? `${dir}/${rel}` : resolve(dir, rel));

/** `[dirname(path), basename(path)]`, as two slices at the last `/` where they are that (POSIX, no trailing or doubled `/` there): one split instead of two scans. */
export function parentAndName(path: string): [string, string] {
  const cut = path.lastIndexOf('/');
  if (sep === '/' && !path.endsWith('/')) {
    if (cut === 0) return ['/', path.slice(1)];
    if (cut > 0 && path.charCodeAt(cut - 1) !== 47) return [path.slice(0, cut), path.slice(cut + 1)];
  }
  return [dirname(path), basename(path)];
}
