/**
 * One run at a time per folder (an app, the user config, a cache folder), as git's index.lock:
 * a lock file created exclusively, holding the owner's pid. A second run waits a few seconds,
 * then stops with "another create-golem-app run (pid N) holds <folder>". A lock whose process is
 * gone (killed, crashed) is taken over.
 */
import { existsSync, linkSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { UserError } from '../errors.js';
import { osError } from './os-errors.js';

export const LOCK_FILE = '.create-golem-app.lock';

/** How long a run waits for another one's lock; CGA_LOCK_WAIT_MS overrides it (tests, slow machines). */
export const DEFAULT_WAIT_MS = 5_000;

interface Shared {
  /** Lock files this process holds (a lock file with our pid that is not here was left by an earlier process). */
  held: Set<string>;
}
const KEY = Symbol.for('create-golem-app.locks');
const shared: Shared = ((globalThis as Record<symbol, unknown>)[KEY] as Shared | undefined) ?? { held: new Set() };
(globalThis as Record<symbol, unknown>)[KEY] = shared;

let counter = 0;

function isAlive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The pid in a lock file: undefined when there is none, 0 when it cannot be read (being written). */
function holderOf(file: string): number | undefined {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'ENOENT' ? undefined : 0;
  }
  const pid = Number.parseInt(text, 10);
  return Number.isSafeInteger(pid) && pid > 0 ? pid : 0;
}

/** A lock file without a readable pid is given this long to get one. */
const UNREADABLE_GRACE_MS = 2_000;

function isOld(file: string): boolean {
  try {
    return Date.now() - statSync(file).mtimeMs > UNREADABLE_GRACE_MS;
  } catch {
    return false;
  }
}

/** Creates `file` holding `content`, atomically and only if it does not exist (false when it does). */
function createExclusive(file: string, content: string): boolean {
  const temp = `${file}.${process.pid}.${(counter++).toString(36)}.tmp`;
  try {
    writeFileSync(temp, content, { flag: 'wx' });
    try {
      linkSync(temp, file); // a complete file appears at once, or EEXIST
      return true;
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code === 'EEXIST') return false;
      if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'EOPNOTSUPP') throw err;
    }
    // A file system without hard links: exclusive create (briefly empty, which readers wait out).
    try {
      writeFileSync(file, content, { flag: 'wx' });
      return true;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'EEXIST') return false;
      throw err;
    }
  } finally {
    rmSync(temp, { force: true });
  }
}

export class Lock {
  private released = false;

  private constructor(readonly file: string) {}

  /** The held lock, or the pid of the live process that holds it (0: unknown yet). A dead holder's lock is taken over. */
  private static attempt(dir: string): Lock | number {
    const file = join(dir, LOCK_FILE);
    for (let tries = 0; tries < 5; tries++) {
      if (createExclusive(file, `${process.pid}\n`)) {
        shared.held.add(file);
        return new Lock(file);
      }
      const holder = holderOf(file);
      if (holder === undefined) continue; // released meanwhile
      const ours = holder === process.pid && !shared.held.has(file);
      if (holder !== 0 && !ours && isAlive(holder)) return holder;
      if (holder === 0 && !isOld(file)) return 0; // being written; garbage only once it stays so
      // Stale: move it aside, and remove it only if it is still the dead process's lock.
      const aside = `${file}.${process.pid}.${(counter++).toString(36)}.stale`;
      try {
        renameSync(file, aside);
      } catch {
        continue;
      }
      const moved = holderOf(aside);
      if (moved !== holder) {
        try {
          linkSync(aside, file); // someone else's fresh lock: put it back
        } catch {
          // a third run holds the lock now; it stays theirs
        }
      }
      rmSync(aside, { force: true });
    }
    return 0;
  }

  private static refused(dir: string, holder: number): UserError {
    return new UserError(`another create-golem-app run (pid ${holder || 'unknown'}) holds ${dir}`, {
      code: 'E_LOCKED',
      hint: 'Wait for it to finish, then run the command again.',
    });
  }

  private static waitMs(waitMs: number | undefined): number {
    const env = process.env.CGA_LOCK_WAIT_MS;
    return env && Number.isFinite(Number(env)) ? Number(env) : (waitMs ?? DEFAULT_WAIT_MS);
  }

  private static attemptOrExplain(dir: string): Lock | number {
    try {
      return Lock.attempt(dir);
    } catch (err) {
      // The folder went away under us (a concurrent create undoing the folder it had made).
      if ((err as NodeJS.ErrnoException).code === 'ENOENT' && !existsSync(dir)) {
        throw new UserError(`${dir} was removed while this run waited to lock it`, {
          code: 'E_CONFLICT',
          hint: 'Another run removed it; nothing was changed. Run the command again.',
        });
      }
      throw osError(err, { path: join(dir, LOCK_FILE) }) ?? err;
    }
  }

  /** Takes the lock of `dir` (an existing folder), waiting up to `waitMs` for another run's. */
  static async acquire(dir: string, waitMs?: number): Promise<Lock> {
    const deadline = Date.now() + Lock.waitMs(waitMs);
    for (let delay = 20; ; delay = Math.min(delay * 2, 200)) {
      const got = Lock.attemptOrExplain(dir);
      if (got instanceof Lock) return got;
      if (Date.now() >= deadline) throw Lock.refused(dir, got);
      await new Promise((done) => setTimeout(done, delay));
    }
  }

  /** `acquire` for synchronous callers (short critical sections: a config file, a cache rename). */
  static acquireSync(dir: string, waitMs?: number): Lock {
    const deadline = Date.now() + Lock.waitMs(waitMs);
    const sleeper = new Int32Array(new SharedArrayBuffer(4));
    for (let delay = 20; ; delay = Math.min(delay * 2, 200)) {
      const got = Lock.attemptOrExplain(dir);
      if (got instanceof Lock) return got;
      if (Date.now() >= deadline) throw Lock.refused(dir, got);
      Atomics.wait(sleeper, 0, 0, delay);
    }
  }

  release(): void {
    if (this.released) return;
    this.released = true;
    shared.held.delete(this.file);
    rmSync(this.file, { force: true });
  }
}
