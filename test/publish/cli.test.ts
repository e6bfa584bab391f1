/**
 * The commands as a user runs them (a real process of the built CLI in dist/, no TTY), with an
 * isolated HOME/XDG config and cache and a real local bare repository as the registry.
 */
import { afterAll, describe, expect, test } from 'vitest';
import { appendFileSync, cpSync, existsSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { errorOf, listFiles, ROOT, runCli, tempDir } from '../helpers/cli.js';
import { schemaErrors } from '../helpers/schema.js';
import { checkWitDir, stopOracle } from '../helpers/wit-oracle.js';
import { bareRegistry, refsOf, registryFiles, userDirs } from './helpers.js';

afterAll(stopOracle);

/** What the bundled templates' tests check: every golem.yaml against Golem's schema, the WIT with wit-parser. */
async function expectBundledChecks(app: string, component: string) {
  for (const f of listFiles(app).filter((p) => p.endsWith('golem.yaml') && !p.includes('node_modules'))) {
    expect({ f, errors: schemaErrors(readFileSync(join(app, f), 'utf8')) }).toEqual({ f, errors: [] });
  }
  const check = tempDir();
  cpSync(join(app, component, 'wit/main.wit'), join(check, 'main.wit'));
  cpSync(join(app, 'wit/deps'), join(check, 'deps'), { recursive: true });
  expect(await checkWitDir(check)).toEqual({ ok: true });
  expect(await checkWitDir(join(app, 'wit'))).toEqual({ ok: true });
}

describe('templates init/validate/publish and registry add/list/remove from the command line', () => {
  const dirs = userDirs();
  const bare = bareRegistry(dirs.base);
  const cli = (args: string[], cwd = dirs.base) => runCli(args, { cwd, env: dirs.env });
  // TypeScript and jco where the user works (this project's devDependencies), so TS templates are type-checked.
  symlinkSync(join(ROOT, 'node_modules'), join(dirs.base, 'node_modules'), 'dir');

  test('init, validate', () => {
    const init = cli(['templates', 'init', 'my-counter']);
    expect(init).toMatchObject({ code: 0, stderr: '' });
    expect(init.stdout).toMatch(/Created template my-counter from ts\/default/);
    const validate = cli(['templates', 'validate', 'my-counter']);
    expect(validate.stderr).toBe('');
    expect(validate.code).toBe(0);
    for (const check of ['metadata', 'paths', 'size', 'render', 'wit', 'golem.yaml', 'placeholders', 'types']) {
      expect(validate.stdout).toMatch(new RegExp(`^pass  ${check.replace('.', '\\.')} `, 'm'));
    }
    expect(validate.stdout).toMatch(/^✔ Template .*my-counter is valid$/m);
    const json = JSON.parse(cli(['templates', 'validate', 'my-counter', '--json']).stdout);
    expect(json.ok).toBe(true);
    expect(json.checks.find((c: { check: string }) => c.check === 'types')).toEqual({ check: 'types', ok: true, message: expect.stringContaining('type-check') });
  });

  test("validate and publish catch a TS template whose code does not implement its WIT, at the template's file:line:col", () => {
    const dir = join(dirs.base, 'unfaithful');
    expect(cli(['templates', 'init', dir]).code).toBe(0);
    const main = join(dir, 'components-ts/component-name/src/main.ts');
    // The WIT says `get: func() -> u64`; the code exports `fetch` instead.
    writeFileSync(main, readFileSync(main, 'utf8').replace('async get() {', 'async fetch() {'));
    const line =
      readFileSync(main, 'utf8')
        .split('\n')
        .findIndex((l) => l.includes('async fetch() {')) + 1;
    const validate = cli(['templates', 'validate', dir]);
    expect(validate.code).toBe(1);
    expect(validate.stdout).toMatch(new RegExp(`^FAIL {2}types +components-ts/component-name/src/main\\.ts:${line}:\\d+: TS\\d+: .*'fetch'`, 'm'));
    expect(validate.stdout).not.toMatch(/is valid/);
    const before = refsOf(bare);
    const publish = cli(['templates', 'publish', dir, '--registry', bare, '--version', '1.0.0']);
    expect(publish.code).toBe(1);
    expect(errorOf(publish.stderr).line).toMatch(/failed validation \(1 problem\): types: components-ts\/component-name\/src\/main\.ts:\d+:\d+: TS\d+/);
    expect(publish.stdout).not.toMatch(/Published|valid/);
    expect(refsOf(bare)).toBe(before);
  });

  test('without TypeScript and jco to be found, the type-check is reported skipped with how to enable it, never valid', () => {
    const elsewhere = tempDir();
    cpSync(join(dirs.base, 'my-counter'), join(elsewhere, 'my-counter'), { recursive: true });
    const validate = cli(['templates', 'validate', 'my-counter'], elsewhere);
    expect(validate.code).toBe(0);
    expect(validate.stdout).toMatch(/^skip {2}types +type-check skipped: .*npm install --save-dev typescript @bytecodealliance\/jco/m);
    expect(validate.stdout).not.toMatch(/is valid/);
    expect(validate.stdout).toMatch(/not fully checked \(skipped: types\)/);
  });

  test('publish 1.0.0; again is refused (exit 1, registry unchanged); 1.1.0', () => {
    const first = cli(['templates', 'publish', 'my-counter', '--registry', bare, '--version', '1.0.0']);
    expect(first.stderr).toBe('');
    expect(first).toMatchObject({ code: 0 });
    expect(first.stdout).toMatch(/Published ts\/my-counter@1\.0\.0 at templates\/ts\/my-counter\/1\.0\.0/);
    expect(first.stdout.match(/Published/g)).toHaveLength(1);
    expect(first.stdout).toMatch(/^✔ Validated .*my-counter$/m);
    const before = refsOf(bare);
    const again = cli(['templates', 'publish', 'my-counter', '--registry', bare, '--version', '1.0.0']);
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/^error: ts\/my-counter@1\.0\.0 is already published in .*\.\n {2}Publish a new --version, or pass --force/m);
    errorOf(again.stderr);
    expect(refsOf(bare)).toBe(before);
    appendFileSync(join(dirs.base, 'my-counter/components-ts/component-name/src/main.ts'), '\n// new in 1.1.0\n');
    expect(cli(['templates', 'publish', 'my-counter', '--registry', bare, '--version', '1.1.0']).code).toBe(0);
    expect(registryFiles(bare).json!.templates.map((t) => t.version)).toEqual(['1.0.0', '1.1.0']);
  });

  test('registry add, list (text and JSON); the config file is under XDG_CONFIG_HOME', () => {
    const add = cli(['registry', 'add', 'acme', bare]);
    expect(add.stderr).toBe('');
    expect(add.stdout).toMatch(/Added registry acme .*: 1 template\(s\)/);
    expect(JSON.parse(readFileSync(join(dirs.env.XDG_CONFIG_HOME, 'create-golem-app/config.json'), 'utf8'))).toEqual({ registries: { acme: bare } });
    expect(cli(['registry', 'list']).stdout).toBe(`acme  ${bare}\n`);
    expect(JSON.parse(cli(['registry', 'list', '--json']).stdout)).toEqual([{ name: 'acme', source: bare }]);
  });

  test('publish --registry <name of an added registry>', () => {
    const byName = cli(['templates', 'publish', 'my-counter', '--registry', 'acme', '--version', '0.9.0']);
    expect(byName.stderr).toBe('');
    expect(byName.code).toBe(0);
    expect(registryFiles(bare).json!.templates.map((t) => t.version)).toEqual(['0.9.0', '1.0.0', '1.1.0']);
  });

  test('templates list shows the registry template as acme/ts/my-counter, latest version', () => {
    const list = cli(['templates', 'list']);
    expect(list.code).toBe(0);
    expect(list.stdout).toMatch(/acme\/ts\/my-counter\b.*1\.1\.0/);
    expect(list.stdout).not.toMatch(/1\.0\.0/);
    expect(list.stdout).toMatch(/ts\/default\b/);
  });

  test('create an app from acme/ts/my-counter: the component passes the checks of a bundled one', async () => {
    const apps = tempDir('cga-pub-cliapp-');
    const create = runCli(['shop', '--yes', '--no-git', '--template', 'acme/ts/my-counter', '--component', 'shop:cart'], { cwd: apps, env: dirs.env });
    expect(create.stderr).toBe('');
    expect(create.code).toBe(0);
    const app = join(apps, 'shop');
    const main = readFileSync(join(app, 'components-ts/shop-cart/src/main.ts'), 'utf8');
    expect(main).toMatch(/shopCartApi/);
    expect(main).toMatch(/new in 1\.1\.0/); // the latest version
    await expectBundledChecks(app, 'components-ts/shop-cart');
  });

  test('--registry adds a registry for one command only (name=source)', () => {
    const apps = tempDir('cga-pub-cliapp-');
    const once = runCli(['one', '--yes', '--no-git', '--registry', `once=${bare}`, '--template', 'once/ts/my-counter@1.0.0', '--component', 'one:counter'], {
      cwd: apps,
      env: dirs.env,
    });
    expect(once.stderr).toBe('');
    expect(once.code).toBe(0);
    expect(readFileSync(join(apps, 'one/components-ts/one-counter/src/main.ts'), 'utf8')).not.toMatch(/new in 1\.1\.0/); // @1.0.0
    expect(cli(['registry', 'list', '--json']).stdout).not.toMatch(/once/);
    const unknown = runCli(['two', '--yes', '--no-git', '--template', 'once/ts/my-counter', '--component', 'two:counter'], { cwd: apps, env: dirs.env });
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toMatch(/unknown registry 'once'/);
  });

  test('a component from acme/ts/my-counter (add component) passes the bundled checks', async () => {
    const apps = tempDir('cga-pub-cliapp-');
    expect(runCli(['my-app', '--yes', '--no-git'], { cwd: apps, env: dirs.env }).code).toBe(0);
    const app = join(apps, 'my-app');
    const add = cli(['add', 'component', 'acme/ts/my-counter@1.0.0', 'shop:cart'], app);
    expect(add.stderr).toBe('');
    expect(add.code).toBe(0);
    expect(existsSync(join(app, 'components-ts/shop-cart/src/main.ts'))).toBe(true);
    await expectBundledChecks(app, 'components-ts/shop-cart');
  });

  test('registry remove; then ids of that registry are unknown', () => {
    expect(cli(['registry', 'remove', 'acme']).stdout).toMatch(/Removed registry acme/);
    expect(cli(['registry', 'list']).stdout).toMatch(/No registries added/);
    const gone = cli(['registry', 'remove', 'acme']);
    expect(gone.code).toBe(1);
    expect(gone.stderr).toMatch(/no registry named 'acme'/);
  });

  test('mistakes: a language as registry name, publish without --registry, a broken template', () => {
    const ts = cli(['registry', 'add', 'ts', bare]);
    expect(ts.code).toBe(1);
    expect(ts.stderr).toMatch(/invalid registry name 'ts': it is a language name/);
    const noRegistry = cli(['templates', 'publish', 'my-counter']);
    expect(noRegistry.code).toBe(2);
    expect(noRegistry.stderr).toMatch(/missing --registry/);
    const broken = join(dirs.base, 'broken');
    expect(cli(['templates', 'init', broken]).code).toBe(0);
    writeFileSync(join(broken, 'components-ts/component-name/src/extra.ts'), 'export const x = "{{ name }}";\n');
    const validate = cli(['templates', 'validate', broken]);
    expect(validate.code).toBe(1);
    expect(validate.stdout).toMatch(/^FAIL {2}placeholders +components-ts\/component-name\/src\/extra\.ts:1:19: unrendered placeholder \{\{ name \}\}$/m);
    // the report on stdout, and the run ends in one error line (no bare warning)
    expect(errorOf(validate.stderr).line).toMatch(/failed validation \(1 problem\): placeholders: components-ts\/component-name\/src\/extra\.ts:1:19: unrendered placeholder/);
    const missing = cli(['templates', 'validate', join(dirs.base, 'no-such-template')]);
    expect(missing.code).toBe(1);
    expect(errorOf(missing.stderr).line).toMatch(/no-such-template failed validation \(1 problem\): metadata: .*does not exist\.$/);
    const before = refsOf(bare);
    const publish = cli(['templates', 'publish', broken, '--registry', bare, '--version', '2.0.0']);
    expect(publish.code).toBe(1);
    expect(publish.stderr).toMatch(/failed validation \(1 problem\): placeholders: .*extra\.ts:1:19/);
    expect(refsOf(bare)).toBe(before);
  });
});
