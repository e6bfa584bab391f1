/**
 * Two runs at once: the app lock makes the second wait, so concurrent `add dependency` runs on one
 * caller keep both edits (or one is refused with the lock message and writes nothing); of two
 * `create` runs into one folder, one wins and the other changes nothing. A lock left by a dead
 * process is taken over.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadApp } from '../../src/app/index.js';
import { ROOT, runCli, tempDir } from '../helpers/cli.js';
import { baseApp, gitState, inBatches, leftovers, Run, sleep, tree } from './helpers.js';

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

  it('a waiting run that is interrupted leaves the journal and the work of the holder alone', async () => {
    const app = base.copy();
    const holder = new Run(['add', 'dependency', 'a:c', 'a:p'], { cwd: app, env: { CGA_TEST_PAUSE: 'committed', CGA_TEST_PAUSE_MS: '1500' } });
    await holder.waitForStderr('cga-test-pause: committed');
    const waiter = new Run(['add', 'dependency', 'a:c', 'a:q'], { cwd: app, env: { CGA_LOCK_WAIT_MS: '5000' } });
    await sleep(300);
    waiter.signal('SIGINT');
    const stopped = await waiter.ended;
    expect(stopped.code === 130 || stopped.signal === 'SIGINT', stopped.stderr).toBe(true);
    expect(existsSync(join(app, '.create-golem-app.journal'))).toBe(true);
    expect((await holder.ended).code).toBe(0);
    expect(targetsOf(app, 'a:c')).toEqual(['a:p']);
    expect(leftovers(app)).toEqual([]);
  });

  const DRY_RUNS = [
    ['add', 'dependency', 'a:c', 'a:q', '--dry-run'],
    ['generate', '--dry-run'],
    ['remove', 'component', 'a:q', '--dry-run'],
    ['remove', 'dependency', 'a:c', 'a:p', '--dry-run'],
  ];

  it("a dry run waits for the holder's lock, then lists from what it finished; it writes nothing", async () => {
    const app = base.copy();
    const holder = new Run(['add', 'dependency', 'a:c', 'a:p'], { cwd: app, env: { CGA_TEST_PAUSE: 'committed', CGA_TEST_PAUSE_MS: '1500' } });
    await holder.waitForStderr('cga-test-pause: committed');
    // Started while the holder's changes are half made (backups beside its files): it must not read them.
    const dry = new Run(['remove', 'dependency', 'a:c', 'a:p', '--dry-run'], { cwd: app, env: { CGA_LOCK_WAIT_MS: '20000' } });
    expect((await holder.ended).code).toBe(0);
    const listed = await dry.ended;
    expect(listed.code, listed.stderr).toBe(0);
    expect(listed.stdout + listed.stderr).toMatch(/Would remove dependency a:c → a:p \(wasm-rpc\)/);
    expect(targetsOf(app, 'a:c')).toEqual(['a:p']);
    expect(leftovers(app)).toEqual([]);
  });

  it("dry runs leave a killed run's journal alone and say how to put it right; then a run that writes does", async () => {
    const app = base.copy();
    const before = tree(app);
    const killed = new Run(['add', 'dependency', 'a:c', 'a:p'], { cwd: app, env: { CGA_TEST_PAUSE: 'applying' } });
    await killed.waitForStderr('cga-test-pause: applying');
    killed.signal('SIGKILL');
    await killed.ended;
    const left = tree(app);
    left.delete('.create-golem-app.lock'); // the killed run's lock: taken over (and let go) by the first dry run
    for (const args of DRY_RUNS) {
      const r = runCli(args, { cwd: app });
      expect(r.code, `${args.join(' ')}: ${r.stderr}`).toBe(1);
      expect(r.stderr).toMatch(/^error: .* holds the unfinished changes of an interrupted run\.\n {2}Nothing was changed; run the command without --dry-run/);
      expect(tree(app)).toEqual(left);
    }
    const again = runCli(['generate'], { cwd: app });
    expect(again.code, again.stderr).toBe(0);
    expect(leftovers(app)).toEqual([]);
    expect(tree(app)).toEqual(before);
    // (a:c has no dependency on a:p once the killed run is undone: that dry run has nothing to remove)
    for (const args of DRY_RUNS.slice(0, 3)) expect(runCli(args, { cwd: app }).code, args.join(' ')).toBe(0);
    expect(tree(app)).toEqual(before);
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
  it("another run's passing lock file (being taken, or moved aside) does not make the folder non-empty, and stays out of the first commit", () => {
    const cwd = tempDir('cga-tx-create-lockfile-');
    for (const name of ['.create-golem-app.lock.4242.0.tmp', '.create-golem-app.lock.4242.1.stale']) {
      const app = join(cwd, name.endsWith('tmp') ? 'taking' : 'aside');
      mkdirSync(app);
      writeFileSync(join(app, name), '4242\n');
      const r = runCli([app, '--component', 'a:p', '--yes'], { cwd });
      expect(r.code, r.stderr).toBe(0);
      const tracked = spawnSync('git', ['ls-files'], { cwd: app, encoding: 'utf8' }).stdout.split('\n');
      expect(tracked).toContain('golem.yaml');
      expect(tracked.filter((f) => f.startsWith('.create-golem-app'))).toEqual([]);
      expect(gitState(app)).toMatchObject({ commits: 1 });
    }
  });

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
        // The loser stops at whatever it meets first (the lock, the folder no longer empty, a file of
        // the winner's), always with one error line.
        const loser = ended.find((e) => e.code === 1)!;
        expect(loser.stderr).toMatch(/^error: /);
        expect(loser.stderr).not.toMatch(/unexpected failure|\n\s+at /);
        const app = join(cwd, 'app');
        const said = ended.map((e) => `[exit ${e.code}] ${e.stdout}${e.stderr}`).join('\n');
        expect(tree(app), said).toEqual(complete);
        expect(gitState(app), said).toEqual({ commits: 1, clean: true });
        expect(leftovers(app)).toEqual([]);
        return codes;
      }),
      2,
    );
    expect(results.length).toBe(4);
  });
});
