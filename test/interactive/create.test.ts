/**
 * The create flow in a real terminal (tmux) against the built CLI: two components and a
 * dependency, a live validation error then a correction, and cancels that leave the folder as it was.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadApp } from '../../src/app/index.js';
import { snapshotTree, tempDir } from '../helpers/cli.js';
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
    await t.prompt('Languages:');
    t.press('Enter'); // TypeScript is ticked
    await t.prompt('Template of the first component:');
    t.press('Enter');
    await t.prompt('Component name');
    t.type('shop:cart').press('Enter');
    await t.prompt('Add another component?');
    t.press('y');
    await t.prompt('Template of the next component:');
    t.press('Enter');
    await t.prompt('Component name');
    t.press('Enter'); // the suggested shop:provider
    await t.prompt('Add another component?');
    t.press('n');
    await t.prompt('shop:cart calls:');
    t.press('Down', 'Space', 'Enter'); // shop:provider (itself comes first)
    await t.prompt('shop:provider calls:');
    t.press('Enter'); // nothing
    await t.prompt('Dependency type:');
    t.press('Enter'); // wasm-rpc
    await t.prompt('Initialise a git repository?');
    t.press('y');
    await t.prompt('Install dependencies with npm?');
    t.press('n');
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
    await t.prompt('Another folder:');
    t.type('app2').press('Enter');
    await t.prompt('Languages:');
    t.press('Enter');
    await t.prompt('Template of the first component:');
    t.press('Enter');
    await t.prompt('Component name');
    t.type('Shop_Cart');
    // Checked as it is typed: the problem shows under the input before Enter…
    await t.waitFor(/◆  Component name.*\n│  Shop_Cart.*\n└  invalid component name 'Shop_Cart'/);
    // …and Enter is refused with it.
    t.press('Enter');
    const error = await t.waitFor('▲  Component name');
    expect(error).toContain("invalid component name 'Shop_Cart'");
    expect(error).toContain('e.g. example:shopping-cart');
    t.press('C-u').type('shop:cart').press('Enter');
    await t.prompt('Add another component?');
    expect(t.screen()).toContain('◇  Component name (namespace:name):\n│  shop:cart');
    t.press('n');
    await t.prompt('shop:cart calls:');
    t.press('Space', 'Enter'); // itself
    await t.prompt('Dependency type:');
    t.press('Enter');
    await t.prompt('Install dependencies with npm?');
    t.press('n');
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
    await t.prompt('Languages:');
    t.press('Enter');
    // No caller first: it would have nothing to call.
    expect(await t.prompt('Template of the first component:')).not.toContain('caller');
    await t.select('Template of the first component:', 'TypeScript · default');
    await t.prompt('Component name');
    t.type('shop:counter').press('Enter');
    await t.prompt('Add another component?');
    t.press('y');
    await t.select('Template of the next component:', 'TypeScript · caller');
    await t.prompt('Component name');
    t.press('Enter'); // the suggested shop:caller
    // Components chosen before it are offered, the one just added first.
    const targets = await t.prompt('Which component does shop:caller call?');
    expect(targets).toContain('│  ● shop:counter');
    t.press('Enter');
    await t.prompt('Add another component?');
    t.press('n');
    await t.tick('shop:counter calls:', []);
    const also = await t.prompt('shop:caller calls shop:counter (its template); it also calls:');
    expect(also).not.toMatch(/│  ◻ shop:counter/);
    t.press('Enter');
    await t.prompt('Install dependencies with npm?');
    t.press('n');
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

  it('Escape at the template prompt writes nothing', async () => {
    const cwd = populated();
    const before = snapshotTree(cwd);
    const t = Terminal.start(['app'], { cwd });
    await t.prompt('Languages:');
    t.press('Enter');
    await t.prompt('Template of the first component:');
    t.press('Escape');
    await expectCancelled(t, cwd, before);
    expect(existsSync(join(cwd, 'app'))).toBe(false);
  });

  it('Ctrl-C at the final confirm leaves a non-empty target folder byte-identical', async () => {
    const cwd = populated();
    mkdirSync(join(cwd, 'app'));
    writeFileSync(join(cwd, 'app', 'README.md'), '# mine\n');
    const before = snapshotTree(cwd);
    const t = Terminal.start(['app', '--no-git'], { cwd });
    await t.prompt('app is not empty. What now?');
    t.press('Down', 'Enter'); // write into it
    await t.prompt('Languages:');
    t.press('Enter');
    await t.prompt('Template of the first component:');
    t.press('Enter');
    await t.prompt('Component name');
    t.press('Enter');
    await t.prompt('Add another component?');
    t.press('n');
    await t.prompt('app:provider calls:');
    t.press('Enter');
    await t.prompt('Install dependencies with npm?');
    t.press('n');
    await t.prompt('Create the app?');
    t.press('C-c');
    await expectCancelled(t, cwd, before);
  });
});
