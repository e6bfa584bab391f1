/**
 * A program calling the API gets the CLI's rollback on SIGINT/SIGTERM without handlers of ours
 * staying on `process`: while the transaction is open they undo it, then the signal takes its
 * course — the default (the process ends by the signal) or the program's own handler, in which
 * case the call rejects with E_CANCELLED. (CGA_TEST_PAUSE stops the run at a known point.)
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Run } from '../transaction/helpers.js';
import { consumerDir } from './helpers.js';

/** A script creating `shop` (no git: the run pauses after the files are written). */
function script(dir: string, ownHandler: boolean): string {
  const file = join(dir, 'interrupted.mjs');
  writeFileSync(
    file,
    `import { createApp, isUserError } from 'create-golem-app';
import { writeFileSync } from 'node:fs';
${ownHandler ? "process.on('SIGINT', () => {});" : ''}
const counts = () => ['SIGINT', 'SIGTERM', 'SIGHUP', 'exit'].map((s) => process.listenerCount(s));
const before = counts();
let outcome;
try {
  outcome = { result: await createApp({ dir: 'shop', components: [{ name: 'shop:cart', template: 'ts' }], git: false }) };
} catch (e) {
  outcome = { error: { code: e.code, message: e.message, isUserError: isUserError(e) } };
}
writeFileSync('outcome.json', JSON.stringify({ ...outcome, before, after: counts() }));
`,
  );
  return file;
}

describe('an API call interrupted by a signal', () => {
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    it(`${signal} with no handler of the program's: the app is undone, then the process ends by ${signal}, printing nothing of ours`, async () => {
      const dir = consumerDir();
      const run = new Run([], { cwd: dir, bin: script(dir, false), env: { CGA_TEST_PAUSE: 'applied' } });
      await run.waitForStderr('cga-test-pause: applied');
      expect(existsSync(join(dir, 'shop', 'golem.yaml'))).toBe(true);
      run.signal(signal);
      const ended = await run.ended;
      expect(ended.signal).toBe(signal);
      expect(existsSync(join(dir, 'shop'))).toBe(false);
      expect(existsSync(join(dir, 'outcome.json'))).toBe(false);
      expect(ended.stdout).toBe('');
      expect(ended.stderr).toBe('cga-test-pause: applied\n');
    });
  }

  it("SIGINT when the program handles it: the app is undone, the call rejects with E_CANCELLED and only the program's handler is left", async () => {
    const dir = consumerDir();
    // The pause goes on after the signal (the process is not ended): a shorter one.
    const run = new Run([], { cwd: dir, bin: script(dir, true), env: { CGA_TEST_PAUSE: 'applied', CGA_TEST_PAUSE_MS: '8000' } });
    await run.waitForStderr('cga-test-pause: applied');
    run.signal('SIGINT');
    const ended = await run.ended;
    expect(ended.code).toBe(0);
    expect(ended.stdout).toBe('');
    const outcome = JSON.parse(readFileSync(join(dir, 'outcome.json'), 'utf8'));
    expect(outcome.error).toMatchObject({ code: 'E_CANCELLED', isUserError: true });
    expect(outcome.result).toBeUndefined();
    expect(outcome.after).toEqual(outcome.before);
    expect(outcome.before[0]).toBe(1);
    expect(existsSync(join(dir, 'shop'))).toBe(false);
  });
});
