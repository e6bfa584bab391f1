/**
 * Two runs at once: the app lock makes the second wait, so concurrent `add dependency` runs on one
 * caller keep both edits (or one is refused with the lock message and writes nothing); of two
 * `create` runs into one folder, one wins and the other changes nothing. A lock left by a dead
 * process is taken over.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadApp } from '../../src/app/index.js';
import { ROOT, runCli, tempDir } from '../helpers/cli.js';
import { baseApp, gitState, inBatches, leftovers, Run, tree } from './helpers.js';

let base: ReturnType<typeof baseApp>;

beforeAll(() => {
  base = baseApp(['--component', 'a:q']);
});

const targetsOf = (app: string, caller: string) =>
  loadApp(app, { explicitRoot: true })
    .dependencies.filter((d) => d.source === caller)
    .map((d) => d.target)
    .sort();

const LOCKED = /^error: another create-golem-app run \(pid \d+\) holds .+/m;

describe('two add dependency runs on one caller at once', () => {
  it('keep both edits, or refuse one with the lock message and write nothing of it (many tries)', async () => {
    const outcomes = await inBatches(
      Array.from({ length: 8 }, () => async () => {
        const app = base.copy();
        const one = new Run(['add', 'dependency', 'a:c', 'a:p'], { cwd: app });
        const two = new Run(['add', 'dependency', 'a:c', 'a:q'], { cwd: app });
        const [a, b] = await Promise.all([one.ended, two.ended]);
        expect(leftovers(app)).toEqual([]);
        const expected = [a.code === 0 ? 'a:p' : undefined, b.code === 0 ? 'a:q' : undefined].filter((t) => t !== undefined);
        for (const r of [a, b]) if (r.code !== 0) expect(r.stderr).toMatch(LOCKED);
        expect(targetsOf(app, 'a:c')).toEqual(expected);
        // The clients of what was kept are there, and generation has nothing left to do.
        const again = runCli(['generate'], { cwd: app });
        expect(again.stdout + again.stderr).toMatch(/generated WIT up to date/);
        return expected.length;
      }),
      2,
    );
    expect(outcomes.length).toBe(8);
  });
});

describe('the lock', () => {
  it('a second run waits, then stops with the holder named; nothing of it is written', async () => {
    const app = base.copy();
    const holder = new Run(['add', 'dependency', 'a:c', 'a:p'], { cwd: app, env: { CGA_TEST_PAUSE: 'locked', CGA_TEST_PAUSE_MS: '1500' } });
    await holder.waitForStderr('cga-test-pause: locked');
    const before = tree(app);
    const second = runCli(['add', 'dependency', 'a:c', 'a:q'], { cwd: app, env: { CGA_LOCK_WAIT_MS: '200' } });
    expect(second.code).toBe(1);
    expect(second.stderr.startsWith(`error: another create-golem-app run (pid ${holder.pid}) holds ${app}`)).toBe(true);
    expect(tree(app)).toEqual(before);
    expect((await holder.ended).code).toBe(0);
    expect(targetsOf(app, 'a:c')).toEqual(['a:p']);
  });

  it('a lock left by a dead process is taken over', () => {
    const app = base.copy();
    const dead = Number(readFileSync('/proc/sys/kernel/pid_max', 'utf8')) - 1; // no process has it
    writeFileSync(join(app, '.create-golem-app.lock'), `${dead}\n`);
    const r = runCli(['add', 'dependency', 'a:c', 'a:p'], { cwd: app, env: { CGA_LOCK_WAIT_MS: '200' } });
    expect(r.code, r.stderr).toBe(0);
    expect(leftovers(app)).toEqual([]);
    expect(targetsOf(app, 'a:c')).toEqual(['a:p']);
  });

  it('the user config has its own lock: concurrent registry adds keep every registry', async () => {
    const cwd = tempDir('cga-tx-config-');
    const env = { XDG_CONFIG_HOME: join(cwd, 'config') };
    // This package's own folder is a registry (registry.json + templates/).
    const runs = ['one', 'two', 'three', 'four'].map((name) => new Run(['registry', 'add', name, ROOT], { cwd, env }));
    const ended = await Promise.all(runs.map((r) => r.ended));
    for (const e of ended) expect(e.code, e.stderr).toBe(0);
    const config = JSON.parse(readFileSync(join(cwd, 'config/create-golem-app/config.json'), 'utf8')) as { registries: Record<string, string> };
    expect(Object.keys(config.registries).sort()).toEqual(['four', 'one', 'three', 'two']);
    expect(leftovers(join(cwd, 'config'))).toEqual([]);
  });
});

describe('two create runs into one folder', () => {
  it('one wins, the other changes nothing (many tries)', async () => {
    const reference = tempDir('cga-tx-create-ref-');
    expect(runCli(['app', '--component', 'a:p', '--yes'], { cwd: reference }).code).toBe(0);
    const complete = tree(join(reference, 'app'));
    const results = await inBatches(
      Array.from({ length: 4 }, () => async () => {
        const cwd = tempDir('cga-tx-create2-');
        const runs = [0, 1].map(() => new Run(['app', '--component', 'a:p', '--yes'], { cwd }));
        const ended = await Promise.all(runs.map((r) => r.ended));
        const codes = ended.map((e) => e.code).sort();
        expect(codes, ended.map((e) => e.stderr).join('\n')).toEqual([0, 1]);
        const loser = ended.find((e) => e.code === 1)!;
        // The loser sees the winner's lock, or its files: under the lock (not empty) or while planning (the component exists).
        expect(loser.stderr).toMatch(/^error: (folder app is not empty|another create-golem-app run \(pid \d+\) holds .*|component a:p already exists: .*)/m);
        const app = join(cwd, 'app');
        expect(tree(app)).toEqual(complete);
        expect(gitState(app)).toEqual({ commits: 1, clean: true });
        expect(leftovers(app)).toEqual([]);
        return codes;
      }),
      2,
    );
    expect(results.length).toBe(4);
  });
});
