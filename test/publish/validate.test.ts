/** `templates init` + `templates validate` through the API: good templates pass, each kind of broken one fails at the right file. */
import { afterAll, describe, expect, test } from 'vitest';
import { appendFileSync, cpSync, existsSync, mkdirSync, readFileSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { initTemplate, MAX_FILE_BYTES, validateTemplate, type ValidationReport } from '../../src/templates/publishing/index.js';
import { mapColumn } from '../../src/templates/publishing/validate.js';
import { findLeftovers } from '../../src/templates/publishing/leftovers.js';
import { listFiles, ROOT, tempDir } from '../helpers/cli.js';
import { templateTypeCheck } from '../../src/commands/shared/template-types.js';
import { schemaErrors } from '../helpers/schema.js';
import { checkWitDir, stopOracle } from '../helpers/wit-oracle.js';
import { editJson } from './helpers.js';

afterAll(stopOracle);

const SAMPLE_DIR = { ts: 'components-ts/sample-ns-sample-component', rust: 'components-rust/sample-ns-sample-component' };

const failures = (r: ValidationReport) => r.checks.filter((c) => !c.ok).map((c) => ({ check: c.check, file: c.file, message: c.message }));

function newTemplate(language: 'ts' | 'rust' = 'ts', role: 'provider' | 'caller' = 'provider'): string {
  return initTemplate({ dir: join(tempDir('cga-pub-tpl-'), `my-${language}-${role}`), language, role }).dir;
}

/** A component's wit/ checked by wit-parser as Golem resolves it: with the app's wit/deps. */
async function expectWitAccepted(appDir: string, componentDir: string) {
  const check = tempDir('cga-pub-oracle-');
  for (const f of readdirSync(join(appDir, componentDir, 'wit'))) {
    if (f.endsWith('.wit')) cpSync(join(appDir, componentDir, 'wit', f), join(check, f));
  }
  cpSync(join(appDir, 'wit', 'deps'), join(check, 'deps'), { recursive: true });
  expect(await checkWitDir(check)).toEqual({ ok: true });
  expect(await checkWitDir(join(appDir, 'wit'))).toEqual({ ok: true });
}

describe('templates init', () => {
  test('starts a ts template from the bundled counter provider, marked with language, role and version', () => {
    const dir = newTemplate('ts');
    const files = listFiles(dir);
    expect(files).toContain('metadata.json');
    expect(files).toContain('README.md');
    expect(files).toContain('components-ts/component-name/wit/main.wit');
    const meta = JSON.parse(readFileSync(join(dir, 'metadata.json'), 'utf8'));
    expect(meta).toMatchObject({ appComponentGroup: 'default', exclude: ['README.md'], createGolemApp: { language: 'ts', role: 'provider', version: '0.1.0' } });
    expect(readFileSync(join(dir, 'README.md'), 'utf8')).toMatch(/templates publish/);
    const alias = initTemplate({ dir: join(tempDir(), 'rusty'), language: 'Rust', role: 'caller' });
    expect(alias.from).toBe('rust/caller');
  });

  test('refuses a non-empty folder and unknown languages or roles, writing nothing', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'keep.txt'), 'x');
    expect(() => initTemplate({ dir })).toThrow(/is not empty/);
    expect(listFiles(dir)).toEqual(['keep.txt']);
    const fresh = join(tempDir(), 'tpl');
    expect(() => initTemplate({ dir: fresh, language: 'go' })).toThrow(/unsupported template language 'go'/);
    expect(() => initTemplate({ dir: fresh, role: 'nope' as 'caller' })).toThrow(/unsupported role/);
    expect(existsSync(fresh)).toBe(false);
  });
});

describe('unrendered placeholder detection', () => {
  test('Handlebars/mustache expressions are found; Rust brace escapes and golem.yaml minijinja are not', () => {
    expect(findLeftovers('let s = format!("{{}} {}", x);\nconst o = {{a: 1}}.a;', false)).toEqual([]);
    expect(findLeftovers('a\n  {{#if caller}}x{{/if}}', false).map((l) => [l.line, l.column, l.text])).toEqual([
      [2, 3, '{{#if caller}}'],
      [2, 18, '{{/if}}'],
    ]);
    expect(findLeftovers('wasm: {{ component_name | to_snake_case }}.wasm {{componentName}}', true)).toEqual([]);
    expect(findLeftovers('wasm: {{ component_name }}', false)).toHaveLength(1);
    expect(findLeftovers('x: {{ author }}', true).map((l) => l.text)).toEqual(['{{ author }}']);
  });
});

describe('templates validate: templates that pass', () => {
  test.each(['ts', 'rust'] as const)('a fresh %s template passes every check; its sample app is valid for wit-parser and the schema', async (language) => {
    const report = await validateTemplate(newTemplate(language), { keepApp: true });
    expect(failures(report)).toEqual([]);
    // TS templates get a type-check; the API run without a checker reports it skipped, never passed.
    expect(report.checks.map((c) => c.check)).toEqual(['metadata', 'paths', 'size', 'render', 'wit', 'golem.yaml', 'placeholders', ...(language === 'ts' ? ['types'] : [])]);
    expect(report.checks.filter((c) => c.skipped).map((c) => c.check)).toEqual(language === 'ts' ? ['types'] : []);
    const app = report.appDir!;
    expect(existsSync(join(app, SAMPLE_DIR[language], 'golem.yaml'))).toBe(true);
    expect(existsSync(join(app, 'README.md'))).toBe(false); // the template's README is excluded
    await expectWitAccepted(app, SAMPLE_DIR[language]);
    for (const f of listFiles(app).filter((p) => p.endsWith('golem.yaml'))) {
      expect({ f, errors: schemaErrors(readFileSync(join(app, f), 'utf8')) }).toEqual({ f, errors: [] });
    }
  });

  test.each(['ts', 'rust'] as const)('a %s caller template is rendered against a sample counter target', async (language) => {
    const report = await validateTemplate(newTemplate(language, 'caller'), { keepApp: true });
    expect(failures(report)).toEqual([]);
    expect(report.checks.find((c) => c.check === 'render')!.message).toMatch(/calling sample-ns:counter/);
    expect(existsSync(join(report.appDir!, `components-${language}/sample-ns-counter/golem.yaml`))).toBe(true);
    await expectWitAccepted(report.appDir!, SAMPLE_DIR[language]);
  });
});

describe('templates validate: broken templates fail at the file at fault', () => {
  test('invalid WIT (the same file wit-parser rejects)', async () => {
    const dir = newTemplate();
    const wit = join(dir, 'components-ts/component-name/wit/main.wit');
    writeFileSync(wit, readFileSync(wit, 'utf8').replace('add: func(value: u64);', 'add: func(value: u46);'));
    const report = await validateTemplate(dir, { keepApp: true });
    // At the template's own file, line and column (the type name, as in `  add: func(value: u46);`).
    expect(failures(report)).toEqual([{ check: 'wit', file: 'components-ts/component-name/wit/main.wit:6:20', message: expect.stringMatching(/u46/) }]);
    const check = tempDir();
    cpSync(join(report.appDir!, SAMPLE_DIR.ts, 'wit'), check, { recursive: true });
    cpSync(join(report.appDir!, 'wit/deps'), join(check, 'deps'), { recursive: true });
    expect((await checkWitDir(check)).ok).toBe(false);
  });

  test('a symbolic link (never followed) and a name that is unsafe after substitution', async () => {
    const linked = newTemplate();
    symlinkSync('/etc/passwd', join(linked, 'components-ts/component-name/src/passwd.ts'));
    expect(failures(await validateTemplate(linked))).toEqual([
      { check: 'paths', file: 'components-ts/component-name/src/passwd.ts', message: expect.stringMatching(/symbolic link/) },
    ]);
    const escaping = newTemplate();
    writeFileSync(join(escaping, '..\\..\\component-name.txt'), 'escape');
    expect(failures(await validateTemplate(escaping))).toEqual([{ check: 'render', file: '..\\..\\component-name.txt', message: expect.stringMatching(/not a plain file name/) }]);
  });

  test('unrendered placeholders, with file:line:column; Golem minijinja in golem.yaml stays allowed', async () => {
    const dir = newTemplate();
    appendFileSync(join(dir, 'components-ts/component-name/src/main.ts'), '\n// greet {{ user.name }}\n');
    const yaml = join(dir, 'components-ts/component-name/golem.yaml');
    appendFileSync(yaml, '# built as {{ component_name | to_snake_case }}, owner {{ owner }}\n');
    const found = failures(await validateTemplate(dir));
    expect(found.map((f) => f.check)).toEqual(['placeholders', 'placeholders']);
    expect(found[0]!.file).toMatch(/^components-ts\/component-name\/golem.yaml:\d+:\d+$/);
    expect(found[0]!.message).toBe('unrendered placeholder {{ owner }}');
    expect(found[1]!.file).toMatch(/^components-ts\/component-name\/src\/main.ts:\d+:10$/);
    expect(found[1]!.message).toBe('unrendered placeholder {{ user.name }}');
  });

  test('a file over the size limit', async () => {
    const dir = newTemplate();
    mkdirSync(join(dir, 'components-ts/component-name/assets'));
    writeFileSync(join(dir, 'components-ts/component-name/assets/big.bin'), Buffer.alloc(MAX_FILE_BYTES + 1));
    expect(failures(await validateTemplate(dir))).toEqual([{ check: 'size', file: 'components-ts/component-name/assets/big.bin', message: expect.stringMatching(/limit/) }]);
  });

  test('metadata problems: a common template, no description, an unknown language', async () => {
    const dir = newTemplate();
    editJson(join(dir, 'metadata.json'), (m) => {
      delete m.appComponentGroup;
      m.appCommonGroup = 'default';
      m.description = '';
      m.createGolemApp = { language: 'go' };
    });
    const found = failures(await validateTemplate(dir));
    expect(found.every((f) => f.check === 'metadata' && f.file === 'metadata.json')).toBe(true);
    expect(found.map((f) => f.message).join('\n')).toMatch(/common template[\s\S]*description[\s\S]*'go' is not supported/);
    const none = tempDir();
    expect(failures(await validateTemplate(none))).toEqual([{ check: 'metadata', file: 'metadata.json', message: expect.stringMatching(/has no metadata.json/) }]);
  });

  test('a golem.yaml the application model rejects', async () => {
    const dir = newTemplate();
    appendFileSync(join(dir, 'components-ts/component-name/golem.yaml'), 'colour: blue\n');
    const found = failures(await validateTemplate(dir));
    expect(found).toEqual([{ check: 'golem.yaml', file: expect.stringMatching(/^components-ts\/component-name\/golem.yaml:\d+:\d+$/), message: expect.stringMatching(/colour/) }]);
  });
});

describe('templates validate: places map back to the template', () => {
  test.each([
    ['unchanged line', 'add: func(value: u46);', 'add: func(value: u46);', 18, 18],
    ['before the placeholder', 'package pack:name;', 'package sample-ns:sample-component;', 3, 3],
    ['after the placeholder', 'interface component-name-api { x: u46 }', 'interface sample-ns-sample-component-api { x: u46 }', 47, 35],
    ['inside the placeholder', 'interface component-name-api {', 'interface sample-ns-sample-component-api {', 15, 11],
  ])('a column %s', (_what, original, rendered, column, expected) => {
    expect(mapColumn(original, rendered, column)).toBe(expected);
  });

  test("a WIT error after a placeholder on the same line points at the template's column", async () => {
    const dir = newTemplate();
    const wit = join(dir, 'components-ts/component-name/wit/main.wit');
    writeFileSync(wit, readFileSync(wit, 'utf8').replace('interface component-name-api {', 'interface component-name-api { nope: func() -> u46;'));
    const [found] = failures(await validateTemplate(dir));
    const line =
      readFileSync(wit, 'utf8')
        .split('\n')
        .findIndex((l) => l.includes('nope:')) + 1;
    expect(found).toEqual({
      check: 'wit',
      file: `components-ts/component-name/wit/main.wit:${line}:${'interface component-name-api { nope: func() -> '.length + 1}`,
      message: expect.stringMatching(/u46/),
    });
  });
});

describe('templates validate: the type-check of TS templates', () => {
  // TypeScript and jco come from this project's devDependencies (the current folder of the check).
  const typeCheck = templateTypeCheck(ROOT);

  test("a caller template type-checks against its sample target's generated client", async () => {
    const report = await validateTemplate(newTemplate('ts', 'caller'), { typeCheck });
    expect(failures(report)).toEqual([]);
    expect(report.checks.find((c) => c.check === 'types')).toEqual({ check: 'types', ok: true, message: expect.stringContaining('type-check') });
  });

  test('a type error in a Handlebars source is reported at its line in the .hbs file', async () => {
    const dir = newTemplate('ts', 'caller');
    const main = join(dir, 'components-ts/component-name/src/main.ts.hbs');
    writeFileSync(main, `${readFileSync(main, 'utf8')}\nexport const wrong: number = 'not a number';\n`);
    const line =
      readFileSync(main, 'utf8')
        .split('\n')
        .findIndex((l) => l.startsWith('export const wrong')) + 1;
    expect(failures(await validateTemplate(dir, { typeCheck }))).toEqual([
      {
        check: 'types',
        file: `components-ts/component-name/src/main.ts.hbs:${line}:14`,
        message: expect.stringMatching(/^TS2322: Type 'string' is not assignable to type 'number'/),
      },
    ]);
  });
});
