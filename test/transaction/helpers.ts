/** Real runs of the built CLI that a test can signal, and the views of a folder the transaction tests compare. */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, lstatSync, readdirSync, readFileSync, readlinkSync } from 'node:fs';
import { join } from 'node:path';
import { BIN, runCli, tempDir } from '../helpers/cli.js';

export interface Ended {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

export class Run {
  stdout = '';
  stderr = '';
  readonly ended: Promise<Ended>;
  private readonly child: ChildProcess;

  /** `bin`: another script to run instead of the CLI (a program calling the API). */
  constructor(args: string[], options: { cwd: string; env?: Record<string, string | undefined>; bin?: string }) {
    this.child = spawn(process.execPath, [options.bin ?? BIN, ...args], {
      cwd: options.cwd,
      env: { ...process.env, NO_COLOR: '1', npm_config_user_agent: undefined, ...options.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child.stdout!.on('data', (d: Buffer) => (this.stdout += d.toString()));
    this.child.stderr!.on('data', (d: Buffer) => (this.stderr += d.toString()));
    this.ended = new Promise((done) => this.child.on('close', (code, signal) => done({ code, signal, stdout: this.stdout, stderr: this.stderr })));
  }

  get pid(): number {
    return this.child.pid!;
  }

  get running(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null;
  }

  /** Sends `signal` if the run is still going; false when it had already ended. */
  signal(signal: NodeJS.Signals): boolean {
    if (!this.running) return false;
    return this.child.kill(signal);
  }

  /** Waits (bounded) until stderr contains `text`. */
  async waitForStderr(text: string, ms = 30_000): Promise<void> {
    const deadline = Date.now() + ms;
    while (!this.stderr.includes(text)) {
      if (!this.running) throw new Error(`the run ended before '${text}' appeared; stderr:\n${this.stderr}`);
      if (Date.now() > deadline) throw new Error(`timed out waiting for '${text}'; stderr:\n${this.stderr}`);
      await new Promise((done) => setTimeout(done, 10));
    }
  }
}

export const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

/** The exit a signal must produce: our handler's 128 + n, or the default death by the signal (before the handler is installed). */
export function endedBy(ended: Ended, signal: NodeJS.Signals): boolean {
  const code = signal === 'SIGINT' ? 130 : signal === 'SIGTERM' ? 143 : 129;
  return ended.code === code || ended.signal === signal;
}

/**
 * Every entry below `dir` (relative path → kind and bytes; links as their target text), `.git`
 * left out: what "untouched" and "complete" compare.
 */
export function tree(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  if (!existsSync(dir)) return out;
  const walk = (d: string, prefix: string) => {
    for (const name of readdirSync(d).sort()) {
      if (prefix === '' && name === '.git') continue;
      const p = join(d, name);
      const st = lstatSync(p);
      const rel = `${prefix}${name}`;
      if (st.isDirectory()) {
        out.set(`${rel}/`, 'dir');
        walk(p, `${rel}/`);
      } else if (st.isSymbolicLink()) out.set(rel, `link:${readlinkSync(p)}`);
      else if (!st.isFile())
        out.set(rel, 'special'); // a FIFO is never opened: that would wait
      else out.set(rel, `${(st.mode & 0o777).toString(8)}:${readFileSync(p).toString('base64')}`);
    }
  };
  walk(dir, '');
  return out;
}

/** Files a transaction makes for itself (lock, journal, staged and backup files): none may remain after a run. */
export function leftovers(dir: string): string[] {
  const found: string[] = [];
  const walk = (d: string) => {
    if (!existsSync(d)) return;
    for (const name of readdirSync(d)) {
      const p = join(d, name);
      if (name.startsWith('.create-golem-app.') || /\.?cga-\d+-[0-9a-z]+\.(tmp|old)$/.test(name)) found.push(p);
      if (name !== '.git' && lstatSync(p).isDirectory()) walk(p);
    }
  };
  walk(dir);
  return found;
}

/** The git history of a created app: the number of commits and whether the work tree is clean. */
export function gitState(dir: string): { commits: number; clean: boolean } | undefined {
  if (!existsSync(join(dir, '.git'))) return undefined;
  const count = spawnSync('git', ['rev-list', '--count', 'HEAD'], { cwd: dir, encoding: 'utf8' });
  const status = spawnSync('git', ['status', '--porcelain'], { cwd: dir, encoding: 'utf8' });
  return { commits: count.status === 0 ? Number(count.stdout.trim()) : 0, clean: status.status === 0 && status.stdout.trim() === '' };
}

/** A two-component TypeScript app (a:p provider, a:c caller-to-be), made once by the built CLI; `copy()` gives a fresh one. */
export function baseApp(extra: string[] = []): { copy(): string } {
  const cwd = tempDir('cga-tx-base-');
  const made = runCli(['app', '--component', 'a:p', '--component', 'a:c', '--no-git', '--yes', ...extra], { cwd });
  if (made.code !== 0) throw new Error(`base app: ${made.stderr}`);
  return {
    copy() {
      const dir = join(tempDir('cga-tx-'), 'app');
      cpSync(join(cwd, 'app'), dir, { recursive: true, verbatimSymlinks: true });
      return dir;
    },
  };
}

/** Runs `tasks` with at most `limit` at a time. */
export async function inBatches<T>(tasks: (() => Promise<T>)[], limit: number): Promise<T[]> {
  const results: T[] = [];
  let next = 0;
  const worker = async () => {
    while (next < tasks.length) {
      const i = next++;
      results[i] = await tasks[i]!();
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, tasks.length) }, worker));
  return results;
}
