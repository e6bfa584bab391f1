import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { UserError } from '../../src/errors.js';
import { packagePath } from '../../src/fs/package-root.js';
import { readTemplateMetadata } from '../../src/templates/metadata.js';
import { loadBundledRegistry, loadRegistryFile, validateRegistryText } from '../../src/templates/index.js';
import { tempApp } from './helpers.js';

const bundledText = readFileSync(packagePath('registry.json'), 'utf8');

async function rejection(registry: unknown): Promise<UserError> {
  const text = JSON.stringify(registry, null, 2);
  const err = await validateRegistryText(text, 'registry.json').then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(UserError);
  return err as UserError;
}

const entry = (over: Record<string, unknown> = {}) => ({
  id: 'ts/x',
  kind: 'component',
  language: 'ts',
  group: 'default',
  role: 'provider',
  description: 'd',
  path: 'templates/x',
  ...over,
});

describe('the bundled registry', () => {
  it('validates against registry.schema.json', async () => {
    await expect(validateRegistryText(bundledText, 'registry.json')).resolves.toMatchObject({ version: 1 });
  });

  it("agrees with every template folder's metadata.json (kind, group)", () => {
    // Entries with a source (golem-cli's own templates) are checked through the degit path: golem-templates.test.ts.
    for (const t of loadBundledRegistry().templates.filter((x) => x.source === undefined)) {
      const meta = readTemplateMetadata(t.path);
      if (t.kind === 'common') expect([t.id, meta.appCommonGroup]).toEqual([t.id, t.group]);
      else expect([t.id, meta.appComponentGroup]).toEqual([t.id, t.group]);
    }
  });

  it('has a common template for every language and group of its component templates', () => {
    const { templates } = loadBundledRegistry();
    for (const t of templates.filter((x) => x.kind === 'component')) {
      expect(templates.some((c) => c.kind === 'common' && c.language === t.language && c.group === t.group)).toBe(true);
    }
  });
});

describe('invalid registries: a clear error with the JSON path and position of the bad field', () => {
  it('a wrong kind', async () => {
    const err = await rejection({ version: 1, templates: [entry(), entry({ id: 'ts/y', kind: 'library' })] });
    expect(err.message).toBe('templates[1].kind: must be equal to one of the allowed values (common, component)');
    expect(err.location).toEqual({ file: 'registry.json', line: 15, column: 15 });
  });

  it('an unknown field', async () => {
    const err = await rejection({ version: 1, templates: [entry({ colour: 'red' })] });
    expect(err.message).toBe("templates[0]: unknown field 'colour'");
  });

  it('a missing field', async () => {
    const e = entry();
    delete (e as Record<string, unknown>).group;
    expect((await rejection({ version: 1, templates: [e] })).message).toBe("templates[0]: missing field 'group'");
  });

  it('both path and source', async () => {
    expect((await rejection({ version: 1, templates: [entry({ source: 'github:o/r' })] })).message).toBe('templates[0]: needs exactly one of "path" or "source"');
  });

  it('a path that leaves the registry', async () => {
    expect((await rejection({ version: 1, templates: [entry({ path: '../elsewhere' })] })).message).toBe(
      'templates[0].path: must be a relative path that stays inside (no "..", not absolute, no drive letter)',
    );
    expect((await rejection({ version: 1, templates: [entry({ path: '/abs' })] })).message).toBe(
      'templates[0].path: must be a relative path that stays inside (no "..", not absolute, no drive letter)',
    );
  });

  it('an id that does not start with its language', async () => {
    expect((await rejection({ version: 1, templates: [entry({ id: 'rust/x' })] })).message).toBe("templates[0].id: id 'rust/x' must start with its language 'ts/'");
  });

  it('the same id twice', async () => {
    expect((await rejection({ version: 1, templates: [entry(), entry()] })).message).toBe("templates[1].id: 'ts/x' is listed twice");
  });

  it('a bad version and a bad format version', async () => {
    expect((await rejection({ version: 1, templates: [entry({ version: 'v1' })] })).message).toMatch(/^templates\[0\]\.version: must match pattern/);
    expect((await rejection({ version: 2, templates: [] })).message).toBe('version: must be equal to constant');
  });

  it('JSON syntax errors', async () => {
    await expect(validateRegistryText('{ "version": 1,', 'r.json')).rejects.toThrow(/not valid JSON/);
  });
});

describe('loadRegistryFile', () => {
  it('loads a third-party registry, paths relative to its root', async () => {
    const dir = tempApp('cga-reg-');
    const file = join(dir, 'registry.json');
    writeFileSync(file, JSON.stringify({ version: 1, templates: [entry({ version: '1.0.0' }), entry({ version: '1.1.0' })] }));
    const registry = await loadRegistryFile(file, 'acme', dir);
    expect(registry.templates.map((t) => [t.id, t.version, t.path, t.origin])).toEqual([
      ['ts/x', '1.0.0', join(dir, 'templates/x'), 'acme'],
      ['ts/x', '1.1.0', join(dir, 'templates/x'), 'acme'],
    ]);
  });
});
