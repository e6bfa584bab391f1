/**
 * The transaction every writing command runs in, for one folder (an app, the user config, a
 * cache folder):
 *
 * - a lock (lock.ts) taken before anything is read, held until the end;
 * - a journal in the folder, written once per commit before the first change, listing every
 *   folder and file the commit creates, every file it replaces (the new bytes staged in a temp
 *   file beside it, the old ones kept as a hard-linked backup until the end, then swapped in by
 *   rename) and every file it removes (renamed to a backup until the end);
 * - the end (`finish`): the journal is marked done by a rename (the commit point), backups are
 *   deleted, emptied generated folders pruned, the journal and the lock removed;
 * - `abort` on any error, and on SIGINT, SIGTERM or SIGHUP (interrupt.ts): every pre-existing
 *   file restored, every new file and folder removed, nothing of ours left behind;
 * - a run that finds a journal left by a killed process undoes it (or, when it was marked done,
 *   completes its clean-up) before it reads anything.
 *
 * Writes and deletes stay inside the folder by real path: a link in the way never carries a
 * change outside it, and a removal renames the entry itself, never what a link points to.
 * There is no fsync: the guarantees are about the process being stopped, not the machine.
 */
import {
  chmodSync,
  chownSync,
  constants,
  copyFileSync,
  existsSync,
  linkSync,
  lstatSync,
  mkdirSync,
  readFileSync,
  realpathSync,
  renameSync,
  rmdirSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { basename, dirname, isAbsolute, join, relative } from 'node:path';
import { EXIT, UserError } from '../errors.js';
import { interruptibleStep, pausePoint, pausePointSync, undoOnInterrupt } from './interrupt.js';
import { LOCK_FILE, Lock } from './lock.js';
import { osError } from './os-errors.js';

export const JOURNAL_FILE = '.create-golem-app.journal';
const DONE = '.done';

/** The transaction's own files in the folder it writes: never part of what is committed (git leaves them out). */
export const TRANSACTION_FILES: readonly string[] = [LOCK_FILE, JOURNAL_FILE, `${JOURNAL_FILE}${DONE}`];

/**
 * Whether `name`, in the folder a transaction writes, is a transaction's own: its files, or a lock
 * another run is taking or moving aside (`<lock>.<pid>.<n>.tmp` / `.stale`, there only for a moment).
 */
export const isTransactionFile = (name: string): boolean => TRANSACTION_FILES.includes(name) || name.startsWith(`${LOCK_FILE}.`);

/** TRANSACTION_FILES and the passing lock files, as git pathspec globs (a first commit leaves them out). */
export const TRANSACTION_FILE_GLOBS: readonly string[] = [...TRANSACTION_FILES, `${LOCK_FILE}.*`];

export type Operation =
  | { kind: 'mkdir'; path: string }
  | { kind: 'create'; path: string; content: Buffer; mode: number }
  /** `path` is renamed over: a regular file (a symlinked file's real path). Mode and owner are given. */
  | { kind: 'replace'; path: string; content: Buffer; mode: number; uid: number; gid: number }
  /**
   * The entry itself is removed (a link is never followed); folders it empties go too, up to
   * `pruneUpTo`. `folder`: a whole folder (a removed component's), deleted with all it holds at the end.
   */
  | { kind: 'remove'; path: string; pruneUpTo?: string; folder?: true };

/** Absolute paths throughout. */
interface Journal {
  version: 1;
  pid: number;
  /** Folders created, parents first (the transaction's own folder included when it made it). */
  dirs: string[];
  created: string[];
  replaced: { path: string; temp: string; backup: string }[];
  /** `folder`: the backup is a whole folder, renamed back on undo, deleted recursively when done. */
  removed: { path: string; backup: string; pruneUpTo?: string; folder?: true }[];
  /** Made by a later step (git's `.git`): removed whole on undo. */
  later: string[];
}

/** What this process actually did (an undo by a later run goes by the journal alone). */
interface Progress {
  dirs: Set<string>;
  created: Set<string>;
}

export interface BeginOptions {
  /** Create the folder (and its parents) when it is missing; they are removed again on abort when left empty. */
  create?: boolean;
  /** How long to wait for another run's lock (default lock.ts DEFAULT_WAIT_MS). */
  waitMs?: number;
  /** Told when a journal left by an interrupted run was undone. */
  onRecover?: (message: string) => void;
}

let counter = 0;

/** `.name.cga-<pid>-<n>.<ext>` beside `path` (without the name when it would make the file name too long). */
function sideName(path: string, ext: 'tmp' | 'old'): string {
  const base = basename(path);
  const tag = `cga-${process.pid}-${(counter++).toString(36)}.${ext}`;
  return join(dirname(path), Buffer.byteLength(base) > 200 ? `.${tag}` : `.${base}.${tag}`);
}

const exists = (path: string): boolean => {
  try {
    lstatSync(path);
    return true;
  } catch {
    return false;
  }
};

const isInside = (root: string, path: string): boolean => {
  const rel = relative(root, path);
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
};

/** Undoes a journal: by what this process did (`progress`), or, for a journal left by another run, by what it says. */
function undo(j: Journal, progress?: Progress): void {
  const attempt = (what: () => void) => {
    try {
      what();
    } catch {
      // best effort: what cannot be undone stays, the rest is still undone
    }
  };
  for (const r of [...j.replaced].reverse()) {
    attempt(() => {
      if (exists(r.backup)) {
        renameSync(r.backup, r.path);
        // Both names of one file: rename does nothing, the backup name must go.
        if (exists(r.backup)) rmSync(r.backup, { force: true });
      }
    });
    attempt(() => rmSync(r.temp, { force: true }));
  }
  for (const path of [...j.created].reverse()) if (!progress || progress.created.has(path)) attempt(() => rmSync(path, { force: true }));
  for (const r of [...j.removed].reverse()) {
    attempt(() => {
      if (!exists(r.backup)) return;
      mkdirSync(dirname(r.path), { recursive: true });
      renameSync(r.backup, r.path);
    });
  }
  for (const path of [...j.later].reverse()) attempt(() => rmSync(path, { recursive: true, force: true }));
  for (const dir of [...j.dirs].reverse()) if (!progress || progress.dirs.has(dir)) attempt(() => rmdirSync(dir));
}

/**
 * Completes a journal marked done: backups deleted, emptied folders pruned. Returns the backups
 * of removed folders that could not be deleted whole (the change itself is done; they are left
 * for the user, never retried by every later run).
 */
function cleanUp(j: Journal): { path: string; backup: string; error: unknown }[] {
  for (const r of j.replaced) {
    rmSync(r.backup, { force: true });
    rmSync(r.temp, { force: true });
  }
  const leftovers: { path: string; backup: string; error: unknown }[] = [];
  for (const r of j.removed) {
    if (!r.folder) rmSync(r.backup, { force: true });
    else {
      try {
        rmSync(r.backup, { recursive: true, force: true });
      } catch (error) {
        leftovers.push({ path: r.path, backup: r.backup, error });
      }
    }
  }
  for (const r of j.removed) {
    if (r.pruneUpTo === undefined) continue;
    for (let dir = dirname(r.path); dir.length > r.pruneUpTo.length && isInside(r.pruneUpTo, dir); dir = dirname(dir)) {
      try {
        rmdirSync(dir);
      } catch {
        break; // not empty
      }
    }
  }
  return leftovers;
}

/** The error for a removed folder whose files could not all be deleted (everything else is done). */
function leftoverError(left: { path: string; backup: string; error: unknown }): UserError {
  const code = (left.error as NodeJS.ErrnoException).code ?? String(left.error);
  return new UserError(`removed ${left.path}, but could not delete all of its files, left in ${left.backup}: ${code}`, {
    code: 'E_WRITE',
    hint: 'Delete that folder by hand.',
    cause: left.error,
  });
}

function readJournal(file: string): Journal | undefined {
  try {
    const j = JSON.parse(readFileSync(file, 'utf8')) as Journal;
    return j?.version === 1 && Array.isArray(j.created) ? j : undefined;
  } catch {
    return undefined; // torn while being written: nothing was changed yet
  }
}

/** Creates `root` and its missing parents; returns the folders it created, parents first. */
function prepareFolder(root: string): string[] {
  let st: ReturnType<typeof lstatSync> | undefined;
  try {
    st = lstatSync(root);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw osError(err, { outcome: 'Nothing was changed.' }) ?? err;
  }
  if (st?.isSymbolicLink()) {
    let target: ReturnType<typeof statSync> | undefined;
    try {
      target = statSync(root);
    } catch {
      // dangling
    }
    if (!target) throw new UserError(`${root} is a broken symbolic link`, { code: 'E_CONFLICT', hint: 'Remove the link or choose another folder; nothing was changed.' });
    if (!target.isDirectory()) throw new UserError(`${root} exists and is not a folder`, { code: 'E_CONFLICT', hint: 'Choose another folder; nothing was changed.' });
    return [];
  }
  if (st) {
    if (!st.isDirectory()) throw new UserError(`${root} exists and is not a folder`, { code: 'E_CONFLICT', hint: 'Choose another folder; nothing was changed.' });
    return [];
  }
  // One level at a time (not `recursive`, which reports ENOENT for EROFS and others).
  const missing: string[] = [];
  for (let d = root; !exists(d); d = dirname(d)) {
    missing.unshift(d);
    if (dirname(d) === d) break;
  }
  const created: string[] = [];
  try {
    for (const d of missing) {
      mkdirSync(d);
      created.push(d);
    }
  } catch (err) {
    for (const d of created.reverse()) rmdirSync(d);
    throw osError(err, { path: root, outcome: 'Nothing was changed.' }) ?? err;
  }
  return created;
}

export class Transaction {
  private lock?: Lock;
  private journal?: Journal;
  private journalWritten = false;
  private readonly progress: Progress = { dirs: new Set(), created: new Set() };
  private state: 'open' | 'finished' | 'aborted' = 'open';
  private realRoot?: string;
  private readonly realDirs = new Map<string, boolean>();
  private readonly later: string[] = [];
  private readonly unguard: () => void;
  /** Undone by a signal that the program handles itself (API mode): the run stops as cancelled. */
  private interrupted = false;

  private constructor(
    readonly root: string,
    private readonly createdFolders: string[],
  ) {
    this.unguard = undoOnInterrupt({
      undo: () => {
        this.interrupted = this.state === 'open';
        this.abort();
      },
    });
    for (const d of createdFolders) this.progress.dirs.add(d);
  }

  /** Locks `root` (waiting for another run), undoes what an interrupted run left, and opens the transaction. */
  static async begin(root: string, options: BeginOptions = {}): Promise<Transaction> {
    const tx = new Transaction(root, options.create ? prepareFolder(root) : []);
    try {
      tx.lock = await Lock.acquire(root, options.waitMs);
      tx.recover(options.onRecover);
      await pausePoint('locked');
    } catch (err) {
      tx.abort();
      throw err;
    }
    return tx;
  }

  /** `begin` for synchronous callers (one-shot commits, the user config). */
  static beginSync(root: string, options: BeginOptions = {}): Transaction {
    const tx = new Transaction(root, options.create ? prepareFolder(root) : []);
    try {
      tx.lock = Lock.acquireSync(root, options.waitMs);
      tx.recover(options.onRecover);
    } catch (err) {
      tx.abort();
      throw err;
    }
    return tx;
  }

  /**
   * For a run that only reads the folder (a dry run): waits for the lock like a writing run, so
   * it never reads another run's changes half made, and holds it until `release` (or the process
   * ends). It undoes nothing: what an interrupted run left is an error saying how to undo it. A
   * folder the lock cannot be created in (read-only) is read without it.
   */
  static async readLock(root: string, options: { waitMs?: number } = {}): Promise<{ release(): void }> {
    let lock: Lock | undefined;
    try {
      lock = await Lock.acquire(root, options.waitMs);
    } catch (err) {
      if (!UserError.is(err) || err.code !== 'E_PERMISSION') throw err;
    }
    const unguard = undoOnInterrupt({ undo: () => lock?.release() });
    const release = () => {
      lock?.release();
      unguard();
    };
    if (existsSync(join(root, JOURNAL_FILE)) || existsSync(join(root, `${JOURNAL_FILE}${DONE}`))) {
      release();
      throw new UserError(`${root} holds the unfinished changes of an interrupted run`, {
        code: 'E_CHANGED',
        hint: 'Nothing was changed; run the command without --dry-run (or any command that writes) to put them right first.',
      });
    }
    return { release };
  }

  /** Undoes what an interrupted run left in `dir`, if anything (a folder that is about to be checked for emptiness). */
  static async recoverIn(dir: string, onRecover?: (message: string) => void): Promise<void> {
    if (!existsSync(join(dir, JOURNAL_FILE)) && !existsSync(join(dir, `${JOURNAL_FILE}${DONE}`))) return;
    (await Transaction.begin(dir, onRecover ? { onRecover } : {})).finish();
  }

  private get journalFile(): string {
    return join(this.root, JOURNAL_FILE);
  }

  private recover(onRecover?: (message: string) => void): void {
    const file = this.journalFile;
    const done = `${file}${DONE}`;
    if (existsSync(done)) {
      const j = readJournal(done);
      for (const left of j ? cleanUp(j) : []) onRecover?.(leftoverError(left).message);
      rmSync(done, { force: true });
    }
    if (!existsSync(file)) return;
    const j = readJournal(file);
    if (j) {
      undo(j);
      onRecover?.(`undid the unfinished changes of an interrupted run (pid ${j.pid}) in ${this.root}`);
    }
    rmSync(file, { force: true });
  }

  /** A path that a later step of this transaction creates (git's `.git`): removed on abort, unless it exists already. */
  willCreate(path: string): void {
    if (exists(path)) return;
    this.later.push(path);
    if (this.journal) {
      this.journal.later.push(path);
      this.writeJournal();
    }
  }

  /** Removes what a later step made (a git step that failed halfway); a path that existed before `willCreate` stays. */
  removeLater(path: string): void {
    if (this.later.includes(path)) rmSync(path, { recursive: true, force: true });
  }

  private writeJournal(): void {
    const text = JSON.stringify(this.journal);
    if (!this.journalWritten) {
      try {
        writeFileSync(this.journalFile, text, { flag: 'wx' });
      } catch (err) {
        // Created but not written (a full disk): a torn journal of ours must not stay.
        if ((err as NodeJS.ErrnoException).code !== 'EEXIST') rmSync(this.journalFile, { force: true });
        throw err;
      }
      this.journalWritten = true;
      return;
    }
    const temp = sideName(this.journalFile, 'tmp');
    writeFileSync(temp, text, { flag: 'wx' });
    renameSync(temp, this.journalFile);
  }

  /** The folder `dir` (absolute, existing) is inside this transaction's folder by real path (`path`: what is written there). */
  private assertInside(dir: string, path: string): void {
    if (this.progress.dirs.has(dir)) return;
    let ok = this.realDirs.get(dir);
    if (ok === undefined) {
      this.realRoot ??= realpathSync.native(this.root);
      ok = isInside(this.realRoot, realpathSync.native(dir));
      this.realDirs.set(dir, ok);
    }
    if (!ok) throw new UserError(`refusing to write ${relative(this.root, path) || path}: its folder links outside ${this.root}`, { code: 'E_PATH', hint: 'Nothing was changed.' });
  }

  /**
   * Makes the changes (removals first, then folders, then files in order), after writing them
   * to the journal. On failure everything the transaction did is undone and it is closed.
   */
  apply(operations: readonly Operation[]): void {
    if (this.state !== 'open') throw new Error('create-golem-app: apply on a closed transaction');
    if (!this.lock) throw new Error('create-golem-app: apply before the lock is held');
    const ops = [...operations.filter((o) => o.kind === 'remove'), ...operations.filter((o) => o.kind !== 'remove')];
    if (ops.length === 0) return;
    this.journal ??= { version: 1, pid: process.pid, dirs: [...this.createdFolders], created: [], replaced: [], removed: [], later: [...this.later] };
    const j = this.journal;
    const sides = new Map<Operation, { temp?: string; backup: string }>();
    for (const op of ops) {
      if (op.kind === 'mkdir') j.dirs.push(op.path);
      else if (op.kind === 'create') j.created.push(op.path);
      else if (op.kind === 'replace') {
        const side = { temp: sideName(op.path, 'tmp'), backup: sideName(op.path, 'old') };
        sides.set(op, side);
        j.replaced.push({ path: op.path, temp: side.temp, backup: side.backup });
      } else {
        const side = { backup: sideName(op.path, 'old') };
        sides.set(op, side);
        j.removed.push({ path: op.path, backup: side.backup, ...(op.pruneUpTo !== undefined ? { pruneUpTo: op.pruneUpTo } : {}), ...(op.folder ? { folder: true as const } : {}) });
      }
    }
    let current: string = this.root;
    try {
      this.writeJournal();
      const half = Math.floor(ops.length / 2);
      ops.forEach((op, i) => {
        if (i === half) pausePointSync('applying');
        current = op.path;
        this.perform(op, sides.get(op));
      });
    } catch (err) {
      this.abort();
      if (UserError.is(err)) throw err;
      throw osError(err, { path: current, outcome: 'Nothing was changed;' }) ?? err;
    }
  }

  private perform(op: Operation, side: { temp?: string; backup: string } | undefined): void {
    switch (op.kind) {
      case 'mkdir': {
        this.assertInside(dirname(op.path), op.path);
        try {
          mkdirSync(op.path);
          this.progress.dirs.add(op.path);
        } catch (err) {
          // A folder that appeared meanwhile is used, not owned (an undo leaves it).
          if ((err as NodeJS.ErrnoException).code !== 'EEXIST' || !lstatSync(op.path).isDirectory()) throw err;
        }
        return;
      }
      case 'create':
        this.assertInside(dirname(op.path), op.path);
        // Ours from the moment `wx` creates it, even when writing its bytes then fails (a full disk).
        this.progress.created.add(op.path);
        try {
          writeFileSync(op.path, op.content, { flag: 'wx', mode: op.mode });
        } catch (err) {
          if ((err as NodeJS.ErrnoException).code === 'EEXIST') this.progress.created.delete(op.path);
          throw err;
        }
        return;
      case 'replace': {
        this.assertInside(dirname(op.path), op.path);
        const temp = side!.temp!;
        writeFileSync(temp, op.content, { flag: 'wx', mode: op.mode });
        chmodSync(temp, op.mode); // the umask must not change a replaced file's mode
        // As root, keep the owner (the rename would otherwise hand a user's file to root).
        if (process.getuid?.() === 0) chownSync(temp, op.uid, op.gid);
        keepBackup(op.path, side!.backup);
        renameSync(temp, op.path);
        return;
      }
      case 'remove':
        this.assertInside(dirname(op.path), op.path);
        if (!exists(op.path)) return;
        renameSync(op.path, side!.backup);
        return;
    }
  }

  /** Runs an async step of the transaction (a child process writing into the folder) that an interruption waits for. */
  step<T>(fn: () => Promise<T>): Promise<T> {
    return interruptibleStep(fn);
  }

  /** Runs `body` in the transaction: finished when it resolves, aborted when it throws. */
  async run<T>(body: () => Promise<T>): Promise<T> {
    let result: T;
    try {
      result = await body();
      await pausePoint('committed');
      // One turn of the event loop before the commit point: a signal that arrived during the
      // synchronous commit is dispatched now (and undoes it), not dropped at exit.
      await new Promise((done) => setImmediate(done));
    } catch (err) {
      this.abort();
      throw this.interrupted ? interruptedError(err) : err;
    }
    if (this.interrupted) throw interruptedError();
    this.finish();
    return result;
  }

  /** The commit point: the journal is marked done, backups and emptied folders removed, the lock released. */
  finish(): void {
    if (this.state !== 'open') return;
    if (this.journalWritten && this.journal) {
      const done = `${this.journalFile}${DONE}`;
      renameSync(this.journalFile, done);
      this.state = 'finished';
      pausePointSync('finishing');
      let leftovers: ReturnType<typeof cleanUp>;
      try {
        leftovers = cleanUp(this.journal);
      } catch {
        // What is left is deleted by the next run that finds the done journal.
        this.close();
        return;
      }
      rmSync(done, { force: true });
      this.close();
      if (leftovers.length > 0) throw leftoverError(leftovers[0]!);
      return;
    }
    this.state = 'finished';
    this.close();
  }

  /** Undoes everything the transaction did and closes it (nothing happens once it is finished). */
  abort(): void {
    if (this.state !== 'open') return;
    this.state = 'aborted';
    if (this.journal) undo(this.journal, this.progress);
    else {
      for (const path of [...this.later].reverse()) rmSync(path, { recursive: true, force: true });
      for (const dir of [...this.createdFolders].reverse()) {
        try {
          rmdirSync(dir);
        } catch {
          // not empty: the lock is still in it; tried again below
        }
      }
    }
    // Only a journal of ours: a run still waiting for the lock must not touch the holder's.
    if (this.journalWritten) rmSync(this.journalFile, { force: true });
    this.close();
    // The folders created for the transaction itself, now that the lock is gone.
    for (const dir of [...this.createdFolders].reverse()) {
      try {
        rmdirSync(dir);
      } catch {
        break;
      }
    }
  }

  private close(): void {
    this.lock?.release();
    this.unguard();
  }
}

const interruptedError = (cause?: unknown): UserError =>
  new UserError('interrupted: every change of this run was undone', { code: 'E_CANCELLED', exitCode: EXIT.cancelled, ...(cause === undefined ? {} : { cause }) });

/** Keeps the bytes of `path` under `backup` until the transaction ends: a hard link, or a copy where links are not supported. */
function keepBackup(path: string, backup: string): void {
  try {
    linkSync(path, backup);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'EOPNOTSUPP' && code !== 'EXDEV' && code !== 'EMLINK') throw err;
    copyFileSync(path, backup, constants.COPYFILE_EXCL);
  }
}
