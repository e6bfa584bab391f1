/**
 * Ctrl-C in a real terminal (tmux) right after confirming the create prompt: the terminal sends
 * SIGINT to the CLI and to git, which is writing the first commit. The app is absent or complete
 * with its one commit; nothing of the transaction is left.
 */
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli, tempDir } from '../helpers/cli.js';
import { stopTerminals, Terminal } from '../interactive/terminal.js';
import { gitState, leftovers, tree } from './helpers.js';

afterAll(() => stopTerminals());

const ARGS = ['--component', 'shop:a', '--component', 'shop:b', '--dependency', 'shop:a=shop:b'];

/** The answers up to the confirm; `keys` are pressed at it. */
async function confirmThen(cwd: string, keys: string[], env: Record<string, string> = {}): Promise<Terminal> {
  const t = Terminal.start(ARGS, { cwd, env });
  await t.reply('Application folder:', 'app');
  await t.answer('Initialise a git repository?', 'Enter');
  await t.answer('Install dependencies with npm?', 'n');
  await t.answer('Create the app?', ...keys);
  return t;
}

describe('Ctrl-C right after confirming the create prompt', () => {
  const reference = tempDir('cga-tx-term-ref-');
  const made = runCli(['app', ...ARGS, '--yes'], { cwd: reference });
  const complete = tree(join(reference, 'app'));

  it.each([0, 100, 200, 300, 450, 800])('leaves no app or the whole app with its commit (Ctrl-C %i ms after Enter)', async (delay) => {
    expect(made.code).toBe(0);
    const cwd = tempDir('cga-tx-term-');
    const t = await confirmThen(cwd, ['Enter']);
    await new Promise((done) => setTimeout(done, delay));
    // Not once the CLI has ended: the keys would go to what the pane runs next.
    if (!/\[exit \d+\]/.test(t.screen())) t.press('C-c');
    const code = await t.exitCode();
    const app = join(cwd, 'app');
    expect(leftovers(app)).toEqual([]);
    const now = tree(app);
    if (now.size === 0) {
      expect(code).toBe(130);
      expect(gitState(app)).toBeUndefined();
    } else {
      expect(now).toEqual(complete);
      expect(gitState(app)).toEqual({ commits: 1, clean: true });
    }
    t.close();
  });

  it('Ctrl-C while the files are written and git has not run yet: nothing is left', async () => {
    const cwd = tempDir('cga-tx-term-');
    const t = await confirmThen(cwd, ['Enter'], { CGA_TEST_PAUSE: 'applied' });
    await t.waitFor('cga-test-pause: applied');
    t.press('C-c');
    expect(await t.exitCode()).toBe(130);
    expect(t.transcript()).toContain('interrupted: every change of this run was undone');
    expect(tree(join(cwd, 'app')).size).toBe(0);
    t.close();
  });
});
