/**
 * metadata.json is checked against metadata.schema.json (shipped in the package) before any of it
 * is used: types, sizes and paths, each error at the file's line and column. golem-cli's own
 * fields and unknown keys keep working.
 */
import { cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { UserError } from '../../src/errors.js';
import { isBundledTemplateFolder, readTemplateMetadata } from '../../src/templates/metadata.js';
import { schemaValidator } from '../../src/templates/schema-validator.js';
import { loadBundledRegistry } from '../../src/templates/index.js';
import { listFiles, ROOT, runCli, tempDir } from '../helpers/cli.js';
import { errorLine } from '../security/hostile.js';

/** A template folder whose metadata.json is `text`. */
function withMetadata(text: string): string {
  const folder = join(tempDir('cga-meta-'), 'ts', 'ts-app-component-sample');
  mkdirSync(join(folder, 'components-ts', 'component-name'), { recursive: true });
  writeFileSync(join(folder, 'components-ts', 'component-name', 'a.txt'), 'a');
  writeFileSync(join(folder, 'metadata.json'), text);
  return folder;
}

const pretty = (value: unknown) => JSON.stringify(value, null, 2);

function rejected(text: string): UserError {
  const folder = withMetadata(text);
  try {
    readTemplateMetadata(folder);
  } catch (err) {
    expect(err).toBeInstanceOf(UserError);
    const e = err as UserError;
    expect(e.code).toBe('E_TEMPLATE');
    return e;
  }
  throw new Error('expected a rejection');
}

describe('metadata.json against its schema', () => {
  it.each([
    ['a description of the wrong type', { description: 42 }, '2:18', 'description: must be string'],
    ['a boolean that is a string', { description: 'x', requiresWASI: 'yes' }, '3:19', 'requiresWASI: must be boolean'],
    ['a list that is a string', { description: 'x', exclude: 'README.md' }, '3:14', 'exclude: must be array'],
    ['a name with a separator in exclude', { description: 'x', exclude: ['ok', 'a/b'] }, '5:5', 'exclude[1]: must match pattern'],
    ['an empty group', { description: 'x', appComponentGroup: '' }, '3:24', 'appComponentGroup: must NOT have fewer than 1 characters'],
    ['a description that is too long', { description: 'x'.repeat(4097) }, '2:18', 'description: must NOT have more than 4096 characters'],
    ['too many excluded names', { description: 'x', exclude: Array.from({ length: 1001 }, (_, i) => `n${i}`) }, '3:14', 'exclude: must NOT have more than 1000 items'],
    [
      'an unknown role',
      { description: 'x', createGolemApp: { role: 'server' } },
      '4:13',
      'createGolemApp.role: must be equal to one of the allowed values (provider, caller, other)',
    ],
    ['a version that is not semver', { description: 'x', createGolemApp: { version: 'one' } }, '4:16', 'createGolemApp.version: must match pattern'],
    ['witDepsPaths leaving the app', { description: 'x', witDepsPaths: ['../../x'] }, '4:5', 'witDepsPaths[0]: must be a relative path that stays inside'],
  ])('%s', (_what, value, at, message) => {
    const err = rejected(pretty(value));
    expect(`${err.location?.line}:${err.location?.column}`).toBe(at);
    expect(err.location?.file).toMatch(/ts-app-component-sample\/metadata\.json$/);
    expect(err.message).toContain(message);
  });

  it('a metadata.json over 64 KiB is refused before it is parsed', () => {
    const err = rejected(`{"description": "${'x'.repeat(70 * 1024)}"}`);
    expect(err.message).toMatch(/metadata\.json: larger than 64 KiB$/);
  });

  it('not JSON, not an object, both kinds at once', () => {
    const syntax = rejected('{ "description": ');
    expect(syntax.message).toBe('not valid JSON: unexpected end of the file');
    expect(syntax.location).toMatchObject({ line: 1, column: 18 });
    expect(syntax.location?.file).toMatch(/metadata\.json$/);
    expect(rejected('[1, 2]').message).toMatch(/metadata\.json: expected a JSON object$/);
    expect(rejected(pretty({ description: 'x', appCommonGroup: 'a', appComponentGroup: 'a' })).message).toMatch(/either common \(appCommonGroup\) or a component/);
  });

  it("golem-cli's fields and unknown keys are accepted", () => {
    const meta = {
      description: 'every field golem-cli 1.2.5 reads',
      appComponentGroup: 'default',
      requiresAdapter: false,
      adapterTarget: 'common-adapters',
      requiresGolemHostWIT: true,
      requiresWASI: true,
      witDepsPaths: ['wit/deps', 'components-go/x/wit/deps'],
      exclude: ['target', 'README.md'],
      instructions: 'run golem app build',
      transformExclude: ['Cargo.lock'],
      transform: true,
      createGolemApp: { language: 'ts', role: 'caller', version: '1.2.3-beta.1', later: 'a key of a later version' },
      someFutureKey: { nested: [1, 2, 3] },
    };
    expect(readTemplateMetadata(withMetadata(pretty(meta)))).toMatchObject(meta);
  });

  it('every bundled template passes the schema (which the CLI then skips for them: they ship with it)', () => {
    const validate = schemaValidator('metadata');
    const bundled = loadBundledRegistry().templates.filter((t) => t.path);
    expect(bundled.length).toBeGreaterThan(3);
    for (const t of bundled) {
      expect(isBundledTemplateFolder(t.path!), t.id).toBe(true);
      expect(validate(JSON.parse(readFileSync(join(t.path!, 'metadata.json'), 'utf8'))), `${t.id}: ${JSON.stringify(validate.errors)}`).toBe(true);
      expect(() => readTemplateMetadata(t.path!)).not.toThrow();
    }
  });

  it('a copy of a bundled template outside the package is checked by the schema again', () => {
    const copy = join(tempDir('cga-meta-copy-'), 'ts');
    cpSync(loadBundledRegistry().templates.find((t) => t.path)!.path!, copy, { recursive: true });
    const meta = JSON.parse(readFileSync(join(copy, 'metadata.json'), 'utf8'));
    writeFileSync(join(copy, 'metadata.json'), JSON.stringify({ ...meta, witDepsPaths: ['/etc'] }));
    expect(isBundledTemplateFolder(copy)).toBe(false);
    expect(() => readTemplateMetadata(copy)).toThrow(/witDepsPaths/);
  });

  it('the built CLI checks it too (the schema compiled into dist/), writing nothing', () => {
    const base = tempDir('cga-meta-cli-');
    const folder = withMetadata(pretty({ description: 'x', appComponentGroup: 'default', witDepsPaths: ['/etc'] }));
    const r = runCli(['app', '--yes', '--no-git', '--component', 'a:b', '-t', folder], { cwd: base });
    expect(r.code).toBe(1);
    expect(errorLine(r.stderr)).toMatch(/^error: .*ts-app-component-sample\/metadata\.json:5:5: witDepsPaths\[0\]: must be a relative path that stays inside/);
    expect(listFiles(base)).toEqual([]);
    expect(JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).files).toContain('metadata.schema.json');
  });
});
