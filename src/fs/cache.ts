/**
 * Our cache folder (`$XDG_CACHE_HOME/create-golem-app`, else `~/.cache/create-golem-app`) and
 * the one way anything is put into it: fetched into a fresh staging folder, then renamed into
 * place, so a reader never sees a half-written copy and a failed or interrupted fetch leaves
 * nothing behind. Fetches into one cache folder and publishing into it hold that folder's lock
 * (lock.ts), so concurrent runs never write the same snapshot (degit's cache included) at once.
 * Used by template sources (src/templates/sources) and `wasm` dependency downloads (src/rpc/libraries.ts).
 */
import { existsSync, mkdirSync, mkdtempSync, renameSync, rmSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, isAbsolute, join } from 'node:path';
import { sha256Hex } from '../builtins.js';
import { undoOnInterrupt } from './interrupt.js';
import { Lock } from './lock.js';

/** A fetch may take as long as the network allows: another run waits for it this long. */
const FETCH_LOCK_WAIT_MS = 300_000;

/** The XDG base for caches; the spec says relative values are ignored. */
export function xdgCacheHome(env: NodeJS.ProcessEnv = process.env): string {
  const configured = env.XDG_CACHE_HOME;
  return configured && isAbsolute(configured) ? configured : join(homedir(), '.cache');
}

export function defaultCacheDir(): string {
  return join(xdgCacheHome(), 'create-golem-app');
}

/** A short, stable folder name for anything (a URL, a repository identity). */
export function cacheKey(...parts: string[]): string {
  return sha256Hex(parts.join('\0')).slice(0, 16);
}

/** A ref as a single safe folder name (`feature/x` → `feature%2Fx`). */
export function refFolderName(ref: string): string {
  return encodeURIComponent(ref);
}

/** A fresh, empty folder next to where its content will be published. */
export function stagingDir(parent: string): string {
  mkdirSync(parent, { recursive: true });
  return mkdtempSync(join(parent, '.staging-'));
}

/**
 * Moves `staging` to `target`. `replace`: an existing copy is swapped out (a moving ref fetched
 * again); otherwise an existing copy wins (commit-addressed content never changes).
 */
export function publish(staging: string, target: string, replace: boolean): void {
  mkdirSync(dirname(target), { recursive: true });
  const lock = Lock.acquireSync(dirname(target), FETCH_LOCK_WAIT_MS);
  try {
    if (existsSync(target)) {
      if (!replace) {
        rmSync(staging, { recursive: true, force: true });
        return;
      }
      const old = `${staging}.old`;
      renameSync(target, old);
      renameSync(staging, target);
      rmSync(old, { recursive: true, force: true });
      return;
    }
    renameSync(staging, target);
  } finally {
    lock.release();
  }
}

/**
 * Runs `fetch` into a fresh staging folder under `parent`, holding the lock of `parent`; the
 * folder is removed if the fetch fails or the run is interrupted.
 */
export async function withStaging<T>(parent: string, fetch: (staging: string) => Promise<T>): Promise<{ staging: string; result: T }> {
  mkdirSync(parent, { recursive: true });
  const lock = await Lock.acquire(parent, FETCH_LOCK_WAIT_MS);
  const staging = stagingDir(parent);
  const remove = () => rmSync(staging, { recursive: true, force: true });
  const unguard = undoOnInterrupt({
    undo: () => {
      remove();
      lock.release();
    },
  });
  try {
    return { staging, result: await fetch(staging) };
  } catch (err) {
    remove();
    throw err;
  } finally {
    unguard();
    lock.release();
  }
}
