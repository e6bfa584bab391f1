/** Added registries: names, ids, versions, the user's config file, registry.json checks, loading. */
import { describe, expect, test } from 'vitest';
import { existsSync, mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { UserError } from '../../src/errors.js';
import {
  addRegistry,
  compareSemver,
  configPath,
  findRegistryTemplate,
  latestEntries,
  listRegistries,
  loadAddedRegistries,
  loadRegistry,
  normalizeSource,
  parseExtraRegistry,
  parseRegistryTemplateId,
  registryNameProblem,
  removeRegistry,
} from '../../src/templates/registries/index.js';
import { registryCloneUrl } from '../../src/templates/publishing/index.js';
import { tempDir } from '../helpers/cli.js';
import { userDirs } from './helpers.js';

describe('registry names and template ids', () => {
  test.each(['acme', 'my-templates', 'team2'])('%s is a valid registry name', (name) => {
    expect(registryNameProblem(name)).toBeUndefined();
  });
  test.each(['ts', 'rust', 'typescript', 'go', 'python', 'bundled'])('language name %s is refused', (name) => {
    expect(registryNameProblem(name)).toMatch(/language name/);
  });
  test.each(['Acme', '1acme', 'ac me', 'a/b', ''])('%j is not a name', (name) => {
    expect(registryNameProblem(name)).toMatch(/invalid registry name/);
  });

  test('registry ids parse; bundled ids, paths and URLs do not', () => {
    expect(parseRegistryTemplateId('acme/ts/counter')).toEqual({ registry: 'acme', id: 'ts/counter' });
    expect(parseRegistryTemplateId('acme/ts/counter@1.2.0')).toEqual({ registry: 'acme', id: 'ts/counter', version: '1.2.0' });
    expect(parseRegistryTemplateId('acme/typescript')).toEqual({ registry: 'acme', id: 'ts/default' });
    for (const notOne of ['ts/default', 'ts', 'rust/caller', './my/template', '/abs/path/x', 'github:o/r', 'https://h/x/y', 'acme/../x']) {
      expect(parseRegistryTemplateId(notOne)).toBeUndefined();
    }
  });

  test('semver ordering: numeric parts, pre-releases before the release', () => {
    const sorted = ['1.10.0', '1.2.0', '1.2.0-rc.1', '0.9.9', '1.2.0-alpha', '2.0.0'].sort(compareSemver);
    expect(sorted).toEqual(['0.9.9', '1.2.0-alpha', '1.2.0-rc.1', '1.2.0', '1.10.0', '2.0.0']);
  });

  test('latestEntries keeps the newest version of each id', () => {
    const e = (id: string, version: string) => ({ id, version, kind: 'component' as const, language: 'ts', group: 'default', description: '', path: '', origin: 'x' });
    const latest = latestEntries([e('a/ts/x', '1.0.0'), e('a/ts/x', '1.10.0'), e('a/ts/x', '1.9.0'), e('a/ts/y', '0.1.0')]);
    expect(latest.map((t) => `${t.id}@${t.version}`).sort()).toEqual(['a/ts/x@1.10.0', 'a/ts/y@0.1.0']);
  });

  test('--registry values: name=source or a name derived from the source', () => {
    expect(parseExtraRegistry('acme=github:acme/templates')).toEqual({ name: 'acme', source: 'github:acme/templates' });
    expect(parseExtraRegistry('github:acme/golem-templates').name).toBe('golem-templates');
    expect(parseExtraRegistry('/srv/git/team.git', '/')).toEqual({ name: 'team', source: '/srv/git/team.git' });
    expect(parseExtraRegistry('./ts', '/work')).toEqual({ name: 'registry', source: '/work/ts' });
  });
});

describe('sources as remembered and cloned', () => {
  test('local paths become absolute (suffixes kept); URLs and shorthands stay', () => {
    const cwd = tempDir();
    mkdirSync(join(cwd, 'plain.git'));
    expect(normalizeSource('./reg.git', cwd)).toBe(join(cwd, 'reg.git'));
    expect(normalizeSource('../x/reg.git//templates#v1', cwd)).toBe(`${join(cwd, '../x/reg.git')}//templates#v1`);
    expect(normalizeSource('plain.git', cwd)).toBe(join(cwd, 'plain.git'));
    expect(normalizeSource('/srv/reg.git', cwd)).toBe('/srv/reg.git');
    for (const url of ['github:acme/t', 'file:///srv/reg.git', 'https://git.example.com/r.git', 'git@example.com:acme/r.git', 'not-here']) {
      expect(normalizeSource(url, cwd)).toBe(url);
    }
    expect(registryCloneUrl('github:acme/templates', cwd)).toBe('https://github.com/acme/templates.git');
    expect(registryCloneUrl('plain.git', cwd)).toBe(join(cwd, 'plain.git'));
  });
});

describe('the user config file', () => {
  test('lives under XDG_CONFIG_HOME, else ~/.config', () => {
    expect(configPath({ XDG_CONFIG_HOME: '/x/cfg', HOME: '/h' })).toBe('/x/cfg/create-golem-app/config.json');
    expect(configPath({ HOME: '/h' })).toBe('/h/.config/create-golem-app/config.json');
    expect(configPath({ XDG_CONFIG_HOME: 'relative', HOME: '/h' })).toBe('/h/.config/create-golem-app/config.json');
  });

  test('add, list, remove; unknown keys are kept', () => {
    const { env } = userDirs();
    expect(listRegistries(env)).toEqual([]);
    addRegistry({ name: 'acme', source: 'github:acme/t' }, env);
    addRegistry({ name: 'team', source: '/srv/team.git' }, env);
    addRegistry({ name: 'acme', source: 'github:acme/t' }, env); // same again: no-op
    expect(listRegistries(env)).toEqual([
      { name: 'acme', source: 'github:acme/t' },
      { name: 'team', source: '/srv/team.git' },
    ]);
    const file = configPath(env);
    const json = JSON.parse(readFileSync(file, 'utf8'));
    writeFileSync(file, JSON.stringify({ ...json, theme: 'dark' }));
    expect(removeRegistry('acme', env)).toEqual({ name: 'acme', source: 'github:acme/t' });
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({ registries: { team: '/srv/team.git' }, theme: 'dark' });
  });

  test('refusals: another source under a taken name, a language name, an unknown name, a broken file', () => {
    const { env } = userDirs();
    addRegistry({ name: 'acme', source: 'github:acme/t' }, env);
    expect(() => addRegistry({ name: 'acme', source: 'github:other/t' }, env)).toThrow(/already added/);
    expect(() => addRegistry({ name: 'ts', source: 'github:other/t' }, env)).toThrow(/language name/);
    expect(() => removeRegistry('nope', env)).toThrow(/no registry named 'nope'.*/);
    writeFileSync(configPath(env), '{"registries": ["x"]}');
    expect(() => listRegistries(env)).toThrow(UserError);
    writeFileSync(configPath(env), '{oops');
    expect(() => listRegistries(env)).toThrow(/not valid JSON/);
  });
});

describe('registry.json of a third-party registry is checked when loaded', () => {
  const entry = { id: 'ts/x', kind: 'component', language: 'ts', group: 'default', role: 'provider', description: 'd', path: 'templates/ts/x/1.0.0', version: '1.0.0' };
  const load = (json: unknown) => {
    const root = tempDir('cga-pub-regjson-');
    writeFileSync(join(root, 'registry.json'), JSON.stringify(json, null, 2));
    return loadRegistry({ name: 'acme', source: root }, { cacheDir: join(root, 'cache') });
  };

  test('a valid one loads', async () => {
    expect((await load({ version: 1, templates: [entry] })).templates.map((t) => t.id)).toEqual(['acme/ts/x']);
  });
  test.each([
    [{ version: 2, templates: [] }, /^version: /],
    [{ version: 1, templates: [{ ...entry, id: 'X' }] }, /^templates\[0\]\.id: /],
    [{ version: 1, templates: [entry, { ...entry, version: 'v1' }] }, /^templates\[1\]\.version: /],
    [{ version: 1, templates: [entry, entry] }, /^templates\[1\]\.id: 'ts\/x' version 1\.0\.0 is listed twice/],
    [{ version: 1, templates: [{ ...entry, path: '../../etc' }] }, /^templates\[0\]\.path: /],
    [{ version: 1, templates: [{ ...entry, path: '/etc' }] }, /^templates\[0\]\.path: /],
  ])('%j is refused with the JSON path and file:line:column', async (json, message) => {
    const err = await load(json).then(
      () => undefined,
      (e: UserError) => e,
    );
    expect(err).toBeInstanceOf(UserError);
    expect(err!.message).toMatch(message);
    expect(err!.location?.file).toMatch(/registry\.json$/);
  });
});

describe('loading added registries from a folder', () => {
  function folderRegistry(): string {
    const root = tempDir('cga-pub-reg-');
    for (const version of ['1.0.0', '1.2.0', '1.10.0']) {
      mkdirSync(join(root, 'templates/ts/x', version), { recursive: true });
      writeFileSync(join(root, 'templates/ts/x', version, 'metadata.json'), '{"description": "x", "appComponentGroup": "default"}');
    }
    const templates = ['1.0.0', '1.2.0', '1.10.0'].map((version) => ({
      id: 'ts/x',
      kind: 'component',
      language: 'ts',
      group: 'default',
      role: 'provider',
      description: `x ${version}`,
      path: `templates/ts/x/${version}`,
      version,
    }));
    writeFileSync(join(root, 'registry.json'), JSON.stringify({ version: 1, templates }));
    return root;
  }

  test('ids are qualified with the registry name; latest by semver; exact versions; clear errors', async () => {
    const { env, cacheDir } = userDirs();
    const root = folderRegistry();
    addRegistry({ name: 'acme', source: root }, env);
    const [registry] = await loadAddedRegistries({ env, cacheDir });
    expect(registry!.templates.map((t) => `${t.id}@${t.version}`)).toEqual(['acme/ts/x@1.0.0', 'acme/ts/x@1.2.0', 'acme/ts/x@1.10.0']);
    expect(registry!.templates[0]!.path).toBe(join(root, 'templates/ts/x/1.0.0'));

    const latest = await findRegistryTemplate('acme/ts/x', { env, cacheDir });
    expect(latest!.template.version).toBe('1.10.0');
    expect(latest!.registry.templates.some((t) => t.id === 'ts/common')).toBe(true); // bundled common templates follow
    expect((await findRegistryTemplate('acme/ts/x@1.2.0', { env, cacheDir }))!.template.description).toBe('x 1.2.0');
    expect(await findRegistryTemplate('ts/default', { env, cacheDir })).toBeUndefined();
    await expect(findRegistryTemplate('acme/ts/x@3.0.0', { env, cacheDir })).rejects.toThrow(/no version 3\.0\.0 of 'ts\/x'/);
    await expect(findRegistryTemplate('acme/ts/y', { env, cacheDir })).rejects.toThrow(/has no component template 'ts\/y'.*/);
    await expect(findRegistryTemplate('other/ts/x', { env, cacheDir })).rejects.toThrow(/unknown registry 'other'/);
    expect((await findRegistryTemplate('once/ts/x', { env, cacheDir, extra: `once=${root}` }))!.template.id).toBe('once/ts/x');
  });

  test('an entry whose folder is a link (or missing) is refused when chosen', async () => {
    const { env, cacheDir } = userDirs();
    const root = folderRegistry();
    const outside = tempDir();
    writeFileSync(join(outside, 'metadata.json'), '{"description": "outside", "appComponentGroup": "default"}');
    rmSync(join(root, 'templates/ts/x/1.10.0'), { recursive: true });
    symlinkSync(outside, join(root, 'templates/ts/x/1.10.0'));
    rmSync(join(root, 'templates/ts/x/1.2.0'), { recursive: true });
    addRegistry({ name: 'acme', source: root }, env);
    await expect(findRegistryTemplate('acme/ts/x', { env, cacheDir })).rejects.toThrow(/the folder of acme\/ts\/x@1\.10\.0 .* is missing, not a template or a link/);
    await expect(findRegistryTemplate('acme/ts/x@1.2.0', { env, cacheDir })).rejects.toThrow(/acme\/ts\/x@1\.2\.0 .* is missing/);
    expect((await findRegistryTemplate('acme/ts/x@1.0.0', { env, cacheDir }))!.template.path).toBe(join(root, 'templates/ts/x/1.0.0'));
  });

  test('a broken remembered registry is skipped with a warning; a broken --registry is an error', async () => {
    const { env, cacheDir } = userDirs();
    const warnings: string[] = [];
    const report = { info() {}, step() {}, warn: (m: string) => warnings.push(m), task: <T>(_: string, run: () => Promise<T>) => run() };
    const missing = join(tempDir(), 'gone');
    addRegistry({ name: 'gone', source: missing }, env);
    addRegistry({ name: 'good', source: folderRegistry() }, env);
    expect((await loadAddedRegistries({ env, cacheDir, report })).map((r) => r.name)).toEqual(['good']);
    expect(warnings.join('\n')).toMatch(/registry gone skipped: registry folder not found/);
    await expect(loadAddedRegistries({ env, cacheDir, extra: missing })).rejects.toThrow(/registry folder not found/);
    const noJson = tempDir();
    await expect(loadRegistry({ name: 'x', source: noJson }, { cacheDir })).rejects.toThrow(/not a template registry: registry.json is missing/);
    expect(existsSync(missing)).toBe(false);
  });
});
