/**
 * Generated directories are planned in memory as file trees (relative path → text) and then
 * planned into the run's Plan: every file of the tree as generated output (the commit writes it
 * only when its bytes differ), and every file the directory has that the tree no longer has as
 * a removal. A second run with nothing changed therefore touches nothing (contents and mtimes stay).
 * The directory is the owner of what is planned in it (fs/plan.ts): links in it are removed, never
 * followed. In a component's generatedWit, which its user may have pointed anywhere, a stale
 * regular file that is not WIT is never deleted: that is an error naming it.
 */
import { join } from 'node:path';
import { UserError } from '../errors.js';
import type { FileView } from '../fs/files.js';
import type { Plan } from '../fs/plan.js';

/** Relative `/`-separated path → file text. */
export type FileTree = Map<string, string>;

/** Every file below `dir`, read as text through `files` (missing dir: empty tree); a FIFO or device named `*.wit` is an error. */
export function readTree(files: FileView, dir: string): FileTree {
  const tree: FileTree = new Map();
  const walk = (d: string, prefix: string) => {
    for (const name of files.list(d)) {
      const p = join(d, name);
      if (files.isDir(p)) walk(p, `${prefix}${name}/`);
      else if (files.isFile(p)) tree.set(`${prefix}${name}`, files.readText(p)!);
      else if (name.endsWith('.wit')) refuseSpecialWit(files, p);
    }
  };
  walk(dir, '');
  return tree;
}

/** A `*.wit` that is a FIFO, socket or device (a broken link is skipped, as a missing file). */
export function refuseSpecialWit(files: FileView, path: string): void {
  const special = files.special(path);
  if (special && special !== 'a broken symbolic link') {
    throw new UserError(`${path} is ${special}, not a regular file`, { code: 'E_WIT', hint: 'Only regular files are read as WIT; remove it or rename it.' });
  }
}

/**
 * Plans `dir` (absolute, inside the plan's root) to hold exactly `tree`; returns the app-relative
 * paths it planned. `onlyWit`: stale regular files other than `.wit` are refused, not removed.
 */
export function planTree(plan: Plan, dir: string, tree: FileTree, options: { onlyWit?: boolean } = {}): string[] {
  const base = relativeInApp(plan, dir);
  const paths: string[] = [];
  for (const [path, text] of tree) {
    const rel = `${base}/${path}`;
    plan.write({ path: rel, content: bytesOf(text), onExisting: 'replace', generated: true, owner: base });
    paths.push(rel);
  }
  for (const { path, kind } of plan.walkEntries(dir)) {
    if (tree.has(path)) continue;
    const rel = `${base}/${path}`;
    if (options.onlyWit && kind === 'file' && !path.endsWith('.wit')) {
      throw new UserError(`${rel} is not generated WIT, and generation would delete it`, {
        code: 'E_PATH',
        hint: `Nothing was changed. ${base} is the component's generatedWit, which the tool owns: move the file, or point generatedWit at a folder of its own.`,
      });
    }
    plan.remove({ path: rel, generated: true, pruneUpTo: base });
    paths.push(rel);
  }
  return paths;
}

/** One buffer per text: the same WIT package lands in many generated folders. */
const buffers = new Map<string, Buffer>();
function bytesOf(text: string): Buffer {
  let bytes = buffers.get(text);
  if (!bytes) {
    bytes = Buffer.from(text);
    buffers.set(text, bytes);
  }
  return bytes;
}

/** Plans the removal of a whole generated directory (a client nobody depends on any more). */
export function planRemoveTree(plan: Plan, dir: string, pruneUpTo: string): string[] {
  const base = relativeInApp(plan, dir);
  return plan.walk(dir).map((path) => {
    const rel = `${base}/${path}`;
    plan.remove({ path: rel, generated: true, pruneUpTo: relativeInApp(plan, pruneUpTo) });
    return rel;
  });
}

function relativeInApp(plan: Plan, dir: string): string {
  const rel = plan.relative(dir);
  if (rel === undefined || rel === '') {
    throw new UserError(`refusing to generate into ${dir}: it is outside the app folder ${plan.root}`, {
      code: 'E_PATH',
      hint: "Keep tempDir and the components' WIT folders inside the app.",
    });
  }
  return rel;
}
