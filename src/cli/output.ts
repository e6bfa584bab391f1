/**
 * Terminal output: colours (off with NO_COLOR or a non-TTY stdout), the error lines, quiet
 * broken pipes, and the Reporter that commands use (spinners only on a TTY, plain lines in a log).
 */
import { sentence, type UserError } from '../errors.js';
import type { Reporter } from '../report.js';

const useColor = process.stdout.isTTY === true && !('NO_COLOR' in process.env) && process.env.TERM !== 'dumb';
const wrap = (open: number, close: number) => (s: string) => (useColor ? `\x1b[${open}m${s}\x1b[${close}m` : s);

export const color = {
  bold: wrap(1, 22),
  dim: wrap(2, 22),
  red: wrap(31, 39),
  green: wrap(32, 39),
  yellow: wrap(33, 39),
  cyan: wrap(36, 39),
};

// stdout first: reading process.stdin opens it as a stream (and loads the stream modules), which a
// run whose output is not a terminal never needs.
export const isInteractiveTerminal = (): boolean => process.stdout.isTTY === true && process.stdin.isTTY === true;

/** `error: <what, where>.` and, when the text has one, the indented hint line below it. */
export function printError(text: string): void {
  process.stderr.write(`${color.red('error')}: ${text}\n`);
}

/**
 * A reader that goes away (`… | head -1`) ends our output, not the command: from the first
 * EPIPE on, what is written to that stream is dropped, and the command completes (or rolls
 * back) and exits as it would have.
 */
export function quietBrokenPipes(): void {
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (err: NodeJS.ErrnoException) => {
      if (err.code !== 'EPIPE' && err.code !== 'ERR_STREAM_DESTROYED') throw err;
      stream.write = dropped;
    });
  }
}

/** `write` of a stream whose reader is gone: nothing is written; a callback still runs, as after a write. */
const dropped = ((_chunk: unknown, encodingOrDone?: unknown, done?: unknown): boolean => {
  const callback = typeof encodingOrDone === 'function' ? encodingOrDone : done;
  if (typeof callback === 'function') process.nextTick(callback as () => void);
  return true;
}) as typeof process.stdout.write;

/** A `--json` result on stdout: one JSON document (2-space indented), nothing else on stdout. */
export function printJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}

/** The error shape of every command in JSON mode (schemas/error.schema.json). */
export interface JsonError {
  error: { code: string; message: string; hint: string | null; file: string | null; line: number | null; column: number | null };
}

export function jsonError(err: UserError): JsonError {
  const at = err.location;
  return {
    error: {
      code: err.code,
      message: sentence(err.message),
      hint: err.hint === undefined ? null : err.hint.replace(/\s*[\r\n]+\s*/g, ' ').trim(),
      file: at?.file ?? null,
      line: at?.line ?? null,
      column: at?.column ?? null,
    },
  };
}

/** Whether argv asks for JSON: `--json` before any `--`. */
export const wantsJson = (argv: readonly string[]): boolean => {
  const end = argv.indexOf('--');
  return (end < 0 ? argv : argv.slice(0, end)).includes('--json');
};

/**
 * `machineOutput` (`--json`): stdout carries only the result, which the command prints with
 * `printJson`; progress, steps and notes go to stderr (no spinner), so a pipe reads clean data.
 */
export function createReporter(options: { machineOutput?: boolean } = {}): Reporter {
  const machine = options.machineOutput === true;
  const progress = machine ? process.stderr : process.stdout;
  return {
    info: (message) => progress.write(`${message}\n`),
    step: (message) => progress.write(`${color.green('✔')} ${message}\n`),
    // One write for many lines: each write to a file or a pipe is a system call of its own.
    steps: (messages) => {
      if (messages.length > 0) progress.write(messages.map((message) => `${color.green('✔')} ${message}\n`).join(''));
    },
    warn: (message) => process.stderr.write(`${color.yellow('warning')}: ${message}\n`),
    async task(title, run, done) {
      if (!useColor || machine) {
        const result = await run();
        progress.write(`${color.green('✔')} ${done ? done(result) : title}\n`);
        return result;
      }
      const { spinner } = await import('@clack/prompts');
      const spin = spinner();
      spin.start(title);
      try {
        const result = await run();
        spin.stop(done ? done(result) : title);
        return result;
      } catch (err) {
        spin.error(`${title} (failed)`);
        throw err;
      }
    },
  };
}
