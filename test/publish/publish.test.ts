/**
 * Publishing end to end through the API, with a real local bare git repository as the registry:
 * init → validate → publish 1.0.0 → again (refused) → 1.1.0 → add the registry → pick its
 * template → the created component passes the bundled checks; racing publishes; broken templates.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { appendFileSync, cpSync, existsSync, readFileSync, readdirSync, renameSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadApp } from '../../src/app/index.js';
import { commitPlan, Plan } from '../../src/fs/plan.js';
import { registryAdd } from '../../src/commands/registry-add.js';
import type { Reporter } from '../../src/report.js';
import { addToPlan, planComponent } from '../../src/templates/index.js';
import { initTemplate, publishTemplate, validateTemplate } from '../../src/templates/publishing/index.js';
import { findRegistryTemplate, listRegistries, loadAddedRegistries } from '../../src/templates/registries/index.js';
import { listFiles, tempDir } from '../helpers/cli.js';
import { schemaErrors } from '../helpers/schema.js';
import { checkWitDir, stopOracle } from '../helpers/wit-oracle.js';
import { bareRegistry, git, refsOf, registryFiles, userDirs, type UserDirs } from './helpers.js';

afterAll(stopOracle);

/** A Reporter that records what it was told. */
function recorder(): { report: Reporter; log: { info: string[]; warnings: string[]; tasks: string[] } } {
  const log = { info: [] as string[], warnings: [] as string[], tasks: [] as string[] };
  const report: Reporter = {
    info: (m) => log.info.push(m),
    step: (m) => log.info.push(m),
    warn: (m) => log.warnings.push(m),
    task: (title, run) => {
      log.tasks.push(title);
      return run();
    },
  };
  return { report, log };
}

/** A template inside its own git repository (so its source commit is recorded). */
function templateInGit(dirs: UserDirs, name = 'my-counter'): { dir: string; commit: string } {
  const repo = join(dirs.base, `${name}-src`);
  const dir = initTemplate({ dir: join(repo, name), language: 'ts' }).dir;
  git(repo, 'init', '--quiet');
  git(repo, 'add', '-A');
  git(repo, 'commit', '--quiet', '-m', 'template');
  return { dir, commit: git(repo, 'rev-parse', 'HEAD') };
}

describe('publish, add, create: the whole flow', () => {
  const dirs = userDirs();
  let bare: string;
  let tpl: { dir: string; commit: string };
  const savedHome = process.env.HOME;

  beforeAll(() => {
    process.env.HOME = dirs.env.HOME; // git sees no global identity: the fallback one is used
    bare = bareRegistry(dirs.base);
    tpl = templateInGit(dirs);
  });
  afterAll(() => {
    process.env.HOME = savedHome;
  });

  test('validate passes, then 1.0.0 is published into the empty registry with its source commit', async () => {
    expect((await validateTemplate(tpl.dir)).ok).toBe(true);
    const { report, log } = recorder();
    const result = await publishTemplate({ dir: tpl.dir, registry: bare, version: '1.0.0', report });
    expect(result).toMatchObject({ id: 'ts/my-counter', version: '1.0.0', path: 'templates/ts/my-counter/1.0.0', sourceCommit: tpl.commit, retried: false, replaced: false });
    expect(log.tasks).toEqual([expect.stringMatching(/^Validating/), expect.stringMatching(/^Cloning/), 'Committing and pushing ts/my-counter@1.0.0']);
    const view = registryFiles(bare);
    expect(view.head).toBe(result.registryCommit);
    expect(view.json!.templates).toEqual([
      {
        id: 'ts/my-counter',
        kind: 'component',
        language: 'ts',
        group: 'default',
        role: 'provider',
        description: expect.any(String),
        path: 'templates/ts/my-counter/1.0.0',
        version: '1.0.0',
        commit: tpl.commit,
      },
    ]);
    expect(git(view.clone, 'log', '-1', '--format=%s|%an')).toBe('Publish ts/my-counter@1.0.0|create-golem-app');
    const published = listFiles(join(view.clone, 'templates/ts/my-counter/1.0.0'));
    expect(published).toEqual(listFiles(tpl.dir));
    expect(JSON.parse(readFileSync(join(view.clone, 'templates/ts/my-counter/1.0.0/metadata.json'), 'utf8')).createGolemApp.version).toBe('1.0.0');
  });

  test('publishing 1.0.0 again is refused and the registry is unchanged; --force replaces it', async () => {
    const before = refsOf(bare);
    await expect(publishTemplate({ dir: tpl.dir, registry: bare, version: '1.0.0' })).rejects.toThrow(/ts\/my-counter@1\.0\.0 is already published/);
    expect(refsOf(bare)).toBe(before);
    const same = await publishTemplate({ dir: tpl.dir, registry: bare, version: '1.0.0', force: true });
    expect(same).toMatchObject({ replaced: true, unchanged: true });
    expect(refsOf(bare)).toBe(before);
    writeFileSync(join(tpl.dir, 'components-ts/component-name/src/extra.ts'), 'export const extra = 1;\n');
    const forced = await publishTemplate({ dir: tpl.dir, registry: bare, version: '1.0.0', force: true });
    expect(forced).toMatchObject({ replaced: true, unchanged: false });
    const { json, clone } = registryFiles(bare);
    expect(json!.templates).toHaveLength(1);
    expect(existsSync(join(clone, 'templates/ts/my-counter/1.0.0/components-ts/component-name/src/extra.ts'))).toBe(true);
    rmSync(join(tpl.dir, 'components-ts/component-name/src/extra.ts'));
  });

  test('1.1.0 is added next to 1.0.0', async () => {
    appendFileSync(join(tpl.dir, 'components-ts/component-name/src/main.ts'), '\n// 1.1.0\n');
    await publishTemplate({ dir: tpl.dir, registry: bare, version: '1.1.0' });
    const { json, clone } = registryFiles(bare);
    expect(json!.templates.map((t) => `${t.id}@${t.version}`)).toEqual(['ts/my-counter@1.0.0', 'ts/my-counter@1.1.0']);
    expect(readFileSync(join(clone, 'templates/ts/my-counter/1.1.0/components-ts/component-name/src/main.ts'), 'utf8')).toMatch(/1\.1\.0/);
    expect(readFileSync(join(clone, 'templates/ts/my-counter/1.0.0/components-ts/component-name/src/main.ts'), 'utf8')).not.toMatch(/1\.1\.0/);
  });

  test('registry add remembers it; its templates are listed as <registry>/<id>, latest by default', async () => {
    const { report, log } = recorder();
    await registryAdd({ name: 'acme', source: bare, cwd: dirs.base, env: dirs.env, cacheDir: dirs.cacheDir }, report);
    expect(listRegistries(dirs.env)).toEqual([{ name: 'acme', source: bare }]);
    expect(log.info.join('\n')).toMatch(/Added registry acme \(.*\): 1 template\(s\)/);
    const [acme] = await loadAddedRegistries({ env: dirs.env, cacheDir: dirs.cacheDir });
    expect(acme!.templates.map((t) => `${t.id}@${t.version}`)).toEqual(['acme/ts/my-counter@1.0.0', 'acme/ts/my-counter@1.1.0']);
    expect((await findRegistryTemplate('acme/ts/my-counter', { env: dirs.env, cacheDir: dirs.cacheDir }))!.template.version).toBe('1.1.0');
    expect((await findRegistryTemplate('acme/ts/my-counter@1.0.0', { env: dirs.env, cacheDir: dirs.cacheDir }))!.template.version).toBe('1.0.0');
  });

  test('a component created from acme/ts/my-counter passes the checks of a bundled one', async () => {
    const found = (await findRegistryTemplate('acme/ts/my-counter', { env: dirs.env, cacheDir: dirs.cacheDir }))!;
    const app = join(tempDir('cga-pub-app-'), 'app');
    const plan = new Plan(app);
    addToPlan(plan, await planComponent({ into: plan, template: found.template, componentName: 'shop:cart', registry: found.registry }));
    commitPlan(plan);
    expect(readFileSync(join(app, 'components-ts/shop-cart/src/main.ts'), 'utf8')).toMatch(/1\.1\.0/);
    expect(existsSync(join(app, 'golem.yaml'))).toBe(true); // the bundled ts/common came along
    expect([...loadApp(app, { explicitRoot: true }).components.keys()]).toEqual(['shop:cart']);
    for (const f of listFiles(app).filter((p) => p.endsWith('golem.yaml'))) {
      expect({ f, errors: schemaErrors(readFileSync(join(app, f), 'utf8')) }).toEqual({ f, errors: [] });
    }
    const check = tempDir();
    cpSync(join(app, 'components-ts/shop-cart/wit/main.wit'), join(check, 'main.wit'));
    cpSync(join(app, 'wit/deps'), join(check, 'deps'), { recursive: true });
    expect(await checkWitDir(check)).toEqual({ ok: true });
    expect(await checkWitDir(join(app, 'wit'))).toEqual({ ok: true });
  });

  test('offline: the last fetched copy is used, also when the registry is gone', async () => {
    const moved = `${bare}.moved`;
    renameSync(bare, moved);
    try {
      const [offline] = await loadAddedRegistries({ env: dirs.env, cacheDir: dirs.cacheDir, offline: true });
      expect(offline!.templates).toHaveLength(2);
      const { report, log } = recorder();
      const [fallback] = await loadAddedRegistries({ env: dirs.env, cacheDir: dirs.cacheDir, report });
      expect(fallback!.templates).toHaveLength(2);
      expect(log.warnings.join('\n')).toMatch(/registry acme: .*using the last cached copy/);
      await expect(loadAddedRegistries({ env: dirs.env, cacheDir: join(dirs.base, 'empty-cache'), offline: true })).resolves.toEqual([]);
    } finally {
      renameSync(moved, bare);
    }
  });
});

describe('publish refusals, before and after cloning', () => {
  const dirs = userDirs();
  const bare = bareRegistry(dirs.base);
  const ts = initTemplate({ dir: join(dirs.base, 'counter') }).dir;

  test.each([
    [{ id: 'rust/counter' }, /template id rust\/counter does not match the template's language 'ts'/],
    [{ id: 'Counter' }, /invalid template id 'Counter'/],
    [{ version: 'one' }, /invalid version 'one'/],
    [{ registry: join(dirs.base, 'missing.git') }, /cannot clone the registry .*missing\.git: repository '.*missing\.git' does not exist/],
  ])('%j', async (override, message) => {
    const before = refsOf(bare);
    await expect(publishTemplate({ dir: ts, registry: bare, version: '1.0.0', ...override })).rejects.toThrow(message);
    expect(refsOf(bare)).toBe(before);
  });

  test('the version defaults to metadata.json; the id to <language>/<folder>', async () => {
    const result = await publishTemplate({ dir: ts, registry: bare });
    expect(result).toMatchObject({ id: 'ts/counter', version: '0.1.0' });
  });

  test('a push the server refuses (a checked-out branch) is a clear error, not a retry', async () => {
    const nonBare = join(dirs.base, 'worktree');
    git(dirs.base, 'init', '--quiet', nonBare);
    git(nonBare, 'commit', '--quiet', '--allow-empty', '-m', 'start');
    const attempts: number[] = [];
    await expect(publishTemplate({ dir: ts, registry: nonBare, version: '1.0.0', beforePush: async (n) => void attempts.push(n) })).rejects.toThrow(
      /cannot push to the registry .*worktree: refusing to update checked out branch/,
    );
    expect(attempts).toEqual([1]);
  });
});

describe('racing publishes', () => {
  test('two publishes of different templates: the second push is rejected, re-applied on the new head, both entries land', async () => {
    const dirs = userDirs();
    const bare = bareRegistry(dirs.base);
    const a = initTemplate({ dir: join(dirs.base, 'alpha') }).dir;
    const b = initTemplate({ dir: join(dirs.base, 'beta') }).dir;
    await publishTemplate({ dir: a, registry: bare, version: '0.1.0' }); // the registry has a head to race on
    const attempts: number[] = [];
    const result = await publishTemplate({
      dir: a,
      registry: bare,
      version: '0.2.0',
      beforePush: async (attempt) => {
        attempts.push(attempt);
        if (attempt === 1) await publishTemplate({ dir: b, registry: bare, version: '1.0.0' }); // lands in between
      },
    });
    expect(attempts).toEqual([1, 2]);
    expect(result.retried).toBe(true);
    const { json, clone } = registryFiles(bare);
    expect(json!.templates.map((t) => `${t.id}@${t.version}`)).toEqual(['ts/alpha@0.1.0', 'ts/alpha@0.2.0', 'ts/beta@1.0.0']);
    expect(existsSync(join(clone, 'templates/ts/beta/1.0.0/metadata.json'))).toBe(true);
    expect(git(clone, 'log', '--format=%s')).toBe(['Publish ts/alpha@0.2.0', 'Publish ts/beta@1.0.0', 'Publish ts/alpha@0.1.0'].join('\n'));
  });

  test('racing on an empty registry works too', async () => {
    const dirs = userDirs();
    const bare = bareRegistry(dirs.base);
    const a = initTemplate({ dir: join(dirs.base, 'alpha') }).dir;
    const b = initTemplate({ dir: join(dirs.base, 'beta') }).dir;
    await publishTemplate({
      dir: a,
      registry: bare,
      version: '1.0.0',
      beforePush: async (n) => {
        if (n === 1) await publishTemplate({ dir: b, registry: bare, version: '1.0.0' });
      },
    });
    expect(registryFiles(bare).json!.templates.map((t) => t.id)).toEqual(['ts/alpha', 'ts/beta']);
  });

  test('the same id and version published meanwhile: the loser gets a clear error, the winner keeps its entry', async () => {
    const dirs = userDirs();
    const bare = bareRegistry(dirs.base);
    const a = initTemplate({ dir: join(dirs.base, 'one', 'counter') }).dir;
    const b = initTemplate({ dir: join(dirs.base, 'two', 'counter') }).dir;
    writeFileSync(join(b, 'components-ts/component-name/src/winner.ts'), 'export const winner = true;\n');
    await expect(
      publishTemplate({
        dir: a,
        registry: bare,
        version: '1.0.0',
        beforePush: async (n) => {
          if (n === 1) await publishTemplate({ dir: b, registry: bare, version: '1.0.0' });
        },
      }),
    ).rejects.toThrow(/ts\/counter@1\.0\.0 is already published/);
    const { json, clone } = registryFiles(bare);
    expect(json!.templates.map((t) => `${t.id}@${t.version}`)).toEqual(['ts/counter@1.0.0']);
    expect(existsSync(join(clone, 'templates/ts/counter/1.0.0/components-ts/component-name/src/winner.ts'))).toBe(true);
  });

  test('a registry that keeps moving: after one retry, a clear error and nothing of ours is pushed', async () => {
    const dirs = userDirs();
    const bare = bareRegistry(dirs.base);
    const a = initTemplate({ dir: join(dirs.base, 'alpha') }).dir;
    const rivals = [1, 2].map((n) => initTemplate({ dir: join(dirs.base, `rival${n}`) }).dir);
    await expect(
      publishTemplate({
        dir: a,
        registry: bare,
        version: '1.0.0',
        beforePush: async (n) => {
          await publishTemplate({ dir: rivals[n - 1]!, registry: bare, version: '1.0.0' });
        },
      }),
    ).rejects.toThrow(/changed again while publishing ts\/alpha@1\.0\.0; nothing was published/);
    expect(registryFiles(bare).json!.templates.map((t) => t.id)).toEqual(['ts/rival1', 'ts/rival2']);
  });
});

describe('really concurrent publishes', () => {
  test('three at once: every publish that reports success is in registry.json, every other one failed clearly', async () => {
    const dirs = userDirs();
    const bare = bareRegistry(dirs.base);
    const seed = initTemplate({ dir: join(dirs.base, 'seed') }).dir;
    await publishTemplate({ dir: seed, registry: `file://${bare}`, version: '1.0.0' });
    const names = ['red', 'green', 'blue'];
    const outcomes = await Promise.allSettled(
      names.map((name) => publishTemplate({ dir: initTemplate({ dir: join(dirs.base, name) }).dir, registry: `file://${bare}`, version: '1.0.0' })),
    );
    const ids = registryFiles(bare).json!.templates.map((t) => t.id);
    outcomes.forEach((outcome, i) => {
      if (outcome.status === 'fulfilled') expect(ids).toContain(`ts/${names[i]}`);
      else expect(String(outcome.reason)).toMatch(/changed again while publishing ts\/\w+@1\.0\.0; nothing was published/);
    });
    expect(ids).toContain('ts/seed');
    expect(ids.length).toBe(1 + outcomes.filter((o) => o.status === 'fulfilled').length);
    expect(outcomes.some((o) => o.status === 'fulfilled')).toBe(true);
  });
});

describe('broken templates are refused by publish; the registry is unchanged', () => {
  const breakers: Record<string, (dir: string) => void> = {
    'invalid WIT': (dir) => {
      const wit = join(dir, 'components-ts/component-name/wit/main.wit');
      writeFileSync(wit, readFileSync(wit, 'utf8').replace('get: func() -> u64;', 'get: func() -> u46;'));
    },
    'a symbolic link': (dir) => symlinkSync('/etc', join(dir, 'components-ts/component-name/etc')),
    'an unrendered placeholder': (dir) => appendFileSync(join(dir, 'components-ts/component-name/src/main.ts'), '\nconst who = "{{ author }}";\n'),
  };
  test.each(Object.keys(breakers))('%s', async (kind) => {
    const dirs = userDirs();
    const bare = bareRegistry(dirs.base);
    const good = initTemplate({ dir: join(dirs.base, 'good') }).dir;
    await publishTemplate({ dir: good, registry: bare, version: '1.0.0' });
    const before = refsOf(bare);
    const dir = initTemplate({ dir: join(dirs.base, 'broken') }).dir;
    breakers[kind]!(dir);
    expect((await validateTemplate(dir)).ok).toBe(false);
    await expect(publishTemplate({ dir, registry: bare, version: '1.0.0' })).rejects.toThrow(/failed validation.*(wit|paths|placeholders)/);
    expect(refsOf(bare)).toBe(before);
    expect(readdirSync(join(registryFiles(bare).clone, 'templates/ts'))).toEqual(['good']);
  });
});
