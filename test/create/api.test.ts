/** The use cases as a program calls them: typed input, no reporter needed, nothing printed, a typed result. */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { runAddDependency } from '../../src/commands/add-dependency.js';
import { createApp } from '../../src/commands/create.js';
import { runGenerate } from '../../src/commands/generate.js';
import { tempDir } from '../helpers/cli.js';

describe('the programmatic API', () => {
  let written: string[];
  beforeEach(() => {
    written = [];
    vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
      written.push(String(chunk));
      return true;
    });
  });
  afterEach(() => vi.restoreAllMocks());

  it('createApp writes the app and says what it did; add dependency and generate follow', async () => {
    const dir = join(tempDir(), 'shop');
    const created = await createApp({
      dir,
      components: [
        { name: 'shop:stock', template: 'ts' },
        { name: 'shop:cart', template: 'ts' },
      ],
      git: false,
    });
    const printed = written.join('');
    vi.restoreAllMocks();
    expect(printed).toBe('');
    expect(created.dryRun).toBe(false);
    expect(created.files).toContainEqual({ path: 'golem.yaml', action: 'create' });
    expect(created.files).toContainEqual({ path: 'components-ts/shop-cart/wit-generated/main.wit', action: 'create' });
    expect(existsSync(join(dir, '.git'))).toBe(false);

    const added = await runAddDependency({ cwd: dir, component: 'shop:cart', targets: ['shop:stock'] });
    expect(added.edits.map((e) => e.status)).toEqual(['added']);
    expect(added.clients?.added).toContain('components-ts/shop-cart/wit-generated/deps/shop_stock-client/client.wit');
    const again = await runGenerate({ cwd: dir, components: [] });
    expect(again.added.length + again.changed.length + again.removed.length).toBe(0);
  });
});
