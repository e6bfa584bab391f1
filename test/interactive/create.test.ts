/**
 * The create flow in a real terminal (tmux) against the built CLI: two components and a
 * dependency, a live validation error then a correction, and cancels that leave the folder as it was.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadApp } from '../../src/app/index.js';
import { ROOT, runCli, snapshotTree, tempDir } from '../helpers/cli.js';
import { checkWitDir, stopOracle } from '../helpers/wit-oracle.js';
import { saveCapture } from './captures.js';
import { stopTerminals, Terminal } from './terminal.js';

afterAll(() => {
  stopTerminals();
  stopOracle();
});

const edges = (root: string) => loadApp(root, { explicitRoot: true }).dependencies.map((d) => `${d.source} -> ${d.target} (${d.type})`);

describe('create, interactive', () => {
  it('creates an app with two components and a dependency chosen in the prompts', async () => {
    const cwd = tempDir('cga-int-create-');
    const t = Terminal.start([], { cwd, env: { NO_COLOR: undefined } });
    await t.prompt('Application folder:');
    // Colours are on in a terminal without NO_COLOR.
    expect(t.screen({ escapes: true })).toMatch(/\x1b\[[0-9;]*m/);
    t.type('shop').press('Enter');
    await t.answer('Languages:', 'Enter'); // TypeScript is ticked
    await t.answer('Template of the first component:', 'Enter');
    await t.reply('Component name', 'shop:cart');
    await t.answer('Add another component?', 'y');
    await t.answer('Template of the next component:', 'Enter');
    await t.answer('Component name', 'Enter'); // the suggested shop:provider
    await t.answer('Add another component?', 'n');
    await t.tick('shop:cart calls:', ['shop:provider']);
    await t.answer('shop:provider calls:', 'Enter'); // nothing
    await t.answer('Dependency type:', 'Enter'); // wasm-rpc
    await t.answer('Initialise a git repository?', 'y');
    await t.answer('Install dependencies with npm?', 'n');
    const summary = await t.prompt('Create the app?');
    expect(summary).toContain('shop:cart → shop:provider (wasm-rpc)');
    expect(summary).toMatch(/components-ts\/shop-cart\/ \(\d+ files\)/);
    t.press('Enter');
    expect(await t.exitCode()).toBe(0);
    expect(t.transcript()).toMatch(/Next steps[^\n]*\n(.*\n)?.*cd shop/);
    saveCapture('create', 'npm create golem-app@latest', t.transcript());

    const root = join(cwd, 'shop');
    const app = loadApp(root, { explicitRoot: true });
    expect([...app.components.keys()].sort()).toEqual(['shop:cart', 'shop:provider']);
    expect(app.dependencies.map((d) => [d.source, d.target, d.type])).toEqual([['shop:cart', 'shop:provider', 'wasm-rpc']]);
    expect(execFileSync('git', ['log', '--oneline'], { cwd: root, encoding: 'utf8' })).toMatch(/Initial commit/);
    // The WIT written for the dependency (the caller's wit-generated with the client) parses.
    for (const c of app.components.values()) expect(await checkWitDir(c.generatedWit)).toEqual({ ok: true });
  });

  it('offers another folder for a non-empty one; shows a bad component name as wrong while typed, refuses it, accepts the fix', async () => {
    const cwd = tempDir('cga-int-valid-');
    mkdirSync(join(cwd, 'app'));
    writeFileSync(join(cwd, 'app', 'notes.txt'), 'mine\n');
    const t = Terminal.start(['app', '--no-git'], { cwd });
    await t.select('app is not empty. What now?', 'Choose another folder');
    await t.reply('Another folder:', 'app2');
    await t.answer('Languages:', 'Enter');
    await t.answer('Template of the first component:', 'Enter');
    await t.prompt('Component name');
    t.type('Shop_Cart');
    // Checked as it is typed: the problem shows under the input before Enter…
    await t.waitFor(/◆ {2}Component name.*\n│ {2}Shop_Cart.*\n└ {2}invalid component name 'Shop_Cart'/);
    // …and Enter is refused with it.
    t.press('Enter');
    const error = await t.waitFor('▲  Component name');
    expect(error).toContain("invalid component name 'Shop_Cart'");
    expect(error).toContain('e.g. example:shopping-cart');
    t.press('C-u').type('shop:cart').press('Enter');
    await t.prompt('Add another component?');
    expect(t.screen()).toContain('◇  Component name (namespace:name):\n│  shop:cart');
    t.press('n');
    await t.answer('shop:cart calls:', 'Space', 'Enter'); // itself
    await t.answer('Dependency type:', 'Enter');
    await t.answer('Install dependencies with npm?', 'n');
    const summary = await t.prompt('Create the app?');
    expect(summary).toContain('shop:cart → itself (wasm-rpc)');
    // NO_COLOR: the screen carries no colour escapes.
    expect(t.screen({ escapes: true })).not.toMatch(/\x1b\[[0-9;]*m/);
    t.press('Enter');
    expect(await t.exitCode()).toBe(0);
    const app = loadApp(join(cwd, 'app2'), { explicitRoot: true });
    expect(app.dependencies.map((d) => [d.source, d.target])).toEqual([['shop:cart', 'shop:cart']]);
    expect(snapshotTree(join(cwd, 'app'))).toEqual(new Map([['notes.txt', expect.any(String)]]));
  });
});

describe('create, caller template', () => {
  it('asks a caller its target and does not offer that dependency again', async () => {
    const cwd = tempDir('cga-int-caller-');
    const t = Terminal.start(['shop', '--no-git'], { cwd });
    await t.answer('Languages:', 'Enter');
    // No caller first: it would have nothing to call.
    expect(await t.prompt('Template of the first component:')).not.toContain('caller');
    await t.select('Template of the first component:', 'TypeScript · default');
    await t.reply('Component name', 'shop:counter');
    await t.answer('Add another component?', 'y');
    await t.select('Template of the next component:', 'TypeScript · caller');
    await t.answer('Component name', 'Enter'); // the suggested shop:caller
    // Components chosen before it are offered, the one just added first.
    const targets = await t.prompt('Which component does shop:caller call?');
    expect(targets).toContain('│  ● shop:counter');
    t.press('Enter');
    await t.answer('Add another component?', 'n');
    await t.tick('shop:counter calls:', []);
    const also = await t.prompt('shop:caller calls shop:counter (its template); it also calls:');
    expect(also).not.toMatch(/│ {2}◻ shop:counter/);
    t.press('Enter');
    await t.answer('Install dependencies with npm?', 'n');
    expect(await t.prompt('Create the app?')).toContain('shop:caller → shop:counter (wasm-rpc, caller template)');
    t.press('Enter');
    expect(await t.exitCode()).toBe(0);
    expect(edges(join(cwd, 'shop'))).toEqual(['shop:caller -> shop:counter (wasm-rpc)']);
  });
});

describe('create, nothing asked', () => {
  it('asks nothing in a terminal with --yes', async () => {
    const cwd = tempDir('cga-int-yes-');
    const t = Terminal.start(['app', '--yes', '--no-git'], { cwd });
    expect(await t.exitCode()).toBe(0);
    expect(t.transcript()).not.toContain('◆');
    expect([...loadApp(join(cwd, 'app'), { explicitRoot: true }).components.keys()]).toEqual(['app:provider']);
  });

  it('asks nothing in a terminal when the folder and the components are given', async () => {
    const cwd = tempDir('cga-int-flags-');
    const t = Terminal.start(['app', '--component', 'shop:cart', '--no-git'], { cwd });
    expect(await t.exitCode()).toBe(0);
    expect(t.transcript()).not.toContain('◆');
    expect([...loadApp(join(cwd, 'app'), { explicitRoot: true }).components.keys()]).toEqual(['shop:cart']);
  });
});

describe('create, added registries', () => {
  it('offers the templates of an added registry next to the bundled ones', async () => {
    const cwd = tempDir('cga-int-registry-');
    const env = { XDG_CONFIG_HOME: join(cwd, '.config'), XDG_CACHE_HOME: join(cwd, '.cache') };
    // This package's own folder is a registry (registry.json + templates/).
    expect(runCli(['registry', 'add', 'acme', ROOT], { cwd, env, bin: process.env.CGA_TEST_BIN }).code).toBe(0);
    const t = Terminal.start(['shop', '--no-git'], { cwd, env });
    await t.answer('Languages:', 'Enter');
    const templates = await t.prompt('Template of the first component:');
    expect(templates).toContain('TypeScript · default');
    await t.select('Template of the first component:', 'TypeScript · acme/default');
    await t.reply('Component name', 'shop:cart');
    await t.answer('Add another component?', 'n');
    await t.answer('shop:cart calls:', 'Enter');
    await t.answer('Install dependencies with npm?', 'n');
    await t.answer('Create the app?', 'Enter');
    expect(await t.exitCode()).toBe(0);
    expect([...loadApp(join(cwd, 'shop'), { explicitRoot: true }).components.keys()]).toEqual(['shop:cart']);
  });
});

describe('create, some flags given', () => {
  it('asks only what the flags leave open', async () => {
    const cwd = tempDir('cga-int-partial-');
    const t = Terminal.start(['--component', 'shop:a', '--component', 'shop:b', '--dependency', 'shop:a=shop:b', '--no-git'], { cwd });
    await t.reply('Application folder:', 'app');
    await t.answer('Install dependencies with npm?', 'n');
    const summary = await t.prompt('Create the app?');
    expect(summary).toContain('shop:a → shop:b (wasm-rpc)');
    expect(summary).not.toMatch(/Languages|Template|Component name|calls:|Dependency type|git repository/);
    t.press('Enter');
    expect(await t.exitCode()).toBe(0);
    expect(edges(join(cwd, 'app'))).toEqual(['shop:a -> shop:b (wasm-rpc)']);
  });
});

describe('create, cancelled', () => {
  /** A folder with something in it, so "byte-identical" has something to compare. */
  function populated(): string {
    const cwd = tempDir('cga-int-cancel-');
    writeFileSync(join(cwd, 'notes.txt'), 'keep me\n');
    return cwd;
  }

  async function expectCancelled(t: Terminal, cwd: string, before: Map<string, string>) {
    expect(await t.exitCode()).toBe(130);
    expect(t.transcript()).toMatch(/\ncancelled\n$/);
    expect(snapshotTree(cwd)).toEqual(before);
  }

  it('Ctrl-C at the folder prompt writes nothing', async () => {
    const cwd = populated();
    const before = snapshotTree(cwd);
    const t = Terminal.start([], { cwd });
    await t.prompt('Application folder:');
    t.type('half-typed').press('C-c');
    await expectCancelled(t, cwd, before);
  });

  it('a file given as the folder is refused; Ctrl-C at the next folder prompt writes nothing', async () => {
    const cwd = populated();
    const before = snapshotTree(cwd);
    const t = Terminal.start(['notes.txt'], { cwd });
    expect(await t.prompt('Another folder:')).toContain('notes.txt is a file, not a folder');
    t.press('C-c');
    await expectCancelled(t, cwd, before);
  });

  it('Escape at the template prompt writes nothing', async () => {
    const cwd = populated();
    const before = snapshotTree(cwd);
    const t = Terminal.start(['app'], { cwd });
    await t.answer('Languages:', 'Enter');
    await t.answer('Template of the first component:', 'Escape');
    await expectCancelled(t, cwd, before);
    expect(existsSync(join(cwd, 'app'))).toBe(false);
  });

  it('Ctrl-C at the final confirm leaves a non-empty target folder byte-identical', async () => {
    const cwd = populated();
    mkdirSync(join(cwd, 'app'));
    writeFileSync(join(cwd, 'app', 'README.md'), '# mine\n');
    const before = snapshotTree(cwd);
    const t = Terminal.start(['app', '--no-git'], { cwd });
    await t.answer('app is not empty. What now?', 'Down', 'Enter'); // write into it
    await t.answer('Languages:', 'Enter');
    await t.answer('Template of the first component:', 'Enter');
    await t.answer('Component name', 'Enter');
    await t.answer('Add another component?', 'n');
    await t.answer('app:provider calls:', 'Enter');
    await t.answer('Install dependencies with npm?', 'n');
    await t.answer('Create the app?', 'C-c');
    await expectCancelled(t, cwd, before);
  });
});
