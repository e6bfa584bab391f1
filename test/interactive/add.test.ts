/**
 * `add component` and `add dependency` with no arguments, in a real terminal (tmux), against
 * the built CLI, in apps made by the non-interactive create.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadApp } from '../../src/app/index.js';
import { runCli, snapshotTree, tempDir } from '../helpers/cli.js';
import { buildComponent, pathWith, wasmToolsStandIn } from '../helpers/components.js';
import { checkWitDir, stopOracle } from '../helpers/wit-oracle.js';
import { saveCapture } from './captures.js';
import { stopTerminals, Terminal } from './terminal.js';

afterAll(() => {
  stopTerminals();
  stopOracle();
});

/** An app with one TypeScript counter provider, `shop:provider`, made without prompts. */
function shopApp(): string {
  const cwd = tempDir('cga-int-add-');
  const r = runCli(['shop', '--yes', '--no-git', '--component', 'shop:provider'], { cwd, bin: process.env.CGA_TEST_BIN });
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  return join(cwd, 'shop');
}

const edges = (root: string) => loadApp(root, { explicitRoot: true }).dependencies.map((d) => `${d.source} -> ${d.target} (${d.type})`);

describe('add component, interactive', () => {
  it('asks template, name and which existing component calls it, then writes both', async () => {
    const root = shopApp();
    const t = Terminal.start(['add', 'component'], { cwd: root });
    await t.answer('Template:', 'Enter'); // TypeScript · default
    await t.reply('Component name', 'shop:provider'); // taken
    expect(await t.waitFor('▲  Component name')).toContain('shop:provider is already a component of this app');
    t.press('C-u').type('shop:inventory').press('Enter');
    await t.answer('Should an existing component call shop:inventory?', 'Space', 'Enter'); // shop:provider
    expect(await t.exitCode()).toBe(0);
    saveCapture('add-component', 'npx create-golem-app add component', t.transcript());

    const app = loadApp(root, { explicitRoot: true });
    expect([...app.components.keys()].sort()).toEqual(['shop:inventory', 'shop:provider']);
    expect(edges(root)).toEqual(['shop:provider -> shop:inventory (wasm-rpc)']);
  });

  it('asks a caller template for its target among the existing components', async () => {
    const root = shopApp();
    const t = Terminal.start(['add', 'component'], { cwd: root });
    await t.select('Template:', 'TypeScript · caller');
    await t.answer('Component name', 'Enter'); // the suggested shop:caller
    await t.select('Which component does shop:caller call?', 'shop:provider');
    await t.tick('Should an existing component call shop:caller?', []);
    expect(await t.exitCode()).toBe(0);
    expect(edges(root)).toEqual(['shop:caller -> shop:provider (wasm-rpc)']);
    const caller = loadApp(root, { explicitRoot: true }).components.get('shop:caller')!;
    expect(await checkWitDir(caller.generatedWit)).toEqual({ ok: true });
  });
});

describe('add dependency, interactive', () => {
  it('adds a self-dependency picked from the list, offering the types Golem offers a durable component', async () => {
    const root = shopApp();
    const t = Terminal.start(['add', 'dependency'], { cwd: root });
    await t.prompt('Which component gets a new dependency?');
    expect(t.screen()).toContain('shop:provider (durable, no dependencies yet)');
    t.press('Enter');
    // Golem's prompt offers wasm-rpc and wasm to a durable component (static-wasm-rpc is accepted with --type, not offered).
    const types = await t.prompt('Dependency type:');
    expect(types).toContain('wasm-rpc');
    expect(types).toMatch(/[○●] wasm( |$)/m);
    expect(types).not.toContain('static-wasm-rpc');
    t.press('Enter');
    await t.answer('Which components should shop:provider call?', 'Space', 'Enter'); // itself
    expect(await t.exitCode()).toBe(0);
    saveCapture('add-dependency', 'npx create-golem-app add dependency', t.transcript());
    expect(edges(root)).toEqual(['shop:provider -> shop:provider (wasm-rpc)']);

    // Asked again, the existing dependency is shown as such.
    const again = Terminal.start(['add', 'dependency', 'shop:provider', '--type', 'wasm-rpc'], { cwd: root });
    expect(await again.prompt('Which components should shop:provider call?')).toContain('shop:provider (itself, already a dependency, wasm-rpc)');
    again.press('Escape');
    expect(await again.exitCode()).toBe(130);
  });

  it('offers a library component only wasm, then a library component, a file or a URL; links a file', async () => {
    const root = shopApp();
    const manifest = join(root, 'components-ts/shop-provider/golem.yaml');
    writeFileSync(manifest, readFileSync(manifest, 'utf8').replace('    template: ts\n', '    template: ts\n    componentType: library\n'));
    mkdirSync(join(root, 'libs'));
    await buildComponent(join(root, 'libs/lib.wasm'), 'acme:lib/lib@1.0.0', { 'acme:lib@1.0.0': 'interface api { f: func() -> u32; }\nworld lib { export api; }' });
    const t = Terminal.start(['add', 'dependency', 'shop:provider'], { cwd: root, env: { PATH: pathWith(wasmToolsStandIn(join(root, '..', 'bin'))) } });
    const types = await t.prompt('Dependency type:');
    expect(types).toMatch(/[○●] wasm( |$)/m);
    expect(types).not.toContain('wasm-rpc');
    t.press('Enter');
    // No other library component: a file or a URL.
    const sources = await t.prompt('What should shop:provider link?');
    expect(sources).toContain('a WASM component file');
    expect(sources).toContain('a WASM component to download');
    expect(sources).not.toContain('a library component of this app');
    t.press('Enter');
    await t.reply('Path of the WASM component file', 'libs/lib.wasm');
    expect(await t.exitCode()).toBe(0);
    expect(readFileSync(manifest, 'utf8')).toContain('  shop:provider:\n  - path: libs/lib.wasm\n    type: wasm\n');
    expect(readFileSync(join(root, 'components-ts/shop-provider/wit-generated/deps/acme_lib/lib.wit'), 'utf8')).toContain('package acme:lib@1.0.0;');
  });

  it('offers wasm-rpc targets among durable and ephemeral components only, and library components for wasm', async () => {
    const root = shopApp();
    const added = runCli(['add', 'component', 'ts/default', 'shop:util'], { cwd: root });
    expect(added.code, added.stderr).toBe(0);
    const util = join(root, 'components-ts/shop-util/golem.yaml');
    writeFileSync(util, readFileSync(util, 'utf8').replace('    template: ts\n', '    template: ts\n    componentType: library\n'));
    const rpc = Terminal.start(['add', 'dependency', 'shop:provider', '--type', 'wasm-rpc'], { cwd: root });
    const targets = await rpc.prompt('Which components should shop:provider call?');
    expect(targets).not.toContain('shop:util');
    rpc.press('Escape');
    expect(await rpc.exitCode()).toBe(130);

    const t = Terminal.start(['add', 'dependency', 'shop:provider', '--type', 'wasm'], { cwd: root });
    await t.answer('What should shop:provider link?', 'Enter'); // a library component of this app
    const libraries = await t.prompt('Which library components should shop:provider link?');
    expect(libraries).toContain('shop:util');
    expect(libraries).not.toMatch(/shop:provider \(/);
    t.press('Space', 'Enter');
    expect(await t.exitCode()).toBe(0);
    expect(edges(root)).toEqual(['shop:provider -> shop:util (wasm)']);
  });

  it('Escape at the type prompt leaves the app byte-identical', async () => {
    const root = shopApp();
    const before = snapshotTree(root);
    const t = Terminal.start(['add', 'dependency'], { cwd: root });
    await t.answer('Which component gets a new dependency?', 'Enter');
    await t.answer('Dependency type:', 'Escape');
    expect(await t.exitCode()).toBe(130);
    expect(t.transcript()).toMatch(/\ncancelled\n$/);
    expect(snapshotTree(root)).toEqual(before);
  });
});
