/**
 * Generated directories are planned in memory as file trees (relative path → text) and then
 * synchronised to disk: a file is written only when its bytes differ, and files of the managed
 * directory that the plan no longer has are removed. A second run with nothing changed
 * therefore touches nothing (contents and mtimes stay).
 */
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, rmdirSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';

/** Relative `/`-separated path → file text. */
export type FileTree = Map<string, string>;

export interface SyncResult {
  added: string[];
  changed: string[];
  unchanged: string[];
  removed: string[];
}

export const emptySyncResult = (): SyncResult => ({ added: [], changed: [], unchanged: [], removed: [] });

/** Every file below `dir`, read as text (missing dir: empty tree). */
export function readTree(dir: string): FileTree {
  const tree: FileTree = new Map();
  if (!existsSync(dir)) return tree;
  const walk = (d: string) => {
    for (const name of readdirSync(d).sort()) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else tree.set(relative(dir, p).split('\\').join('/'), readFileSync(p, 'utf8'));
    }
  };
  walk(dir);
  return tree;
}

/** The files of `tree` below `prefix/`, re-rooted. */
export function subTree(tree: FileTree, prefix: string): FileTree {
  const out: FileTree = new Map();
  const p = prefix.endsWith('/') ? prefix : `${prefix}/`;
  for (const [path, text] of tree) if (path.startsWith(p)) out.set(path.slice(p.length), text);
  return out;
}

/** Puts every file of `from` into `into` below `prefix` (overwriting, as Golem's copies do). */
export function mergeInto(into: FileTree, from: FileTree, prefix = ''): void {
  for (const [path, text] of from) into.set(prefix ? `${prefix}/${path}` : path, text);
}

/**
 * Makes `dir` hold exactly `tree`. `report` receives paths relative to `reportBase`.
 * Unchanged files are not opened for writing.
 */
export function syncTree(dir: string, tree: FileTree, reportBase: string, result: SyncResult): void {
  const existing = existsSync(dir) ? readTree(dir) : new Map<string, string>();
  const rel = (p: string) => relative(reportBase, join(dir, p)).split('\\').join('/');
  const made = new Set<string>();
  for (const [path, text] of [...tree].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const before = existing.get(path);
    if (before === text) {
      result.unchanged.push(rel(path));
      continue;
    }
    const file = join(dir, path);
    const parent = dirname(file);
    if (!made.has(parent)) {
      mkdirSync(parent, { recursive: true });
      made.add(parent);
    }
    writeFileSync(file, text);
    (before === undefined ? result.added : result.changed).push(rel(path));
  }
  for (const path of existing.keys()) {
    if (tree.has(path)) continue;
    rmSync(join(dir, path), { force: true });
    result.removed.push(rel(path));
    removeEmptyParents(dirname(join(dir, path)), dir);
  }
}

/** Removes a whole generated directory (a client package nobody depends on any more). */
export function removeTree(dir: string, reportBase: string, result: SyncResult): void {
  if (!existsSync(dir)) return;
  for (const path of readTree(dir).keys()) result.removed.push(relative(reportBase, join(dir, path)).split('\\').join('/'));
  rmSync(dir, { recursive: true, force: true });
}

function removeEmptyParents(dir: string, stopAt: string): void {
  let d = dir;
  while (d.length > stopAt.length && existsSync(d) && readdirSync(d).length === 0) {
    rmdirSync(d);
    d = dirname(d);
  }
}
