/**
 * The text-only path shortcuts give what node:path gives, for paths built from the pieces that
 * make them go wrong (empty, `.` and `..` segments, doubled and trailing separators, backslashes).
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { basename, dirname, normalize, relative, resolve } from 'node:path';
import { isCanonicalRelative, isPlainAbsolute, parentAndName, pathProblem, resolveFrom } from '../../src/fs/paths.js';

const segment = fc.constantFrom('a', 'bc', '.', '..', '', '.x', '..y', '...', 'a\\b', 'C:', 'wit-generated');
const joined = fc.array(segment, { minLength: 1, maxLength: 5 }).map((parts) => parts.join('/'));
const absolute = joined.map((p) => `/${p}`);

describe('path shortcuts', () => {
  it('resolveFrom(dir, rel) is path.resolve(dir, rel)', () => {
    fc.assert(
      fc.property(absolute, joined, (dir, rel) => {
        expect(resolveFrom(dir, rel)).toBe(resolve(dir, rel));
      }),
      { numRuns: 2000 },
    );
  });

  it('a plain absolute path is one that needs no normalising', () => {
    fc.assert(
      fc.property(fc.oneof(absolute, joined), (path) => {
        if (isPlainAbsolute(path)) expect(normalize(path)).toBe(path);
        if (path.startsWith('/') && !path.endsWith('/') && normalize(path) === path) expect(isPlainAbsolute(path)).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });

  it('a canonical relative path has no path problem and no empty or dot segment', () => {
    fc.assert(
      fc.property(joined, (path) => {
        const expected = pathProblem(path) === undefined && !path.includes('\\') && !path.split('/').some((s) => s === '' || s === '.');
        expect(isCanonicalRelative(path)).toBe(expected && !/^[A-Za-z]:/.test(path));
      }),
      { numRuns: 2000 },
    );
  });

  it('inside-ness of two plain absolute paths is a prefix test on the text', () => {
    fc.assert(
      fc.property(absolute, absolute, (dir, path) => {
        if (!isPlainAbsolute(dir) || !isPlainAbsolute(path)) return;
        const rel = relative(dir, path);
        expect(path === dir || path.startsWith(`${dir}/`)).toBe(rel === '' || (!rel.startsWith('../') && rel !== '..'));
      }),
      { numRuns: 2000 },
    );
  });

  it('parentAndName is dirname and basename, for every path', () => {
    const any = fc.array(fc.constantFrom('/', 'a', '.', 'b'), { minLength: 1, maxLength: 8 }).map((c) => c.join(''));
    fc.assert(
      fc.property(fc.oneof(any, absolute, joined), (path) => {
        expect(parentAndName(path)).toEqual([dirname(path), basename(path)]);
      }),
      { numRuns: 3000 },
    );
  });
});
