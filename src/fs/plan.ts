/**
 * A run's changes to one folder (the app), planned in memory and committed as one transaction.
 * Every command builds one Plan — template files, golem.yaml edits, generated WIT, removals of
 * stale generated files — and commits it with `commitPlan`; nothing else writes into an app.
 *
 * A Plan is also a FileView of the folder as the commit will leave it: planners read through it,
 * so what a run plans is read back from memory, never from disk, and every file on disk is read
 * at most once (DiskFiles). `inspectPlan` says what a commit would do without doing it.
 *
 * The commit decides everything first, against the run's one view of the disk (a conflict is
 * found before the first byte is written), then writes: new files exclusively (`wx`, so a file
 * that appeared meanwhile is never overwritten), replaced files through a temp file and a rename
 * in their own folder (mode and owner kept; a symlinked golem.yaml stays a symlink), removals
 * last. On any failure everything done so far is undone. A file planned from what it held when
 * read (an edit) is refused when its stamp (size, mtime, inode, checked afresh) changed since.
 */
import { accessSync, chmodSync, chownSync, constants, mkdirSync, realpathSync, renameSync, rmdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, isAbsolute, join, relative, sep } from 'node:path';
import { UserError } from '../errors.js';
import { DiskFiles, type FileView, sameStamp, type Stamp, stampOf } from './files.js';
import { pathProblem } from './paths.js';

/**
 * What to do when the file exists: `fail` (a component's own files), `skip` (shared files, as
 * Golem's MergeOrSkip), `merge-lines` (`.gitignore`: missing entries appended), `replace` (edits,
 * generated output, `--overwrite`).
 */
export type OnExisting = 'fail' | 'skip' | 'merge-lines' | 'replace';

export interface PlannedWrite {
  /** App-relative, `/`-separated. */
  path: string;
  content: Buffer;
  /** Mode of a new file (default 0o644); a replaced file keeps its own. */
  mode?: number;
  onExisting: OnExisting;
  /**
   * A `replace` planned from the file's contents: what it was when read (`absent`: there was no
   * file). The commit refuses when the file changed since.
   */
  basis?: Stamp | 'absent';
  /** Output the tool generates and owns (golem-temp/, wit-generated/). */
  generated?: boolean;
}

export interface PlannedRemoval {
  /** App-relative, `/`-separated: a file. */
  path: string;
  /** Only generated output is ever removed. */
  generated: true;
  /** Folders the removal leaves empty are removed too, up to (not including) this app-relative folder. */
  pruneUpTo: string;
}

/**
 * A user's folder deleted on purpose, sources and all. Only `remove component` plans one (the one
 * command that deletes what the user wrote); every other removal is of generated output.
 */
export interface PlannedComponentFolderRemoval {
  /** App-relative, `/`-separated: the component's own folder (never the app root). */
  path: string;
  /** The component it belongs to, for messages. */
  component: string;
}

export type FileAction = 'create' | 'skip' | 'merge' | 'replace' | 'unchanged' | 'remove';

export interface FileOutcome {
  path: string;
  action: FileAction;
}

export class Plan implements FileView {
  private readonly writes = new Map<string, PlannedWrite>();
  private readonly removals = new Map<string, PlannedRemoval>();
  private readonly folderRemovals = new Map<string, PlannedComponentFolderRemoval>();
  /** Folders that planned files create or fill (app-relative, '' is the root) → names planned in them. */
  private readonly folders = new Map<string, Set<string>>();
  private readonly decoded = new WeakMap<Buffer, string>();
  /** Every path written, edited or removed, in order (what was computed from the plan may be stale after). */
  private readonly changed: string[] = [];

  /** `root`: absolute; it may not exist yet. `disk`: the run's one cache of what is on disk. */
  private readonly rootSlash: string;

  constructor(
    readonly root: string,
    readonly disk: DiskFiles = new DiskFiles(),
  ) {
    this.rootSlash = root.endsWith(sep) ? root : root + sep;
  }

  /** The app-relative `/` path of an absolute path inside the root (undefined outside it, '' for the root). */
  relative(path: string): string | undefined {
    if (path.startsWith(this.rootSlash)) {
      const rel = path.slice(this.rootSlash.length);
      if (sep === '/' && !rel.includes('/./') && !rel.includes('/../') && !rel.startsWith('../') && !rel.startsWith('./')) return rel;
    }
    const rel = relative(this.root, path);
    if (rel.startsWith('..') || isAbsolute(rel)) return undefined;
    return sep === '/' ? rel : rel.split(sep).join('/');
  }

  /** How many changes the plan has had: pass it to `changedSince` later. */
  get version(): number {
    return this.changed.length;
  }

  /** The app-relative paths changed after `version`. */
  changedSince(version: number): readonly string[] {
    return this.changed.slice(version);
  }

  /** Adds a file (a later plan of the same path replaces the earlier one). */
  write(file: PlannedWrite): void {
    assertAppRelative(file.path);
    const gone = this.removedFolderOf(file.path);
    if (gone) throw new UserError(`cannot write ${file.path}: its folder ${gone}/ is being removed`, { code: 'E_CONFLICT', hint: 'Nothing was written.' });
    this.changed.push(file.path);
    this.removals.delete(file.path);
    this.writes.set(file.path, file);
    const parts = file.path.split('/');
    for (let i = 0; i < parts.length; i++) {
      const folder = parts.slice(0, i).join('/');
      const names = this.folders.get(folder) ?? new Set<string>();
      this.folders.set(folder, names);
      names.add(parts[i]!);
    }
  }

  /** Plans `path` (absolute) to hold `content` instead of what this view shows now: an edit. */
  edit(path: string, content: string | Buffer): void {
    const rel = this.relative(path);
    if (rel === undefined || rel === '') {
      throw new UserError(`refusing to change ${path}: it is outside ${this.root}`, { code: 'E_PATH', hint: 'Nothing was written.' });
    }
    const bytes = typeof content === 'string' ? Buffer.from(content) : content;
    const planned = this.writes.get(rel);
    const onDisk = this.disk.entry(path);
    if (planned && (!onDisk || planned.onExisting === 'fail' || planned.onExisting === 'replace')) {
      this.writes.set(rel, { ...planned, content: bytes });
      this.changed.push(rel);
      return;
    }
    this.write({ path: rel, content: bytes, onExisting: 'replace', basis: onDisk ? onDisk.stamp : 'absent', ...(planned?.mode !== undefined ? { mode: planned.mode } : {}) });
  }

  /** Plans the removal of a generated file (nothing happens when it is not there). */
  remove(removal: PlannedRemoval): void {
    assertAppRelative(removal.path);
    if (!this.writes.has(removal.path) && this.removedFolderOf(removal.path) === undefined) this.removals.set(removal.path, removal);
    this.changed.push(removal.path);
  }

  /**
   * Plans the deletion of a component's whole folder — the user's sources with it. Deliberately
   * narrow: only `remove component` calls it, after listing what goes and a confirmation. The
   * view shows nothing below the folder from now on; generated removals planned in it are dropped.
   */
  removeComponentFolder(removal: PlannedComponentFolderRemoval): void {
    assertAppRelative(removal.path);
    for (const path of this.writes.keys()) {
      if (isBelow(path, removal.path))
        throw new UserError(`cannot remove ${removal.path}/: ${path} is planned to be written`, { code: 'E_CONFLICT', hint: 'Nothing was written.' });
    }
    for (const path of this.removals.keys()) if (isBelow(path, removal.path)) this.removals.delete(path);
    this.folderRemovals.set(removal.path, removal);
    this.changed.push(removal.path);
  }

  /** The component folders planned for removal. */
  get removedFolders(): PlannedComponentFolderRemoval[] {
    return [...this.folderRemovals.values()];
  }

  /** The removed component folder that is or holds an app-relative path, if one does. */
  removedFolderOf(rel: string): string | undefined {
    if (this.folderRemovals.size === 0) return undefined;
    for (const folder of this.folderRemovals.keys()) if (rel === folder || isBelow(rel, folder)) return folder;
    return undefined;
  }

  /** Whether the plan removes what is at `path` (absolute): a removed file, or anything in a removed folder. */
  private gone(rel: string | undefined): boolean {
    return rel !== undefined && rel !== '' && (this.removals.has(rel) || this.removedFolderOf(rel) !== undefined);
  }

  /** The planned write of an app-relative path. */
  planned(path: string): PlannedWrite | undefined {
    return this.writes.get(path);
  }

  get files(): PlannedWrite[] {
    return [...this.writes.values()];
  }

  get removed(): PlannedRemoval[] {
    return [...this.removals.values()];
  }

  read(path: string): Buffer | undefined {
    const rel = this.relative(path);
    if (rel === undefined || rel === '') return this.disk.read(path);
    if (this.gone(rel)) return undefined;
    const w = this.writes.get(rel);
    if (!w) return this.disk.read(path);
    if (w.onExisting === 'skip') return this.disk.read(path) ?? w.content;
    if (w.onExisting === 'merge-lines') {
      const existing = this.disk.read(path);
      return existing ? mergeLines(existing, w.content) : w.content;
    }
    return w.content;
  }

  readText(path: string): string | undefined {
    const rel = this.relative(path);
    if (rel === undefined || (!this.writes.has(rel) && !this.gone(rel))) return this.disk.readText(path);
    const bytes = this.read(path);
    if (bytes === undefined) return undefined;
    const text = this.decoded.get(bytes) ?? bytes.toString('utf8');
    this.decoded.set(bytes, text);
    return text;
  }

  isFile(path: string): boolean {
    const rel = this.relative(path);
    if (this.gone(rel)) return false;
    if (rel !== undefined && this.writes.has(rel)) return true;
    return this.disk.isFile(path);
  }

  isDir(path: string): boolean {
    const rel = this.relative(path);
    if (rel !== undefined && this.removedFolderOf(rel) !== undefined) return false;
    return (rel !== undefined && this.folders.has(rel)) || this.disk.isDir(path);
  }

  list(path: string): string[] {
    const rel = this.relative(path);
    if (rel !== undefined && this.removedFolderOf(rel) !== undefined) return [];
    const planned = rel === undefined ? undefined : this.folders.get(rel);
    const names = new Set(this.disk.list(path));
    for (const name of planned ?? []) names.add(name);
    if (rel !== undefined) for (const name of names) if (this.gone(rel ? `${rel}/${name}` : name)) names.delete(name);
    return [...names].sort();
  }

  /** Every file below `path` (absolute) as this view shows it, as `/` paths relative to `path`, sorted. */
  walk(path: string): string[] {
    const out: string[] = [];
    const visit = (dir: string, rel: string | undefined, prefix: string) => {
      const names = new Map<string, 'file' | 'dir'>();
      for (const [name, kind] of this.disk.entries(dir)) if (kind !== 'other') names.set(name, kind);
      for (const name of (rel !== undefined && this.folders.get(rel)) || []) names.set(name, this.folders.has(rel ? `${rel}/${name}` : name) ? 'dir' : 'file');
      for (const name of [...names.keys()].sort()) {
        const childRel = rel === undefined ? undefined : rel ? `${rel}/${name}` : name;
        if (childRel !== undefined && this.removedFolderOf(childRel) !== undefined) continue;
        if (names.get(name) === 'dir') visit(join(dir, name), childRel, `${prefix}${name}/`);
        else if (!this.gone(childRel)) out.push(`${prefix}${name}`);
      }
    };
    visit(path, this.relative(path), '');
    return out;
  }
}

const isBelow = (path: string, folder: string): boolean => path.startsWith(`${folder}/`);

/**
 * A plan's paths are canonical app-relative `/` paths that stay inside the app (pathProblem), with
 * no empty or `.` segment and no backslash, so that one file has one key.
 */
function assertAppRelative(path: string): void {
  const problem = pathProblem(path) ?? (path.includes('\\') || path.split('/').some((s) => s === '' || s === '.') ? 'not a canonical app-relative path' : undefined);
  if (problem) throw new UserError(`unsafe path '${path}': ${problem}`, { code: 'E_PATH', hint: 'Nothing was written.' });
}

/**
 * `.gitignore` merge: the existing bytes are kept as they are, and the entries of `added` that
 * the file lacks are appended at the end, in their order (comments and blank lines of `added`
 * are not entries). golem-cli sorts the union of both files' lines instead (README: where we
 * knowingly differ), which detaches comments and drops blank lines.
 */
export function mergeLines(existing: Buffer, added: Buffer): Buffer {
  const text = existing.toString('utf8');
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const present = new Set(text.split(/\r?\n/).map((l) => l.trim()));
  const missing: string[] = [];
  for (const line of added.toString('utf8').split(/\r?\n/)) {
    const entry = line.trim();
    if (entry === '' || entry.startsWith('#') || present.has(entry)) continue;
    present.add(entry);
    missing.push(entry);
  }
  if (missing.length === 0) return existing;
  const separator = existing.length === 0 || text.endsWith('\n') ? '' : eol;
  return Buffer.concat([existing, Buffer.from(`${separator}${missing.join(eol)}${eol}`)]);
}

interface Decision {
  path: string;
  action: FileAction;
  full: string;
  content?: Buffer;
  /** Mode of a new file. */
  mode?: number;
  /** What a replaced or removed file held, for rollback. */
  existing?: Buffer;
  /** The file a replace writes: the real path (a symlinked file stays a symlink). */
  target?: string;
  /** Mode and owner of the replaced or removed file. */
  was?: { mode: number; uid: number; gid: number };
  /** A removal: where pruning empty folders stops (absolute). */
  pruneUpTo?: string;
  /** A component folder removal (`path` ends with `/`). */
  folder?: true;
}

const NEW_FILE_MODE = 0o644;

/** Temp names: unique within the process; `wx` refuses a name another process happens to hold. */
let tempCounter = 0;

function inTheWay(path: string, kind: string): UserError {
  return new UserError(`cannot write ${path}: a ${kind === 'dir' ? 'folder' : 'link or special file'} is in the way`, {
    code: 'E_CONFLICT',
    hint: 'Move it away or choose another folder.',
  });
}

/** A planned edit of a file read earlier: refused when it is not writable or changed since. */
function decideEdit(plan: Plan, w: PlannedWrite, full: string, basis: Stamp): Decision {
  const st = statSync(full);
  if (!st.isFile()) throw new UserError(`${full} is not a regular file`, { code: 'E_CONFLICT', hint: 'Nothing was written.' });
  const mode = st.mode & 0o7777;
  // As root, rename would replace a file nobody may write: refuse on the mode bits themselves.
  if ((mode & 0o222) === 0) {
    throw new UserError(`${full} is read-only (mode ${mode.toString(8).padStart(3, '0')})`, {
      code: 'E_PERMISSION',
      hint: 'Nothing was written; make it writable (chmod u+w) and run the command again.',
    });
  }
  try {
    accessSync(full, constants.W_OK);
    accessSync(dirname(full), constants.W_OK);
  } catch {
    throw new UserError(`${full} is not writable by you`, { code: 'E_PERMISSION', hint: 'Nothing was written; check the permissions of the file and its folder.' });
  }
  if (!sameStamp(stampOf(st), basis)) throw new UserError(`${full} changed since it was read`, { code: 'E_CHANGED', hint: 'Nothing was written; run the command again.' });
  const existing = plan.disk.read(full)!;
  if (existing.equals(w.content)) return { path: w.path, action: 'unchanged', full };
  return { path: w.path, action: 'replace', full, content: w.content, existing, target: realpathSync(full), was: { mode, uid: st.uid, gid: st.gid } };
}

function decideWrite(plan: Plan, now: DiskFiles, w: PlannedWrite): Decision {
  const full = join(plan.root, w.path);
  const entry = now.entryKind(full);
  if (entry === undefined) {
    if (w.basis !== undefined && w.basis !== 'absent') {
      throw new UserError(`${full} disappeared since it was read`, { code: 'E_CHANGED', hint: 'Nothing was written; run the command again.' });
    }
    return { path: w.path, action: 'create', full, content: w.content, mode: w.mode ?? NEW_FILE_MODE };
  }
  if (w.basis === 'absent') throw new UserError(`${full} changed since it was read`, { code: 'E_CHANGED', hint: 'Nothing was written; run the command again.' });
  if (w.basis !== undefined) return decideEdit(plan, w, full, w.basis);
  if (entry !== 'file') throw inTheWay(w.path, entry);
  switch (w.onExisting) {
    case 'skip':
      return { path: w.path, action: 'skip', full };
    case 'fail':
      throw new UserError(`${w.path} already exists`, { code: 'E_CONFLICT', hint: 'Nothing was written; remove it or choose another name.' });
    case 'merge-lines':
    case 'replace': {
      const existing = now.read(full)!;
      const content = w.onExisting === 'merge-lines' ? mergeLines(existing, w.content) : w.content;
      if (existing.equals(content)) return { path: w.path, action: 'unchanged', full };
      const st = statSync(full);
      return {
        path: w.path,
        action: w.onExisting === 'merge-lines' ? 'merge' : 'replace',
        full,
        content,
        existing,
        target: full,
        was: { mode: st.mode & 0o7777, uid: st.uid, gid: st.gid },
      };
    }
  }
}

function decideRemoval(plan: Plan, now: DiskFiles, r: PlannedRemoval): Decision | undefined {
  const full = join(plan.root, r.path);
  if (now.entryKind(full) !== 'file') return undefined;
  const st = statSync(full);
  return { path: r.path, action: 'remove', full, existing: now.read(full)!, was: { mode: st.mode & 0o7777, uid: st.uid, gid: st.gid }, pruneUpTo: join(plan.root, r.pruneUpTo) };
}

/**
 * A component folder to delete: a real folder inside the app (a symlink to one is removed as the
 * link, never followed), checked again at commit time.
 */
function decideFolderRemoval(plan: Plan, now: DiskFiles, r: PlannedComponentFolderRemoval): Decision {
  const full = join(plan.root, r.path);
  const entry = now.entryKind(full);
  if (entry === undefined) throw new UserError(`${full} disappeared since it was read`, { code: 'E_CHANGED', hint: 'Nothing was written; run the command again.' });
  if (entry !== 'dir' && entry !== 'link') throw new UserError(`the folder of ${r.component}, ${full}, is not a folder`, { code: 'E_CONFLICT', hint: 'Nothing was written.' });
  return { path: `${r.path}/`, action: 'remove', full, folder: true };
}

function decideAll(plan: Plan): Decision[] {
  // The run's one view of the disk (each folder listed once); an edited file's stamp is checked afresh.
  const now = plan.disk;
  const writes = plan.files.map((w) => decideWrite(plan, now, w));
  const removals = plan.removed.map((r) => decideRemoval(plan, now, r)).filter((d): d is Decision => d !== undefined);
  // Component folders first: moved aside (undoable), they are back in place if anything after fails.
  const folders = plan.removedFolders.map((r) => decideFolderRemoval(plan, now, r));
  return [...folders, ...writes, ...removals];
}

/** What a commit would do to each planned file, without writing (the `--dry-run` listing); a removed folder is one `dir/` entry. */
export function inspectPlan(plan: Plan): FileOutcome[] {
  return decideAll(plan).map((d) => ({ path: d.path, action: d.action }));
}

/** Replaces `file` with `content` via a temp file and a rename in the same folder, keeping mode and owner. */
function replaceAtomically(file: string, content: Buffer, was: { mode: number; uid: number; gid: number }): void {
  const temp = join(dirname(file), `.${basename(file)}.${process.pid}.${(tempCounter++).toString(36)}.tmp`);
  try {
    writeFileSync(temp, content, { flag: 'wx', mode: was.mode });
    chmodSync(temp, was.mode); // the umask must not change the file's mode
    // As root, keep the owner (rename would otherwise hand a user's file to root).
    if (process.getuid?.() === 0) chownSync(temp, was.uid, was.gid);
    renameSync(temp, file);
  } catch (err) {
    try {
      rmSync(temp, { force: true });
    } catch {
      // The folder refuses removals too; the original error is the one to report.
    }
    throw err;
  }
}

export interface Commit {
  /** What happened to each planned file (removals that found nothing are left out). */
  outcomes: FileOutcome[];
  /** Undoes everything the commit did (for a step after it that fails), except a removed component folder: that is gone for good. */
  rollback(): void;
}

/** Writes the plan under its root (created when missing), or nothing: a failure undoes what was done and throws. */
export function commitPlan(plan: Plan): Commit {
  const decisions = decideAll(plan);
  const root = plan.root;
  const createdDirs: string[] = [];
  const made = new Set<string>();
  const createdFiles: string[] = [];
  const replaced: Decision[] = [];
  const removed: Decision[] = [];
  const prunedDirs: string[] = [];
  /** Component folders moved aside (original → aside): deleted for good only when everything else succeeded. */
  const movedAside: { full: string; aside: string }[] = [];

  const rollback = () => {
    for (const m of [...movedAside].reverse()) renameSync(m.aside, m.full);
    for (const f of [...createdFiles].reverse()) rmSync(f, { force: true });
    for (const d of [...replaced].reverse()) replaceAtomically(d.target!, d.existing!, d.was!);
    for (const d of [...prunedDirs].reverse()) mkdirSync(d, { recursive: true });
    for (const d of [...removed].reverse()) {
      mkdirSync(dirname(d.full), { recursive: true });
      writeFileSync(d.full, d.existing!, { mode: d.was!.mode });
      chmodSync(d.full, d.was!.mode);
    }
    for (const d of [...createdDirs].reverse()) {
      try {
        rmdirSync(d);
      } catch {
        // not empty: something else lives there now; leave it.
      }
    }
  };

  const now = plan.disk;
  const ensured = new Set<string>();
  const ensureDir = (dir: string) => {
    if (ensured.has(dir)) return;
    const missing: string[] = [];
    for (let d = dir; !ensured.has(d) && now.kind(d) === undefined; d = dirname(d)) missing.push(d);
    for (const d of missing.reverse()) {
      mkdirSync(d);
      createdDirs.push(d);
      made.add(d);
      ensured.add(d);
    }
    ensured.add(dir);
  };
  // A link already in the folder (e.g. a folder symlinked elsewhere) must not carry a write outside it.
  const checked = new Set<string>();
  let realRoot = '';
  const assertInside = (dir: string, path: string) => {
    if (checked.has(dir) || made.has(dir)) return;
    const rel = relative(realRoot, realpathSync(dir));
    if (rel.startsWith('..') || isAbsolute(rel)) {
      throw new UserError(`refusing to write ${path}: its folder links outside ${root}`, { code: 'E_PATH', hint: 'Nothing was written.' });
    }
    checked.add(dir);
  };

  try {
    ensureDir(root);
    realRoot = realpathSync(root);
    for (const d of decisions) {
      if (d.action === 'skip' || d.action === 'unchanged') continue;
      if (d.action === 'create') {
        ensureDir(dirname(d.full));
        assertInside(dirname(d.full), d.path);
        writeFileSync(d.full, d.content!, { flag: 'wx', mode: d.mode });
        createdFiles.push(d.full);
      } else if (d.folder) {
        // Renamed aside (atomic, undoable) in its own parent folder; deleted after the last step.
        assertInside(dirname(d.full), d.path);
        const aside = join(dirname(d.full), `.${basename(d.full)}.${process.pid}.${(tempCounter++).toString(36)}.removed`);
        renameSync(d.full, aside);
        movedAside.push({ full: d.full, aside });
      } else if (d.action === 'remove') {
        assertInside(dirname(d.full), d.path);
        rmSync(d.full);
        removed.push(d);
        for (let dir = dirname(d.full); dir.length > d.pruneUpTo!.length && dir.startsWith(root); dir = dirname(dir)) {
          try {
            rmdirSync(dir);
          } catch {
            break; // not empty
          }
          prunedDirs.push(dir);
        }
      } else {
        assertInside(dirname(d.full), d.path);
        replaceAtomically(d.target!, d.content!, d.was!);
        replaced.push(d);
      }
    }
  } catch (err) {
    rollback();
    if (UserError.is(err)) throw err;
    const e = err as NodeJS.ErrnoException;
    throw new UserError(`could not write ${e.path ?? root}: ${e.code ?? e.message}`, {
      code: 'E_WRITE',
      hint: 'Nothing was changed; check the folder permissions and free space.',
      cause: err,
    });
  }
  for (const m of movedAside.splice(0)) {
    try {
      rmSync(m.aside, { recursive: true, force: true });
    } catch (err) {
      // Everything else is written and the folder is gone from its place; what is left is its copy.
      throw new UserError(`removed ${m.full}, but could not delete all of its files, left in ${m.aside}: ${(err as NodeJS.ErrnoException).code ?? String(err)}`, {
        code: 'E_WRITE',
        hint: 'Delete that folder by hand.',
        cause: err,
      });
    }
  }
  return { outcomes: decisions.map((d) => ({ path: d.path, action: d.action })), rollback };
}
