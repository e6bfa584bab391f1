/**
 * `add component` and `add dependency` with no arguments, in a real terminal (tmux), against
 * the built CLI, in apps made by the non-interactive create.
 */
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadApp } from '../../src/app/index.js';
import { runCli, snapshotTree, tempDir } from '../helpers/cli.js';
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
  it('adds a self-dependency picked from the list', async () => {
    const root = shopApp();
    const t = Terminal.start(['add', 'dependency'], { cwd: root });
    await t.prompt('Which component makes the calls?');
    expect(t.screen()).toContain('shop:provider (calls nothing yet)');
    t.press('Enter');
    await t.answer('Which components should shop:provider call?', 'Space', 'Enter'); // itself
    await t.prompt('Dependency type:');
    expect(t.screen()).toContain('static-wasm-rpc');
    t.press('Enter');
    expect(await t.exitCode()).toBe(0);
    saveCapture('add-dependency', 'npx create-golem-app add dependency', t.transcript());
    expect(edges(root)).toEqual(['shop:provider -> shop:provider (wasm-rpc)']);

    // Asked again, the existing dependency is shown as such.
    const again = Terminal.start(['add', 'dependency', 'shop:provider'], { cwd: root });
    expect(await again.prompt('Which components should shop:provider call?')).toContain('shop:provider (itself, already a dependency, wasm-rpc)');
    again.press('Escape');
    expect(await again.exitCode()).toBe(130);
  });

  it('Escape at the type prompt leaves the app byte-identical', async () => {
    const root = shopApp();
    const before = snapshotTree(root);
    const t = Terminal.start(['add', 'dependency'], { cwd: root });
    await t.answer('Which component makes the calls?', 'Enter');
    await t.answer('Which components should shop:provider call?', 'Space', 'Enter');
    await t.answer('Dependency type:', 'Escape');
    expect(await t.exitCode()).toBe(130);
    expect(t.transcript()).toMatch(/\ncancelled\n$/);
    expect(snapshotTree(root)).toEqual(before);
  });
});
