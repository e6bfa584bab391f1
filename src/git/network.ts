/**
 * git commands that reach a remote (clone, fetch, ls-remote, push), under the network rules of
 * src/net: an inactivity timeout on git's output (fetches and pushes run with `--progress`, so a
 * slow but moving transfer keeps going). git is started in its own process group and the whole
 * group is ended on timeout: its transport helpers (git-remote-https, ssh) would otherwise live
 * on, holding our pipes open. A signal that ends us ends the group too.
 */
import type { ChildProcess } from 'node:child_process';
import { childProcess } from '../builtins.js';
import { didNotAnswer, hostOf, inactivityTimer, type NetworkOptions, proxyFor, showProxy, timeoutSecondsOf } from '../net/index.js';
import { gitEnvironment, safeConfigArgs } from './environment.js';

export interface NetworkGitOptions extends NetworkOptions {
  cwd: string;
  /** The URL or path git talks to: named when it does not answer. */
  remote: string;
}

/** Output kept for error messages: the last part of a long progress log is what matters. */
const MAX_KEPT = 64 * 1024;
const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;
const usesGroups = process.platform !== 'win32';
const running = new Set<ChildProcess>();

function endGroup(child: ChildProcess): void {
  try {
    if (usesGroups && child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
    else child.kill('SIGKILL');
  } catch {
    // already gone
  }
}

function endAll(): void {
  for (const child of running) endGroup(child);
  running.clear();
  for (const s of SIGNALS) process.removeListener(s, onSignal);
  process.removeListener('exit', endAll);
}

/** Our process is being ended: end git's groups, then let the signal take its course (another handler, or the default). */
function onSignal(signal: NodeJS.Signals): void {
  endAll();
  if (process.listenerCount(signal) === 0) process.kill(process.pid, signal);
}

function track(child: ChildProcess): void {
  if (running.size === 0) {
    for (const s of SIGNALS) process.on(s, onSignal);
    // Another signal handler may end the process first (src/fs/interrupt.ts): groups end with it.
    process.on('exit', endAll);
  }
  running.add(child);
}

function untrack(child: ChildProcess): void {
  running.delete(child);
  if (running.size === 0) {
    for (const s of SIGNALS) process.removeListener(s, onSignal);
    process.removeListener('exit', endAll);
  }
}

/** Runs `git <args>`; resolves to its stdout, rejects with its stderr as the message, or with "did not answer". */
export function runNetworkGit(args: string[], options: NetworkGitOptions): Promise<string> {
  const seconds = timeoutSecondsOf(options);
  return new Promise((resolve, reject) => {
    const child = childProcess().spawn('git', [...safeConfigArgs(), ...args], {
      cwd: options.cwd,
      env: gitEnvironment(),
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: usesGroups,
      windowsHide: true,
    });
    track(child);
    const stdout: Buffer[] = [];
    let stderr = '';
    const timer = inactivityTimer(seconds * 1000, () => endGroup(child));
    child.stdout?.on('data', (chunk: Buffer) => {
      timer.touch();
      stdout.push(chunk);
    });
    child.stderr?.on('data', (chunk: Buffer) => {
      timer.touch();
      stderr = (stderr + chunk.toString('utf8')).slice(-MAX_KEPT);
    });
    child.on('error', (err) => {
      timer.stop();
      untrack(child);
      reject(err);
    });
    child.on('close', (code) => {
      timer.stop();
      untrack(child);
      if (timer.fired) {
        const proxy = proxyFor(options.remote);
        reject(didNotAnswer(hostOf(options.remote), seconds, proxy && showProxy(proxy)));
      } else if (code === 0) resolve(Buffer.concat(stdout).toString('utf8'));
      else reject(new Error(stderr.trim() || `git ${args[0]} failed (exit ${code})`));
    });
  });
}
