/**
 * Terminal output: colours (off with NO_COLOR or a non-TTY stdout), the one-line error format,
 * and the Reporter that commands use (spinners only on a TTY, plain lines in a log).
 */
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

export const isInteractiveTerminal = (): boolean => process.stdin.isTTY === true && process.stdout.isTTY === true;

export function printError(message: string): void {
  process.stderr.write(`${color.red('error')}: ${message}\n`);
}

/**
 * `machineOutput`: stdout carries only the result (e.g. `--json`); progress and steps go to
 * stderr so a pipe reads clean data.
 */
export function createReporter(options: { machineOutput?: boolean } = {}): Reporter {
  const progress = options.machineOutput ? process.stderr : process.stdout;
  return {
    info: (message) => process.stdout.write(`${message}\n`),
    step: (message) => progress.write(`${color.green('✔')} ${message}\n`),
    warn: (message) => process.stderr.write(`${color.yellow('warning')}: ${message}\n`),
    async task(title, run, done) {
      if (!useColor) {
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
