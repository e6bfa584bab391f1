/**
 * The include globs of a root golem.yaml (`common-*\/golem.yaml`, `components-*\/*\/golem.yaml`,
 * Golem's default `**\/golem.yaml`), matched segment by segment against the real folders.
 * Wildcards never descend into node_modules or .git (an npm install would otherwise bring
 * in every package's golem.yaml).
 */
import { join, resolve } from 'node:path';
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

function walk(files: FileView, dir: string, segments: string[], out: Set<string>): void {
  const [segment, ...rest] = segments;
  if (segment === undefined) return;
  const last = rest.length === 0;
  if (segment === '**') {
    walk(files, dir, rest, out); // zero folders
    for (const name of files.list(dir)) {
      if (SKIPPED.has(name) || !files.isDir(join(dir, name))) continue;
      walk(files, join(dir, name), segments, out);
    }
    return;
  }
  const names = hasWildcard(segment) ? files.list(dir).filter((n) => !SKIPPED.has(n) && segmentRegex(segment).test(n)) : [segment];
  for (const name of names) {
    const path = join(dir, name);
    if (last ? files.isFile(path) : files.isDir(path)) {
      if (last) out.add(path);
      else walk(files, path, rest, out);
    }
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
    );
  }
  return [...out].sort();
}
