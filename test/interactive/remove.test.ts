/**
 * `remove component` and `remove dependency` in a real terminal (tmux), against the built CLI:
 * the deletion is listed and confirmed (No is the default, and leaves every byte), and what is
 * missing is asked for.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadApp } from '../../src/app/index.js';
import { runCli, snapshotTree, tempDir } from '../helpers/cli.js';
import { saveCapture } from './captures.js';
import { stopTerminals, Terminal } from './terminal.js';

afterAll(stopTerminals);

/** shop:stock and shop:cart (a caller of shop:stock, and of itself). */
function shopApp(): string {
  const cwd = tempDir('cga-int-rm-');
  const r = runCli(
    [
      'shop',
      '--yes',
      '--no-git',
      '--component',
      'shop:stock',
      '--component',
      'shop:cart',
      '-t',
      'ts',
      '-t',
      'ts/caller',
      '--target',
      'shop:stock',
      '--dependency',
      'shop:cart=shop:cart',
    ],
    { cwd },
  );
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  return join(cwd, 'shop');
}

const edges = (root: string) => loadApp(root, { explicitRoot: true }).dependencies.map((d) => `${d.source} -> ${d.target} (${d.type})`);

describe('remove component, interactive', () => {
  it('lists what goes and asks; the default No leaves every byte', async () => {
    const root = shopApp();
    const before = snapshotTree(root);
    const t = Terminal.start(['remove', 'component', 'shop:stock'], { cwd: root });
    const screen = await t.prompt('Delete components-ts/shop-stock/ and its sources? This cannot be undone.');
    expect(screen).toContain('remove component deletes user sources');
    expect(screen).toContain('components-ts/shop-stock/  (');
    expect(screen).toContain('dependency shop:cart → shop:stock (wasm-rpc) in components-ts/shop-cart/golem.yaml');
    expect(screen).toContain('then shop:cart is regenerated without its client');
    t.press('Enter'); // No
    expect(await t.exitCode()).toBe(130);
    expect(snapshotTree(root)).toEqual(before);
  });

  it('asks which component, then Yes deletes it', async () => {
    const root = shopApp();
    const t = Terminal.start(['remove', 'component'], { cwd: root });
    await t.select('Which component should be deleted (with its sources)?', 'shop:stock');
    await t.answer('Delete components-ts/shop-stock/ and its sources?', 'Left', 'Enter'); // Yes
    expect(await t.exitCode()).toBe(0);
    saveCapture('remove-component', 'npx create-golem-app remove component', t.transcript());
    expect(existsSync(join(root, 'components-ts/shop-stock'))).toBe(false);
    expect(edges(root)).toEqual(['shop:cart -> shop:cart (wasm-rpc)']);
  });
});

describe('remove dependency, interactive', () => {
  it('asks the caller and which of its dependencies', async () => {
    const root = shopApp();
    const t = Terminal.start(['remove', 'dependency'], { cwd: root });
    await t.answer('Which component gives up a dependency?', 'Enter'); // shop:cart, the only caller
    await t.select('Which dependency?', 'shop:stock (wasm-rpc)');
    expect(await t.exitCode()).toBe(0);
    expect(edges(root)).toEqual(['shop:cart -> shop:cart (wasm-rpc)']);
  });
});
