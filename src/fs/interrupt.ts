/**
 * Interruption. While a transaction is open, SIGINT, SIGTERM and SIGHUP undo what it did and end
 * the process with 128 + the signal number (130, 143, 129); an async step inside a transaction
 * (git writing the first commit) is awaited first, bounded, so that nothing is written into the
 * app after the undo. A process that ends any other way with a transaction still open (an error
 * nobody caught) undoes it on exit. A second signal stops waiting.
 *
 * The CLI handles these signals for its whole run (`installSignalHandlers`). A program that calls
 * the API did not ask for handlers: there they are installed while a transaction is open and
 * removed when the last one closes, print nothing and exit nothing — after the undo the signal
 * takes its course (the program's own handler, or Node's default, which ends the process).
 *
 * The state lives on `globalThis` under a registered symbol: the CLI's entry and its lazily
 * loaded command chunks are separate bundles, each with its own copy of this module.
 */
import { constants } from 'node:os';

/** Something to undo when the process is interrupted (synchronous, never throws). */
export interface Undoable {
  undo(): void;
}

interface State {
  undoables: Set<Undoable>;
  steps: Set<Promise<unknown>>;
  /** For the rest of the process (the CLI). */
  installed: boolean;
  /** Only while something is to be undone (API calls). */
  scoped: boolean;
  signal?: NodeJS.Signals;
}

const KEY = Symbol.for('create-golem-app.interrupt');
const state: State = ((globalThis as Record<symbol, unknown>)[KEY] as State | undefined) ?? { undoables: new Set(), steps: new Set(), installed: false, scoped: false };
(globalThis as Record<symbol, unknown>)[KEY] = state;

const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;
/** How long an interrupted run waits for a running step (a git child) before undoing anyway. */
const STEP_WAIT_MS = 10_000;

/** 128 + the signal's number, as a shell reports a process killed by it. */
export const exitCodeFor = (signal: NodeJS.Signals): number => 128 + (constants.signals[signal] ?? 0);

function undoAll(): boolean {
  const undoables = [...state.undoables].reverse();
  state.undoables.clear();
  for (const u of undoables) u.undo();
  return undoables.length > 0;
}

function onSignal(signal: NodeJS.Signals): void {
  const code = exitCodeFor(signal);
  const scoped = state.scoped;
  const finish = () => {
    const undone = undoAll();
    if (scoped) {
      stopScoped();
      if (process.listenerCount(signal) === 0) process.kill(process.pid, signal);
      return;
    }
    if (undone) process.stderr.write(`\n${signal === 'SIGINT' ? 'interrupted' : signal}: every change of this run was undone\n`);
    process.exit(code);
  };
  const steps = [...state.steps];
  // A second signal, or nothing to wait for: undo now.
  if (state.signal || steps.length === 0 || state.undoables.size === 0) {
    state.signal = signal;
    finish();
    return;
  }
  state.signal = signal;
  let timer: NodeJS.Timeout | undefined;
  const waited = new Promise((done) => {
    timer = setTimeout(done, STEP_WAIT_MS);
  });
  void Promise.race([Promise.allSettled(steps), waited]).then(() => {
    clearTimeout(timer);
    finish();
  });
}

/** Handles SIGINT, SIGTERM and SIGHUP for the rest of the process (idempotent). */
export function installSignalHandlers(): void {
  if (state.installed) return;
  state.installed = true;
  // Scoped handlers already listening are kept from now on.
  if (state.scoped) state.scoped = false;
  else listen();
}

function listen(): void {
  for (const signal of SIGNALS) process.on(signal, onSignal);
  process.on('exit', undoAll);
}

/** Scoped handlers off once nothing is left to undo. */
function stopScoped(): void {
  if (!state.scoped || state.undoables.size > 0) return;
  state.scoped = false;
  state.signal = undefined;
  for (const signal of SIGNALS) process.removeListener(signal, onSignal);
  process.removeListener('exit', undoAll);
}

/** Undoes `u` if the process is interrupted or exits before the returned function is called. */
export function undoOnInterrupt(u: Undoable): () => void {
  if (!state.installed && !state.scoped) {
    state.scoped = true;
    listen();
  }
  state.undoables.add(u);
  return () => {
    state.undoables.delete(u);
    stopScoped();
  };
}

/** Runs an async step that an interruption must wait for before undoing (a child process writing into the app). */
export async function interruptibleStep<T>(step: () => Promise<T>): Promise<T> {
  const promise = step();
  state.steps.add(promise);
  try {
    return await promise;
  } finally {
    state.steps.delete(promise);
  }
}

/**
 * Test hook: with CGA_TEST_PAUSE=<point>, the run stops at that point for CGA_TEST_PAUSE_MS
 * (default 30 s) after printing `cga-test-pause: <point>` on stderr, so that a test can signal
 * it at a known moment. Async points let signals in; sync ones (inside a commit) only SIGKILL.
 */
function pauseFor(point: string): number {
  const wanted = process.env.CGA_TEST_PAUSE;
  if (!wanted?.split(',').includes(point)) return 0;
  process.stderr.write(`cga-test-pause: ${point}\n`);
  return Number(process.env.CGA_TEST_PAUSE_MS ?? 30_000);
}

export async function pausePoint(point: string): Promise<void> {
  const ms = pauseFor(point);
  if (ms > 0) await new Promise((done) => setTimeout(done, ms));
}

export function pausePointSync(point: string): void {
  const ms = pauseFor(point);
  if (ms > 0) Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}
