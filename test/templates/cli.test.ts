/** The built CLI (bin/create-golem-app.js → dist/): `templates list` and `add component` as a user runs them. */
import { cpSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { errorOf, runCli, snapshotTree, tempDir } from '../helpers/cli.js';
import { read } from './helpers.js';

/** An empty config home, so registries added on this machine do not show up. */
const env = (home: string) => ({ XDG_CONFIG_HOME: join(home, 'config'), XDG_CACHE_HOME: join(home, 'cache'), HOME: home });

describe('templates list', () => {
  const home = tempDir();

  it('lists the bundled component templates grouped by language, with their source', () => {
    const r = runCli(['templates', 'list'], { cwd: home, env: env(home) });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^TypeScript \(ts\)\n {2}ts\/default +provider +A counter \(add\/get\) provider +\[bundled\]\n/);
    expect(r.stdout).toContain('\nRust (rust)\n');
    for (const id of ['ts/caller', 'ts/ephemeral', 'rust/default', 'rust/caller', 'rust/ephemeral']) expect(r.stdout).toContain(`  ${id} `);
    expect(r.stdout).not.toContain('ts/common');
  });

  it('--language and a filter narrow the list', () => {
    const r = runCli(['templates', 'list', '--language', 'typescript', 'caller'], { cwd: home, env: env(home) });
    expect(r.code).toBe(0);
    expect(r.stdout.trim().split('\n')).toEqual(['TypeScript (ts)', expect.stringMatching(/^ {2}ts\/caller +caller +Calls a target/)]);
  });

  it('--json prints every entry, common ones included', () => {
    const r = runCli(['templates', 'list', '--json'], { cwd: home, env: env(home) });
    const rows = JSON.parse(r.stdout) as { id: string; kind: string; registry: string }[];
    expect(rows.map((x) => x.id).slice(0, 9)).toEqual([
      'ts/common',
      'ts/default',
      'ts/ephemeral',
      'ts/caller',
      'ts/example-fetch',
      'rust/common',
      'rust/default',
      'rust/ephemeral',
      'rust/caller',
    ]);
    expect(new Set(rows.map((x) => x.registry))).toEqual(new Set(['bundled']));
  });
});

describe('add component', () => {
  it('adds a caller with --target from inside the app: files, dependency, generated client', () => {
    const home = tempDir();
    expect(runCli(['shop', '--yes', '--no-git', '--component', 'shop:cart'], { cwd: home, env: env(home) }).code).toBe(0);
    const app = join(home, 'shop');
    const r = runCli(['add', 'component', 'ts/caller', 'shop:checkout', '--target', 'shop:cart'], { cwd: join(app, 'components-ts'), env: env(home) });
    expect([r.code, r.stderr]).toEqual([0, '']);
    expect(r.stdout).toContain('Added shop:checkout from ts/caller');
    expect(r.stdout).toContain('Added dependency shop:checkout → shop:cart (wasm-rpc)');
    expect(read(app, 'components-ts/shop-checkout/src/main.ts')).toContain('new ShopCartApi("worker-1")');
    expect(existsSync(join(app, 'components-ts/shop-checkout/wit-generated/deps/shop_cart-client/client.wit'))).toBe(true);
  });

  it('refuses an existing component with exit code 1 and one error line, writing nothing', () => {
    const home = tempDir();
    runCli(['shop', '--yes', '--no-git', '--component', 'shop:cart'], { cwd: home, env: env(home) });
    const app = join(home, 'shop');
    const before = snapshotTree(app);
    const r = runCli(['add', 'component', 'rust', 'shop:cart', '--app', app], { cwd: home, env: env(home) });
    expect(r.code).toBe(1);
    expect(errorOf(r.stderr).line).toContain('component shop:cart already exists');
    expect(snapshotTree(app)).toEqual(before);
  });
});

describe('templates from an added registry', () => {
  /** A local git repository holding a registry with one template (a Golem-shaped fixture folder). */
  function registryRepo(home: string): string {
    const repo = join(home, 'acme-templates');
    mkdirSync(join(repo, 'templates'), { recursive: true });
    cpSync(fileURLToPath(new URL('../fixtures/templates/golem-tree/ts/ts-app-component-default', import.meta.url)), join(repo, 'templates', 'pinger'), { recursive: true });
    writeFileSync(
      join(repo, 'registry.json'),
      JSON.stringify({
        version: 1,
        templates: [
          { id: 'ts/pinger', kind: 'component', language: 'ts', group: 'default', role: 'provider', description: 'Answers ping', path: 'templates/pinger', version: '1.0.0' },
        ],
      }),
    );
    const git = (...args: string[]) => spawnSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.com', ...args], { cwd: repo });
    git('init', '-q');
    git('add', '-A');
    git('commit', '-qm', 'registry');
    return repo;
  }

  it('are listed with their registry and version, and can be added by <registry>/<id>', () => {
    const home = tempDir();
    registryRepo(home);
    expect(runCli(['registry', 'add', 'acme', './acme-templates'], { cwd: home, env: env(home) }).code).toBe(0);
    const list = runCli(['templates', 'list', '--language', 'ts'], { cwd: home, env: env(home) });
    expect(list.stdout).toMatch(/\n {2}acme\/ts\/pinger@1\.0\.0 +provider +Answers ping +\[registry acme\]\n/);

    expect(runCli(['shop', '--yes', '--no-git', '--component', 'shop:cart'], { cwd: home, env: env(home) }).code).toBe(0);
    const app = join(home, 'shop');
    const r = runCli(['add', 'component', 'acme/ts/pinger', 'shop:pinger'], { cwd: app, env: env(home) });
    expect([r.code, r.stderr]).toEqual([0, '']);
    expect(read(app, 'components-ts/shop-pinger/src/main.ts')).toContain('export const shopPingerApi');
  });
});
