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
 * found before the first byte is written), then hands the changes to the plan's transaction
 * (transaction.ts: lock, journal, staged files renamed into place, undo on error or signal).
 * New files are created exclusively (`wx`: a file that appeared meanwhile is never
 * overwritten); a replaced file keeps its mode and owner (a symlinked golem.yaml stays a symlink,
 * its target is written when it is inside the folder). A file planned from what it held when
 * read (an edit) is refused when its stamp (size, mtime, inode, checked afresh) changed since.
 *
 * Generated output has an owner, the folder the tool owns (`wit-generated`, `golem-temp/…`):
 * removals happen only below it, and a link, file or special file in the way below it is
 * removed (the entry itself, never what a link points to) instead of being followed.
 */
import { realpathSync, statSync } from 'node:fs';
import { dirname, isAbsolute, join, normalize, relative, sep } from 'node:path';
import { UserError } from '../errors.js';
import { DiskFiles, type Entry, type FileView, sameStamp, type Stamp, stampOf } from './files.js';
import { isCanonicalRelative, parentAndName, pathProblem } from './paths.js';
import { type Operation, Transaction } from './transaction.js';
import { decodeBytes, encodeText } from './utf8.js';

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
  /**
   * For generated output: the app-relative folder the tool owns that the file is in. Below it, a
   * link or non-folder in the way is replaced, never followed.
   */
  owner?: string;
}

export interface PlannedRemoval {
  /** App-relative, `/`-separated: a file, or a link or special file (removed itself). */
  path: string;
  /** Only generated output is ever removed. */
  generated: true;
  /**
   * The folder the tool owns that the removal is in (app-relative, never the app itself):
   * folders the removal leaves empty are removed too, up to (not including) it.
   */
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

  /**
   * `transaction`: the open transaction of the root (locked before the disk was read); without
   * one, `commitPlan` runs its own.
   */
  constructor(
    readonly root: string,
    readonly disk: DiskFiles = new DiskFiles(),
    public transaction?: Transaction,
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

  /** The absolute path of an app-relative `/` path (canonical: no normalising needed). */
  absolute(rel: string): string {
    return sep === '/' ? this.rootSlash + rel : join(this.root, rel);
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
    // Each folder of the path gets the name below it, deepest first: a folder that already has
    // it had its own folders registered then.
    let name = file.path;
    for (let end = name.lastIndexOf('/'); ; end = name.lastIndexOf('/')) {
      const folder = end < 0 ? '' : name.slice(0, end);
      const child = end < 0 ? name : name.slice(end + 1);
      const names = this.folders.get(folder);
      if (names?.has(child)) return;
      if (names) names.add(child);
      else this.folders.set(folder, new Set([child]));
      if (end < 0) return;
      name = folder;
    }
  }

  /** Plans `path` (absolute) to hold `content` instead of what this view shows now: an edit. */
  edit(path: string, content: string | Buffer): void {
    const rel = this.relative(path);
    if (rel === undefined || rel === '') {
      throw new UserError(`refusing to change ${path}: it is outside ${this.root}`, { code: 'E_PATH', hint: 'Nothing was written.' });
    }
    const bytes = typeof content === 'string' ? encodeText(content) : content;
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
    if (removal.pruneUpTo === '' || !removal.path.startsWith(`${removal.pruneUpTo}/`)) {
      throw new UserError(`refusing to remove ${removal.path}: it is not inside a folder the tool owns`, { code: 'E_PATH', hint: 'Nothing was changed.' });
    }
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

  /** Whether the plan removes what is at `rel` (app-relative): a removed file, or anything in a removed folder. */
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
    const text = this.decoded.get(bytes) ?? decodeBytes(bytes);
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

  isLink(path: string): boolean {
    const rel = this.relative(path);
    if (this.gone(rel)) return false;
    if (rel !== undefined && (this.writes.has(rel) || this.folders.has(rel))) return false;
    return this.disk.isLink(path);
  }

  special(path: string): string | undefined {
    const rel = this.relative(path);
    if (this.gone(rel)) return undefined;
    if (rel !== undefined && (this.writes.has(rel) || this.folders.has(rel))) return undefined;
    return this.disk.special(path);
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

  /**
   * Every entry below `path` (absolute) that is not a folder, as this view shows it: `/` paths
   * relative to `path`, sorted, with what each is on disk ('file' when planned). Links are
   * entries, never followed: what is below a generated folder is the folder's own.
   */
  walkEntries(path: string): { path: string; kind: Exclude<Entry, 'dir'> }[] {
    const out: { path: string; kind: Exclude<Entry, 'dir'> }[] = [];
    // `onDisk`: the folder is a real folder on disk (not only planned where a link or file is now).
    const visit = (dir: string, rel: string | undefined, prefix: string, onDisk: boolean) => {
      const listed = onDisk ? this.disk.rawEntries(dir) : undefined;
      const planned = rel === undefined ? undefined : this.folders.get(rel);
      let names: string[];
      if (listed && planned) names = [...new Set([...listed.keys(), ...planned])];
      else names = listed ? [...listed.keys()] : planned ? [...planned] : [];
      for (const name of names.sort()) {
        const childRel = rel === undefined ? undefined : rel ? `${rel}/${name}` : name;
        if (childRel !== undefined && this.removedFolderOf(childRel) !== undefined) continue;
        const disk = listed?.get(name);
        // A planned name is a folder when the plan has files below it, else a file (unless a folder is on disk there).
        let kind = disk;
        let real = disk === 'dir';
        if (planned?.has(name)) {
          if (this.folders.has(childRel!)) kind = 'dir';
          else if (disk !== 'dir') {
            kind = 'file';
            real = false;
          }
        }
        // `dir` is normalized and `name` one plain name: `join` would only add the separator.
        if (kind === 'dir') visit(dir.endsWith(sep) ? dir + name : dir + sep + name, childRel, `${prefix}${name}/`, real);
        else if (kind !== undefined && !this.gone(childRel)) out.push({ path: `${prefix}${name}`, kind });
      }
    };
    visit(normalize(path), this.relative(path), '', true);
    return out;
  }

  /** The paths of `walkEntries`. */
  walk(path: string): string[] {
    return this.walkEntries(path).map((e) => e.path);
  }
}

const isBelow = (path: string, folder: string): boolean => path.startsWith(`${folder}/`);

/**
 * A plan's paths are canonical app-relative `/` paths that stay inside the app (pathProblem), with
 * no empty or `.` segment and no backslash, so that one file has one key.
 */
function assertAppRelative(path: string): void {
  if (isCanonicalRelative(path)) return; // the common case, in one pass
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
  const text = decodeBytes(existing);
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const present = new Set(text.split(/\r?\n/).map((l) => l.trim()));
  const missing: string[] = [];
  for (const line of decodeBytes(added).split(/\r?\n/)) {
    const entry = line.trim();
    if (entry === '' || entry.startsWith('#') || present.has(entry)) continue;
    present.add(entry);
    missing.push(entry);
  }
  if (missing.length === 0) return existing;
  const separator = existing.length === 0 || text.endsWith('\n') ? '' : eol;
  return Buffer.concat([existing, encodeText(`${separator}${missing.join(eol)}${eol}`)]);
}

interface Decision {
  path: string;
  action: FileAction;
  full: string;
  content?: Buffer;
  /** Mode of a new file. */
  mode?: number;
  /** The file a replace writes: the real path (a symlinked file stays a symlink). */
  target?: string;
  /** Mode and owner of the replaced file. */
  was?: { mode: number; uid: number; gid: number };
  /** A removal: where pruning empty folders stops (absolute); none for an entry removed because it was in the way. */
  pruneUpTo?: string;
  /** A component folder removal (`path` ends with `/`). */
  folder?: true;
}

const NEW_FILE_MODE = 0o644;

function inTheWay(path: string, kind: string): UserError {
  return new UserError(`cannot write ${path}: a ${kind === 'dir' ? 'folder' : kind === 'file' ? 'file' : 'link or special file'} is in the way`, {
    code: 'E_CONFLICT',
    hint: 'Move it away or choose another folder.',
  });
}

const isInside = (root: string, path: string): boolean => {
  const rel = relative(root, path);
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
};

/** The run's decisions: what happens to each planned path, plus entries in the way of generated output. */
class Decider {
  readonly decisions: Decision[] = [];
  /** Absolute paths removed because they were in the way: they and what is below them are gone. */
  private readonly gone = new Set<string>();
  /**
   * Folders above planned files (app-relative) whose answer holds for every file below them, while
   * `gone` is unchanged: 'dirs' (it and every folder above it are folders), 'missing' (it is
   * missing, every folder above it is a folder).
   */
  private readonly settled = new Map<string, 'dirs' | 'missing'>();
  private realRoot?: string;

  constructor(private readonly plan: Plan) {}

  private get now(): DiskFiles {
    return this.plan.disk;
  }

  /** What is at `full` once the entries in the way are removed (links not followed). */
  entryKind(full: string): Entry | undefined {
    if (this.gone.size > 0) for (let p = full; p.length > this.plan.root.length; p = dirname(p)) if (this.gone.has(p)) return undefined;
    return this.now.entryKind(full);
  }

  private realPathInside(full: string, shown: string): string {
    this.realRoot ??= realpathSync(this.plan.root);
    const real = realpathSync(full);
    if (!isInside(this.realRoot, real)) {
      throw new UserError(`refusing to write ${shown}: it links outside ${this.plan.root}`, { code: 'E_PATH', hint: 'Nothing was written.' });
    }
    return real;
  }

  /**
   * Below a generated file's owner, whatever is not a folder where a folder is needed (a link, a
   * file, a FIFO) is removed first; above it, folders must be folders (links inside the app are
   * followed; the transaction refuses those that lead outside).
   */
  private clearWay(w: PlannedWrite): void {
    const path = w.path;
    /** `path.slice(0, ends[i - 1])`: the folder at depth i. */
    const ends: number[] = [];
    for (let at = path.indexOf('/'); at >= 0; at = path.indexOf('/', at + 1)) ends.push(at);
    // Start below the deepest folder already settled: missing (nothing to clear), or a folder with folders above it.
    let from = 1;
    for (let i = ends.length; i >= 1; i--) {
      const state = this.settled.get(path.slice(0, ends[i - 1]));
      if (state === 'missing') return;
      if (state === 'dirs') {
        from = i + 1;
        break;
      }
    }
    const ownerDepth = w.owner === undefined ? Number.POSITIVE_INFINITY : w.owner.split('/').length;
    let allDirs = true;
    for (let i = from; i <= ends.length; i++) {
      const rel = path.slice(0, ends[i - 1]);
      const dir = this.plan.absolute(rel);
      const kind = this.entryKind(dir);
      if (kind === undefined) {
        // missing: created by the commit, and so is what is below it
        if (allDirs) this.settled.set(rel, 'missing');
        return;
      }
      if (kind === 'dir') {
        if (allDirs) this.settled.set(rel, 'dirs');
        continue;
      }
      allDirs = false;
      if (i > ownerDepth) {
        this.removeInTheWay(dir);
        return;
      }
      if (kind !== 'link' || this.now.kind(dir) !== 'dir') throw inTheWay(rel, kind === 'link' ? 'other' : kind);
    }
  }

  private removeInTheWay(full: string): void {
    this.gone.add(full);
    this.settled.clear();
    this.decisions.push({ path: this.plan.relative(full)!, action: 'remove', full });
  }

  /** A planned edit of a file read earlier: refused when it is not writable or changed since. */
  private decideEdit(w: PlannedWrite, full: string, basis: Stamp): Decision {
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
    if (!sameStamp(stampOf(st), basis)) throw new UserError(`${full} changed since it was read`, { code: 'E_CHANGED', hint: 'Nothing was written; run the command again.' });
    const existing = this.now.read(full)!;
    if (existing.equals(w.content)) return { path: w.path, action: 'unchanged', full };
    return { path: w.path, action: 'replace', full, content: w.content, target: this.realPathInside(full, w.path), was: { mode, uid: st.uid, gid: st.gid } };
  }

  write(w: PlannedWrite): void {
    const full = this.plan.absolute(w.path);
    this.clearWay(w);
    let entry = this.entryKind(full);
    if (entry !== undefined && entry !== 'file' && entry !== 'dir' && w.owner !== undefined && w.basis === undefined) {
      this.removeInTheWay(full); // a link or special file where generated output goes: replaced, not followed
      entry = undefined;
    }
    if (entry === undefined) {
      if (w.basis !== undefined && w.basis !== 'absent') {
        throw new UserError(`${full} disappeared since it was read`, { code: 'E_CHANGED', hint: 'Nothing was written; run the command again.' });
      }
      this.decisions.push({ path: w.path, action: 'create', full, content: w.content, mode: w.mode ?? NEW_FILE_MODE });
      return;
    }
    if (w.basis === 'absent') throw new UserError(`${full} changed since it was read`, { code: 'E_CHANGED', hint: 'Nothing was written; run the command again.' });
    if (w.basis !== undefined) {
      this.decisions.push(this.decideEdit(w, full, w.basis));
      return;
    }
    if (entry !== 'file') throw inTheWay(w.path, entry === 'dir' ? 'dir' : 'other');
    switch (w.onExisting) {
      case 'skip':
        this.decisions.push({ path: w.path, action: 'skip', full });
        return;
      case 'fail':
        throw new UserError(`${w.path} already exists`, { code: 'E_CONFLICT', hint: 'Nothing was written; remove it or choose another name.' });
      case 'merge-lines':
      case 'replace': {
        const existing = this.now.read(full);
        if (existing === undefined) throw new UserError(`cannot read ${full}`, { code: 'E_PERMISSION', hint: 'Nothing was written; check the permissions of the file.' });
        const content = w.onExisting === 'merge-lines' ? mergeLines(existing, w.content) : w.content;
        if (existing.equals(content)) {
          this.decisions.push({ path: w.path, action: 'unchanged', full });
          return;
        }
        const st = statSync(full);
        this.decisions.push({
          path: w.path,
          action: w.onExisting === 'merge-lines' ? 'merge' : 'replace',
          full,
          content,
          target: full,
          was: { mode: st.mode & 0o7777, uid: st.uid, gid: st.gid },
        });
      }
    }
  }

  /**
   * A component folder to delete: a real folder inside the app (a symlink to one is removed as the
   * link, never followed), checked again at commit time. What is below it is gone for the decisions after.
   */
  removeFolder(r: PlannedComponentFolderRemoval): void {
    const full = this.plan.absolute(r.path);
    const entry = this.entryKind(full);
    if (entry === undefined) throw new UserError(`${full} disappeared since it was read`, { code: 'E_CHANGED', hint: 'Nothing was written; run the command again.' });
    if (entry !== 'dir' && entry !== 'link') throw new UserError(`the folder of ${r.component}, ${full}, is not a folder`, { code: 'E_CONFLICT', hint: 'Nothing was written.' });
    this.gone.add(full);
    this.settled.clear();
    this.decisions.push({ path: `${r.path}/`, action: 'remove', full, folder: true });
  }

  remove(r: PlannedRemoval): void {
    const full = this.plan.absolute(r.path);
    const entry = this.entryKind(full);
    if (entry === undefined || entry === 'dir') return;
    this.decisions.push({ path: r.path, action: 'remove', full, pruneUpTo: this.plan.absolute(r.pruneUpTo) });
  }
}

function decideAll(plan: Plan): Decision[] {
  // The run's one view of the disk (each folder listed once); an edited file's stamp is checked afresh.
  const decider = new Decider(plan);
  // Component folders first: moved aside (undoable), they are back in place if anything after fails.
  for (const r of plan.removedFolders) decider.removeFolder(r);
  for (const w of plan.files) decider.write(w);
  for (const r of plan.removed) decider.remove(r);
  return decider.decisions;
}

/** What a commit would do to each planned file, without writing (the `--dry-run` listing); a removed folder is one `dir/` entry. */
export function inspectPlan(plan: Plan): FileOutcome[] {
  return decideAll(plan).map((d) => ({ path: d.path, action: d.action }));
}

/** The transaction's operations for the decisions: the missing folders (parents first), then the files. */
function operationsOf(plan: Plan, decisions: Decision[]): Operation[] {
  const removed = new Set(decisions.filter((d) => d.action === 'remove').map((d) => d.full));
  const isMissing = (dir: string): boolean => {
    if (removed.size > 0) for (let p = dir; p.length > plan.root.length; p = dirname(p)) if (removed.has(p)) return true;
    return plan.disk.kind(dir) === undefined;
  };
  const dirs = new Set<string>();
  const files: Operation[] = [];
  const removals: Operation[] = [];
  for (const d of decisions) {
    if (d.action === 'remove') {
      removals.push({ kind: 'remove', path: d.full, ...(d.pruneUpTo !== undefined ? { pruneUpTo: d.pruneUpTo } : {}), ...(d.folder ? { folder: true as const } : {}) });
      continue;
    }
    if (d.action === 'create') {
      const missing: string[] = [];
      for (let dir = parentAndName(d.full)[0]; dir.length > plan.root.length && !dirs.has(dir) && isMissing(dir); dir = parentAndName(dir)[0]) missing.push(dir);
      for (const dir of missing.reverse()) dirs.add(dir);
      files.push({ kind: 'create', path: d.full, content: d.content!, mode: d.mode! });
    } else if (d.action === 'replace' || d.action === 'merge') {
      files.push({ kind: 'replace', path: d.target!, content: d.content!, ...d.was! });
    }
  }
  return [...removals, ...[...dirs].map((path): Operation => ({ kind: 'mkdir', path })), ...files];
}

export interface Commit {
  /** What happened to each planned file (removals that found nothing are left out). */
  outcomes: FileOutcome[];
}

/**
 * Writes the plan under its root: in the plan's transaction (left open for its owner to finish),
 * or in one of its own (the root created when missing). A failure undoes everything and throws.
 */
export function commitPlan(plan: Plan): Commit {
  const own = plan.transaction ? undefined : Transaction.beginSync(plan.root, { create: true });
  try {
    const decisions = decideAll(plan);
    (plan.transaction ?? own)!.apply(operationsOf(plan, decisions));
    own?.finish();
    return { outcomes: decisions.map((d) => ({ path: d.path, action: d.action })) };
  } catch (err) {
    own?.abort();
    throw err;
  }
}
