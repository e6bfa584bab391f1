/**
 * A Reporter for runs that began with prompts: what the command reports continues clack's guide
 * (steps as ◆ lines, long steps as spinners, warnings as ▲) instead of breaking out of it, and
 * `close()` ends the session: a block of plain lines whose first line ends with ':' (e.g.
 * "Next steps:") becomes a titled note, then the closing └ line. Only used on a terminal.
 */
import * as p from '@clack/prompts';
import type { Reporter } from '../../report.js';
import { createReporter } from '../output.js';

export interface PromptReporter extends Reporter {
  /** Shows what is still pending and draws the end of the guide. */
  close(): void;
}

export function createPromptReporter(): PromptReporter {
  const spinners = createReporter(); // its task() is a clack spinner on a colour terminal
  let pending: string[] = [];
  const flush = () => {
    const lines = pending.join('\n').split('\n');
    pending = [];
    while (lines[0]?.trim() === '') lines.shift();
    if (lines.length === 0) return;
    const [first = '', ...rest] = lines;
    if (first.endsWith(':') && rest.length > 0) p.note(rest.map((l) => l.replace(/^ {2}/, '')).join('\n'), first.slice(0, -1));
    else p.log.message(lines.join('\n'));
  };
  return {
    info: (message) => void pending.push(message),
    step(message) {
      flush();
      p.log.success(message);
    },
    warn(message) {
      flush();
      p.log.warn(message);
    },
    task(title, run, done) {
      flush();
      return spinners.task(title, run, done);
    },
    close() {
      flush();
      p.outro('Done.');
    },
  };
}
