/**
 * Interactive edges in a real terminal (tmux): `create` inside an app is refused before the first
 * question, and the suggested component names follow the namespace the user chose last.
 */
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadApp } from '../../src/app/index.js';
import { runCli, snapshotTree, tempDir } from '../helpers/cli.js';
import { stopTerminals, Terminal } from './terminal.js';

afterAll(stopTerminals);

describe('create in a terminal', () => {
  it.each([
    ['no folder given, in a component folder of the app', [], 'components-ts', 'the current folder is inside'],
    ['a folder inside the app given', ['nested'], '', 'nested would be inside'],
  ])('inside an app is refused before the first prompt (%s)', async (_what, args, sub, what) => {
    const base = tempDir('cga-int-inside-');
    expect(runCli(['shop', '--yes', '--no-git'], { cwd: base }).code).toBe(0);
    const before = snapshotTree(base);
    const t = Terminal.start(args, { cwd: join(base, 'shop', sub) });
    expect(await t.exitCode()).toBe(1);
    const transcript = t.transcript();
    expect(transcript).not.toContain('◆'); // no question was asked
    expect(transcript).not.toContain('create-golem-app\n'); // not even the intro
    expect(transcript).toContain(`error: ${what} the Golem app at ${join(base, 'shop')}.\n`);
    expect(transcript).toMatch(/^ {2}Add components to that app with 'create-golem-app add component'/m);
    expect(snapshotTree(base)).toEqual(before);
  });

  it('suggests the next component in the namespace chosen last, not the folder name', async () => {
    const cwd = tempDir('cga-int-ns-');
    const t = Terminal.start(['my-app', '--no-git'], { cwd });
    await t.answer('Languages:', 'Enter');
    await t.answer('Template of the first component:', 'Enter');
    // The first suggestion comes from the folder.
    expect(await t.prompt('Component name')).toMatch(/my-app:provider/);
    t.type('shop:cart').press('Enter');
    await t.answer('Add another component?', 'y');
    await t.answer('Template of the next component:', 'Enter');
    expect(await t.prompt('Component name')).toMatch(/│ {2}shop:provider/);
    t.press('Enter'); // the suggestion
    await t.answer('Add another component?', 'n');
    await t.tick('shop:cart calls:', []);
    await t.answer('shop:provider calls:', 'Enter');
    await t.answer('Install dependencies with npm?', 'n');
    await t.answer('Create the app?', 'Enter');
    expect(await t.exitCode()).toBe(0);
    expect([...loadApp(join(cwd, 'my-app'), { explicitRoot: true }).components.keys()].sort()).toEqual(['shop:cart', 'shop:provider']);
  });
});
