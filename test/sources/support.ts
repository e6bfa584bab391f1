/** Shared by the source tests: a recording Reporter, awaiting a UserError, git URL rewriting. */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import { tempDir } from '../helpers/cli.js';
import type { Reporter } from '../../src/report.js';
import { UserError } from '../../src/errors.js';

export interface RecordingReporter extends Reporter {
  lines: string[];
}

export function recordingReporter(): RecordingReporter {
  const lines: string[] = [];
  return {
    lines,
    info: (m) => void lines.push(`info: ${m}`),
    step: (m) => void lines.push(`step: ${m}`),
    warn: (m) => void lines.push(`warn: ${m}`),
    async task(title, run, done) {
      lines.push(`task: ${title}`);
      const result = await run();
      lines.push(`done: ${done ? done(result) : title}`);
      return result;
    },
  };
}

/** The UserError `promise` rejects with (fails the test if it resolves or rejects otherwise). */
export async function failure(promise: Promise<unknown>): Promise<UserError> {
  const err = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(UserError);
  return err as UserError;
}

/**
 * `{ GIT_CONFIG_GLOBAL }` naming a fresh global git config whose `url.<to>.insteadOf <from>`
 * makes git fetch `from` from a local repository. (GIT_CONFIG_COUNT/KEY/VALUE would not do: they
 * are repository-local variables, which every git we start goes without.)
 */
export function gitRewrite(from: string, to: string): { GIT_CONFIG_GLOBAL: string } {
  const file = join(tempDir('cga-gitconfig-'), 'gitconfig');
  writeFileSync(file, `[url "${to}"]\n\tinsteadOf = ${from}\n`);
  return { GIT_CONFIG_GLOBAL: file };
}
