/**
 * Applying a file plan as one transaction: every file is rendered in memory before this runs;
 * here they are written, and on any failure everything this run created is removed and every
 * file it replaced gets its old bytes back. Nothing that existed before is otherwise touched.
 */
import { chmodSync, existsSync, lstatSync, mkdirSync, readFileSync, realpathSync, rmdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, relative, isAbsolute } from 'node:path';
import { UserError } from '../errors.js';
import { resolveInside } from './paths.js';

export type OnExisting = 'fail' | 'skip' | 'merge-lines' | 'replace';

export interface PlannedWrite {
  /** App-relative, `/`-separated. */
  path: string;
  content: Buffer;
  mode?: number;
  onExisting: OnExisting;
}

export type WriteAction = 'create' | 'skip' | 'merge' | 'replace' | 'unchanged';

/** What would happen to each file, without writing (also the `--dry-run` listing). */
export function describePlan(root: string, files: readonly PlannedWrite[]): { path: string; action: WriteAction }[] {
  return files.map((f) => ({ path: f.path, action: decide(root, f).action }));
}

/** What happens to one file; `existing` holds the bytes it replaces (merge, replace). */
function decide(root: string, file: PlannedWrite): { full: string; action: WriteAction; content: Buffer; existing?: Buffer } {
  const full = resolveInside(root, file.path);
  if (!existsSync(full)) return { full, action: 'create', content: file.content };
  const stat = lstatSync(full);
  if (!stat.isFile()) {
    throw new UserError(`cannot write ${file.path}: a ${stat.isDirectory() ? 'folder' : 'link or special file'} is in the way`, {
      hint: 'Move it away or choose another folder.',
    });
  }
  switch (file.onExisting) {
    case 'skip':
      return { full, action: 'skip', content: file.content };
    case 'merge-lines': {
      const existing = readFileSync(full);
      const merged = mergeLines(existing, file.content);
      return { full, action: merged.equals(existing) ? 'unchanged' : 'merge', content: merged, existing };
    }
    case 'replace': {
      const existing = readFileSync(full);
      return { full, action: existing.equals(file.content) ? 'unchanged' : 'replace', content: file.content, existing };
    }
    case 'fail':
      throw new UserError(`${file.path} already exists`, { hint: 'Nothing was written; remove it or choose another name.' });
  }
}

/** Golem merges `.gitignore` files as a sorted set of lines. */
export function mergeLines(existing: Buffer, added: Buffer): Buffer {
  const eol = existing.includes('\r\n') ? '\r\n' : '\n';
  const lines = new Set(
    [...existing.toString('utf8').split(/\r?\n/), ...added.toString('utf8').split(/\r?\n/)].filter((l) => l.trim() !== ''),
  );
  return Buffer.from([...lines].sort().join(eol) + eol);
}

export interface AppliedPlan {
  actions: { path: string; action: WriteAction }[];
  /** Undo this run's writes (used when a later step fails). */
  rollback(): void;
}

/** Writes the plan under `root` (created when missing). Throws after rolling back on any failure. */
export function applyPlan(root: string, files: readonly PlannedWrite[]): AppliedPlan {
  // Decide everything first: a conflict is found before the first byte is written.
  const decisions = files.map((f) => ({ file: f, ...decide(root, f) }));
  const createdDirs: string[] = [];
  const createdFiles: string[] = [];
  const replaced: { full: string; bytes: Buffer; mode: number }[] = [];

  const rollback = () => {
    for (const f of createdFiles.reverse()) rmSync(f, { force: true });
    for (const r of replaced) {
      writeFileSync(r.full, r.bytes);
      chmodSync(r.full, r.mode);
    }
    for (const d of createdDirs.reverse()) {
      try {
        rmdirSync(d);
      } catch {
        // not empty: something else lives there now; leave it.
      }
    }
  };

  const ensured = new Set<string>();
  const ensureDir = (dir: string) => {
    if (ensured.has(dir)) return;
    const missing: string[] = [];
    for (let d = dir; !ensured.has(d) && !existsSync(d); d = dirname(d)) missing.push(d);
    for (const d of missing.reverse()) {
      mkdirSync(d);
      createdDirs.push(d);
    }
    ensured.add(dir);
  };
  // A link already in the target (e.g. a folder symlinked elsewhere) must not carry a write outside it.
  const checkedDirs = new Set<string>();
  const assertInside = (dir: string, path: string, realRoot: string) => {
    if (checkedDirs.has(dir)) return;
    const rel = relative(realRoot, realpathSync(dir));
    if (rel.startsWith('..') || isAbsolute(rel)) {
      throw new UserError(`refusing to write ${path}: its folder links outside ${root}`, { hint: 'Nothing was written.' });
    }
    checkedDirs.add(dir);
  };

  try {
    ensureDir(root);
    const realRoot = realpathSync(root);
    for (const d of decisions) {
      if (d.action === 'skip' || d.action === 'unchanged') continue;
      ensureDir(dirname(d.full));
      assertInside(dirname(d.full), d.file.path, realRoot);
      if (d.action === 'create') {
        writeFileSync(d.full, d.content, { flag: 'wx', mode: d.file.mode ?? 0o644 });
        createdFiles.push(d.full);
      } else {
        const st = lstatSync(d.full);
        replaced.push({ full: d.full, bytes: d.existing!, mode: st.mode & 0o7777 });
        writeFileSync(d.full, d.content);
      }
    }
  } catch (err) {
    rollback();
    if (err instanceof UserError) throw err;
    const e = err as NodeJS.ErrnoException;
    throw new UserError(`could not write ${e.path ?? root}: ${e.code ?? e.message}`, {
      hint: 'Nothing was written; check the folder permissions and free space.',
      cause: err,
    });
  }
  return { actions: decisions.map((d) => ({ path: d.file.path, action: d.action })), rollback };
}
