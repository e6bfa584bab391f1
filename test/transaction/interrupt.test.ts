/**
 * Interrupting real runs of the built CLI: SIGINT and SIGTERM at delays spread over each command's
 * run, at fixed points (CGA_TEST_PAUSE), and SIGKILL inside a commit. Afterwards the app is either
 * untouched or complete (create: with its one git commit), no lock, journal, staged or backup
 * file is left, and the next run works.
 */
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli, tempDir } from '../helpers/cli.js';
import { baseApp, endedBy, gitState, inBatches, leftovers, Run, sleep, tree } from './helpers.js';

interface Case {
  name: string;
  /** A fresh starting point: the folder the command runs in and the app folder it changes. */
  setup(): { cwd: string; app: string };
  args: string[];
  /** What "complete" looks like (from an uninterrupted run), and how long that run took. */
  after?: Map<string, string>;
  ms?: number;
  /** The command that shows the next run works once this one was interrupted in `state`. */
  next(state: 'untouched' | 'complete'): string[];
}

let base: ReturnType<typeof baseApp>;
let withDependency: ReturnType<typeof baseApp>;

/** Runs in a fresh copy of `fixture` (made by beforeAll; read when the case runs). */
const inCopyOf = (fixture: () => ReturnType<typeof baseApp>) => () => {
  const app = fixture().copy();
  return { cwd: app, app };
};
/** The next run: untouched, the same command again; complete, `generate` over the app as it is. */
const againOrGenerate = (args: string[]) => (state: 'untouched' | 'complete') => (state === 'untouched' ? args : ['generate']);

const CREATE_ARGS = ['app', '--component', 'a:p', '--component', 'a:c', '--dependency', 'a:c=a:p', '--yes'];

const cases: Case[] = [
  {
    name: 'create',
    setup: () => {
      const cwd = tempDir('cga-tx-create-');
      return { cwd, app: join(cwd, 'app') };
    },
    args: CREATE_ARGS,
    next: (state) => (state === 'untouched' ? CREATE_ARGS : ['generate', '--app', 'app']),
  },
  {
    name: 'add component',
    setup: inCopyOf(() => base),
    args: ['add', 'component', 'ts/caller', 'a:x', '--target', 'a:p'],
    next: againOrGenerate(['add', 'component', 'ts/caller', 'a:x', '--target', 'a:p']),
  },
  {
    name: 'add dependency',
    setup: inCopyOf(() => base),
    args: ['add', 'dependency', 'a:c', 'a:p'],
    next: againOrGenerate(['add', 'dependency', 'a:c', 'a:p']),
  },
  {
    name: 'generate',
    setup: () => {
      // The dependency is declared, its generated WIT and clients are not there yet.
      const app = withDependency.copy();
      rmSync(join(app, 'golem-temp'), { recursive: true, force: true });
      rmSync(join(app, 'components-ts/a-c/wit-generated'), { recursive: true, force: true });
      return { cwd: app, app };
    },
    args: ['generate'],
    next: () => ['generate'],
  },
  {
    name: 'remove component',
    // a:c calls a:p: a:p's folder goes (moved aside, deleted after the commit point), a:c's dependency and client with it.
    setup: inCopyOf(() => withDependency),
    args: ['remove', 'component', 'a:p', '--yes'],
    next: againOrGenerate(['remove', 'component', 'a:p', '--yes']),
  },
  {
    name: 'remove dependency',
    setup: inCopyOf(() => withDependency),
    args: ['remove', 'dependency', 'a:c', 'a:p'],
    next: againOrGenerate(['remove', 'dependency', 'a:c', 'a:p']),
  },
];

beforeAll(() => {
  base = baseApp();
  withDependency = baseApp(['--dependency', 'a:c=a:p']);
  for (const c of cases) {
    const { cwd, app } = c.setup();
    const started = Date.now();
    const r = runCli(c.args, { cwd });
    c.ms = Date.now() - started;
    expect(r.code, r.stderr).toBe(0);
    c.after = tree(app);
  }
});

/** Untouched or complete, nothing of the transaction left; then the next run works. */
function checkOutcome(c: Case, where: { cwd: string; app: string }, before: Map<string, string>, context: string): 'untouched' | 'complete' {
  expect(leftovers(where.app), context).toEqual([]);
  const now = tree(where.app);
  let state: 'untouched' | 'complete';
  if (now.size === before.size && [...now].every(([k, v]) => before.get(k) === v)) state = 'untouched';
  else {
    expect(now, context).toEqual(c.after);
    state = 'complete';
    if (c.name === 'create') expect(gitState(where.app), context).toEqual({ commits: 1, clean: true });
  }
  if (c.name === 'create' && state === 'untouched') expect(gitState(where.app), context).toBeUndefined();
  const next = runCli(c.next(state), { cwd: where.cwd });
  expect(next.code, `${context}: next run: ${next.stderr}`).toBe(0);
  expect(leftovers(where.app), context).toEqual([]);
  if (c.name !== 'create' || state === 'untouched') expect(tree(where.app), context).toEqual(c.after);
  return state;
}

describe.each(cases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
  it('SIGINT and SIGTERM at delays spread over the run leave it untouched or complete', async () => {
    const tries: { signal: NodeJS.Signals; delay: number }[] = [];
    for (const signal of ['SIGINT', 'SIGTERM'] as const) {
      for (const fraction of [0.1, 0.4, 0.7, 1]) tries.push({ signal, delay: Math.round(c.ms! * fraction * (0.8 + Math.random() * 0.4)) });
    }
    const states = await inBatches(
      tries.map(({ signal, delay }) => async () => {
        const where = c.setup();
        const before = tree(where.app);
        const run = new Run(c.args, { cwd: where.cwd });
        await sleep(delay);
        const sent = run.signal(signal);
        const ended = await run.ended;
        const context = `${c.name}, ${signal} after ${delay} ms${sent ? '' : ' (had ended)'}: ${ended.stderr}`;
        // A signal that arrives while the last synchronous work finishes is never dispatched (libuv's
        // signal watcher does not keep the loop alive): that run ends 0, and must be complete.
        const finished = ended.code === 0;
        if (sent && !finished) expect(endedBy(ended, signal), `${context} [code ${ended.code}, signal ${ended.signal}]`).toBe(true);
        const state = checkOutcome(c, where, before, context);
        if (finished) expect(state, context).toBe('complete');
        return state;
      }),
      3,
    );
    expect(states.length).toBe(tries.length);
  });

  it.each(['SIGINT', 'SIGTERM', 'SIGHUP'] as const)('%s once the app is locked: exit 128+n, nothing changed', async (signal) => {
    const where = c.setup();
    const before = tree(where.app);
    const run = new Run(c.args, { cwd: where.cwd, env: { CGA_TEST_PAUSE: 'locked' } });
    await run.waitForStderr('cga-test-pause: locked');
    run.signal(signal);
    const ended = await run.ended;
    expect(ended.code, ended.stderr).toBe({ SIGINT: 130, SIGTERM: 143, SIGHUP: 129 }[signal]);
    expect(checkOutcome(c, where, before, ended.stderr)).toBe('untouched');
  });

  it('SIGINT after the files are written but before the end undoes them all', async () => {
    const where = c.setup();
    const before = tree(where.app);
    const run = new Run(c.args, { cwd: where.cwd, env: { CGA_TEST_PAUSE: 'committed' } });
    await run.waitForStderr('cga-test-pause: committed');
    expect(leftovers(where.app).some((p) => p.endsWith('.create-golem-app.journal'))).toBe(true);
    run.signal('SIGINT');
    const ended = await run.ended;
    expect(ended.code, ended.stderr).toBe(130);
    expect(ended.stderr).toContain('interrupted: every change of this run was undone');
    expect(checkOutcome(c, where, before, ended.stderr)).toBe('untouched');
  });

  it('SIGKILL in the middle of the commit: the next run undoes it, then does its work', async () => {
    const where = c.setup();
    const before = tree(where.app);
    const run = new Run(c.args, { cwd: where.cwd, env: { CGA_TEST_PAUSE: 'applying' } });
    await run.waitForStderr('cga-test-pause: applying');
    run.signal('SIGKILL');
    await run.ended;
    expect(leftovers(where.app).map((p) => p.slice(where.app.length))).toEqual(expect.arrayContaining(['/.create-golem-app.journal', '/.create-golem-app.lock']));
    const again = runCli(c.next('untouched'), { cwd: where.cwd });
    expect(again.code, again.stderr).toBe(0);
    expect(again.stderr).toMatch(/undid the unfinished changes of an interrupted run \(pid \d+\)/);
    expect(leftovers(where.app)).toEqual([]);
    expect(tree(where.app)).toEqual(c.after);
    void before;
  });

  it('SIGKILL after the commit point: the next run completes the clean-up', async () => {
    const where = c.setup();
    const run = new Run(c.args, { cwd: where.cwd, env: { CGA_TEST_PAUSE: 'finishing' } });
    await run.waitForStderr('cga-test-pause: finishing');
    run.signal('SIGKILL');
    await run.ended;
    expect(leftovers(where.app).map((p) => p.slice(where.app.length))).toContain('/.create-golem-app.journal.done');
    const again = runCli(c.next('complete'), { cwd: where.cwd });
    expect(again.code, again.stderr).toBe(0);
    expect(leftovers(where.app)).toEqual([]);
    expect(tree(where.app)).toEqual(c.after);
  });
});

describe('create', () => {
  it('SIGTERM between the files and git init: no half app, no .git', async () => {
    const where = cases[0]!.setup();
    const run = new Run(CREATE_ARGS, { cwd: where.cwd, env: { CGA_TEST_PAUSE: 'applied' } });
    await run.waitForStderr('cga-test-pause: applied');
    run.signal('SIGTERM');
    const ended = await run.ended;
    expect(ended.code, ended.stderr).toBe(143);
    expect(tree(where.app).size).toBe(0);
    expect(gitState(where.app)).toBeUndefined();
  });
});

describe('remove component', () => {
  const args = ['remove', 'component', 'a:p', '--yes'];
  const folder = 'components-ts/a-p';

  it('SIGKILL once its folder is moved aside: the folder is recorded in the journal, and the next run puts it back whole', async () => {
    const app = withDependency.copy();
    const before = tree(app);
    const run = new Run(args, { cwd: app, env: { CGA_TEST_PAUSE: 'applying' } });
    await run.waitForStderr('cga-test-pause: applying');
    // Removals come first: the folder is already aside, under a backup name beside it.
    expect(existsSync(join(app, folder))).toBe(false);
    const aside = readdirSync(join(app, 'components-ts')).filter((n) => /^\.a-p\.cga-\d+-[0-9a-z]+\.old$/.test(n));
    expect(aside).toHaveLength(1);
    const journal = JSON.parse(readFileSync(join(app, '.create-golem-app.journal'), 'utf8')) as { removed: { path: string; folder?: boolean }[] };
    expect(journal.removed).toContainEqual(expect.objectContaining({ path: join(app, folder), folder: true }));
    run.signal('SIGKILL');
    await run.ended;
    // A command that changes nothing here undoes the killed run first.
    const again = runCli(['generate'], { cwd: app });
    expect(again.code, again.stderr).toBe(0);
    expect(again.stderr).toMatch(/undid the unfinished changes of an interrupted run \(pid \d+\)/);
    expect(leftovers(app)).toEqual([]);
    expect(tree(app)).toEqual(before);
  });

  it('SIGINT after everything is written: the folder is back in place, byte for byte', async () => {
    const app = withDependency.copy();
    const before = tree(app);
    const run = new Run(args, { cwd: app, env: { CGA_TEST_PAUSE: 'committed' } });
    await run.waitForStderr('cga-test-pause: committed');
    expect(existsSync(join(app, folder))).toBe(false);
    run.signal('SIGINT');
    const ended = await run.ended;
    expect(ended.code, ended.stderr).toBe(130);
    expect(leftovers(app)).toEqual([]);
    expect(tree(app)).toEqual(before);
  });

  it('SIGKILL after the commit point: the next run deletes the folder left aside', async () => {
    const app = withDependency.copy();
    const run = new Run(args, { cwd: app, env: { CGA_TEST_PAUSE: 'finishing' } });
    await run.waitForStderr('cga-test-pause: finishing');
    run.signal('SIGKILL');
    await run.ended;
    expect(readdirSync(join(app, 'components-ts')).some((n) => n.startsWith('.a-p.cga-'))).toBe(true);
    const again = runCli(['generate'], { cwd: app });
    expect(again.code, again.stderr).toBe(0);
    expect(leftovers(app)).toEqual([]);
    const left = readdirSync(join(app, 'components-ts'));
    expect(left).toContain('a-c');
    expect(left.filter((n) => n === 'a-p' || n.startsWith('.a-p.'))).toEqual([]);
  });
});
