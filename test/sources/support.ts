/** Shared by the source tests: a recording Reporter, and awaiting a UserError. */
import { expect } from 'vitest';
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
