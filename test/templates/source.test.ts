/** The TemplateSource seam: remote specs resolve through a registered source to a local folder. */
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { isFolderSpec, isRemoteSpec, loadBundledRegistry, registerTemplateSource, resolveComponentTemplate } from '../../src/templates/index.js';

const TREE = fileURLToPath(new URL('../fixtures/templates/golem-tree', import.meta.url));
const registry = loadBundledRegistry();

describe('template specs', () => {
  it('tells folders, remote specs and registry ids apart', () => {
    expect(['./t', '../t', '/abs/t', '.'].map(isFolderSpec)).toEqual([true, true, true, true]);
    expect(['ts', 'ts/default', 'acme/ts/x'].map(isFolderSpec)).toEqual([false, false, false]);
    expect(['github:o/r/d#v1', 'https://example.com/r.git', 'file:///tmp/r', 'git@host:o/r'].map(isRemoteSpec)).toEqual([true, true, true, true]);
    expect(['ts/default', './x', 'C:\\templates\\x'].map(isRemoteSpec)).toEqual([false, false, false]);
  });

  it('a remote spec with no source to fetch it is a clear error', async () => {
    await expect(resolveComponentTemplate(registry, 'zzz:owner/repo', { cwd: TREE })).rejects.toThrow(/no template source can fetch 'zzz:owner\/repo'/);
  });

  it('resolves a remote spec through the registered source, then reads it as a local template', async () => {
    const asked: string[] = [];
    registerTemplateSource({
      name: 'fixture',
      matches: (spec) => spec.startsWith('fixture:'),
      resolve: async (spec, options) => {
        asked.push(`${spec} offline=${options.offline === true}`);
        return join(TREE, 'rust', spec.slice('fixture:'.length));
      },
    });
    const entry = await resolveComponentTemplate(registry, 'fixture:rust-app-component-minimal', { cwd: TREE, offline: true });
    expect(asked).toEqual(['fixture:rust-app-component-minimal offline=true']);
    expect([entry.id, entry.language, entry.common?.id]).toEqual(['rust/minimal', 'rust', 'rust/common']);
  });

  it('a fetched copy in a cache folder is named after the spec path (language, template name)', async () => {
    const { cpSync, mkdtempSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const cache = join(mkdtempSync(join(tmpdir(), 'cga-cache-')), '3f9a1c');
    cpSync(join(TREE, 'ts', 'ts-app-component-default'), cache, { recursive: true });
    registerTemplateSource({ name: 'cache', matches: (s) => s.startsWith('cached:'), resolve: async () => cache });
    const entry = await resolveComponentTemplate(registry, 'cached:acme/templates/ts/ts-app-component-default#v1.2.5', { cwd: TREE });
    expect([entry.id, entry.language, entry.path, entry.common?.id, entry.origin]).toEqual([
      'ts/default',
      'ts',
      cache,
      undefined,
      'cached:acme/templates/ts/ts-app-component-default#v1.2.5',
    ]);
  });

  it('relative folder specs resolve against cwd', async () => {
    const entry = await resolveComponentTemplate(registry, './ts/ts-app-component-default', { cwd: TREE });
    expect(entry.path).toBe(join(TREE, 'ts', 'ts-app-component-default'));
  });
});
