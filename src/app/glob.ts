/**
 * The include globs of a root golem.yaml (`common-*\/golem.yaml`, `components-*\/*\/golem.yaml`,
 * Golem's default `**\/golem.yaml`), matched segment by segment against the real folders.
 * Wildcards never descend into node_modules or .git (an npm install would otherwise bring
 * in every package's golem.yaml). As Golem's walk (golem-cli/src/fs.rs, `LinkBehavior::ReadFile`),
 * links to folders are not traversed once the pattern has had a wildcard, so a link loop under
 * `**` ends; a matching link to a file is read. A match that is not a regular file (a FIFO, a
 * device) is an error naming it, never a read that waits.
 */
import { join, resolve } from 'node:path';
import { UserError } from '../errors.js';
import type { FileView } from '../fs/files.js';

const SKIPPED = new Set(['node_modules', '.git']);

function segmentRegex(segment: string): RegExp {
  let out = '';
  for (let i = 0; i < segment.length; i++) {
    const ch = segment[i]!;
    if (ch === '*') out += '[^/]*';
    else if (ch === '?') out += '[^/]';
    else if (ch === '{') {
      const close = segment.indexOf('}', i);
      if (close < 0) out += '\\{';
      else {
        out += `(?:${segment
          .slice(i + 1, close)
          .split(',')
          .map(escapeRegex)
          .join('|')})`;
        i = close;
      }
    } else out += escapeRegex(ch);
  }
  return new RegExp(`^${out}$`);
}

function escapeRegex(text: string): string {
  return text.replace(/[.+^$()|[\]\\{}*?]/g, '\\$&');
}

const hasWildcard = (segment: string) => /[*?{]/.test(segment);

/** `variant`: a wildcard came before, so links to folders are no longer traversed. */
function walk(files: FileView, dir: string, segments: string[], out: Set<string>, variant: boolean): void {
  const [segment, ...rest] = segments;
  if (segment === undefined) return;
  const last = rest.length === 0;
  const isFolder = (path: string, afterWildcard: boolean) => files.isDir(path) && !(afterWildcard && files.isLink(path));
  if (segment === '**') {
    walk(files, dir, rest, out, true); // zero folders
    for (const name of files.list(dir)) {
      if (SKIPPED.has(name) || !isFolder(join(dir, name), true)) continue;
      walk(files, join(dir, name), segments, out, true);
    }
    return;
  }
  const wildcard = hasWildcard(segment);
  const names = wildcard ? files.list(dir).filter((n) => !SKIPPED.has(n) && segmentRegex(segment).test(n)) : [segment];
  for (const name of names) {
    const path = join(dir, name);
    if (last) {
      if (files.isFile(path)) out.add(path);
      else {
        const special = files.special(path);
        if (special && special !== 'a broken symbolic link') {
          throw new UserError(`${path} is ${special}, not a regular file`, { code: 'E_MANIFEST', hint: 'Only regular files are read as manifests; remove it or rename it.' });
        }
      }
    } else if (isFolder(path, variant || wildcard)) walk(files, path, rest, out, variant || wildcard);
  }
}

/** Absolute paths of the files matching any of `patterns` (relative to `root`), sorted. */
export function globFiles(files: FileView, root: string, patterns: readonly string[]): string[] {
  const out = new Set<string>();
  for (const pattern of patterns) {
    walk(
      files,
      resolve(root),
      pattern.split(/[\\/]+/).filter((s) => s !== '' && s !== '.'),
      out,
      false,
    );
  }
  return [...out].sort();
}
