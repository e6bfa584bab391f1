/**
 * `--json` everywhere, through the built CLI: stdout is exactly one JSON document that matches its
 * schema in schemas/ (create, add component, add dependency, generate, the listings, templates
 * validate; graph, list and the remove commands have their own tests), progress goes to stderr,
 * nothing is asked; and every failure in JSON mode is the error shape, with its exit code.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, runCli, tempDir } from '../helpers/cli.js';
import { expectJson, SCHEMA_FILES, schemaProblems } from '../helpers/json-schemas.js';
import { userDirs } from '../publish/helpers.js';

interface JsonError {
  error: { code: string; message: string; hint: string | null; file: string | null; line: number | null; column: number | null };
}

describe('--json results', () => {
  const dirs = userDirs();
  const cli = (args: string[], cwd = dirs.base) => runCli(args, { cwd, env: dirs.env });

  it('create: the dry run and the real run (progress on stderr, stdout pure JSON)', () => {
    const dry = cli(['shop', '--json', '--dry-run', '--no-git', '--component', 'shop:stock', '--component', 'shop:cart', '-t', 'ts', '-t', 'ts/caller', '--target', 'shop:stock']);
    expect(dry.code).toBe(0);
    const planned = expectJson<{ dryRun: boolean; files: { path: string; action: string }[] }>('create', dry.stdout);
    expect(planned.dryRun).toBe(true);
    expect(planned.files).toContainEqual({ path: 'golem.yaml', action: 'create' });

    const r = cli(['shop', '--json', '--no-git', '--component', 'shop:stock', '--component', 'shop:cart', '-t', 'ts', '-t', 'ts/caller', '--target', 'shop:stock']);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('Created shop:stock, shop:cart');
    const created = expectJson<Record<string, unknown>>('create', r.stdout);
    expect(created).toMatchObject({
      app: join(dirs.base, 'shop'),
      dryRun: false,
      components: [
        { name: 'shop:stock', template: 'ts/default', language: 'ts', folder: 'components-ts/shop-stock' },
        { name: 'shop:cart', template: 'ts/caller', language: 'ts', folder: 'components-ts/shop-cart' },
      ],
      dependencies: [{ caller: 'shop:cart', target: 'shop:stock', type: 'wasm-rpc' }],
      git: 'skipped',
      installed: false,
    });
  });

  it('add component, add dependency, generate', () => {
    const app = join(dirs.base, 'shop');
    const added = cli(['add', 'component', 'rust', 'shop:billing', '--called-by', 'shop:cart', '--json'], app);
    expect(added.code).toBe(0);
    const component = expectJson<{ component: unknown; dependencies: unknown[]; generated: { added: string[] } }>('add-component', added.stdout);
    expect(component.component).toEqual({ name: 'shop:billing', template: 'rust/default', language: 'rust', folder: 'components-rust/shop-billing' });
    expect(component.dependencies).toEqual([{ caller: 'shop:cart', target: 'shop:billing', type: 'wasm-rpc', manifest: 'components-ts/shop-cart/golem.yaml' }]);
    expect(component.generated.added).toContain('components-ts/shop-cart/wit-generated/deps/shop_billing-client/client.wit');

    const dep = expectJson<{ dependencies: { status: string; lines: unknown[] }[]; generated: unknown }>(
      'add-dependency',
      cli(['add', 'dependency', 'shop:billing', 'shop:stock', '--json'], app).stdout,
    );
    expect(dep.dependencies[0]).toMatchObject({
      caller: 'shop:billing',
      target: 'shop:stock',
      type: 'wasm-rpc',
      manifest: 'components-rust/shop-billing/golem.yaml',
      status: 'added',
    });
    expect(dep.dependencies[0]!.lines).toContainEqual({ line: expect.any(Number), text: '  - target: shop:stock' });
    const again = expectJson<{ dependencies: { status: string }[]; generated: unknown }>(
      'add-dependency',
      cli(['add', 'dependency', 'shop:billing', 'shop:stock', '--json'], app).stdout,
    );
    expect(again).toMatchObject({ dependencies: [{ status: 'unchanged', lines: [] }], generated: null });

    const gen = expectJson<{ dryRun: boolean; added: string[]; changed: string[]; unchanged: string[] }>('generate', cli(['generate', '--json'], app).stdout);
    expect(gen).toMatchObject({ app, dryRun: false, added: [], changed: [] });
    expect(gen.unchanged.length).toBeGreaterThan(0);
    expect(expectJson<{ dryRun: boolean }>('generate', cli(['generate', '--json', '--dry-run'], app).stdout).dryRun).toBe(true);
  });

  it('templates list, registry list, templates validate', () => {
    const templates = expectJson<{ id: string }[]>('templates-list', cli(['templates', 'list', '--json']).stdout);
    expect(templates.map((t) => t.id)).toContain('ts/caller');
    expect(expectJson('registry-list', cli(['registry', 'list', '--json']).stdout)).toEqual([]);
    expect(cli(['templates', 'init', 'my-counter']).code).toBe(0);
    const validated = cli(['templates', 'validate', 'my-counter', '--json']);
    expect(expectJson<{ checks: unknown[] }>('templates-validate', validated.stdout).checks.length).toBeGreaterThan(5);
  });
});

describe('--json errors', () => {
  const cases: { args: string[]; code: number; error: string; located?: boolean }[] = [
    { args: ['generat', '--json'], code: 2, error: 'E_USAGE' },
    { args: ['list', '--nope', '--json'], code: 2, error: 'E_USAGE' },
    { args: ['add', 'dependency', '--json'], code: 2, error: 'E_USAGE' },
    { args: ['generate', '--json', '--app', '..'], code: 1, error: 'E_APP' },
    { args: ['templates', 'list', '--language', 'cobol', '--json'], code: 0, error: '' },
    { args: ['list', '--json'], code: 1, error: 'E_MANIFEST', located: true },
  ];

  it('every failure is {"error": {…}} on stdout, nothing on stderr, with its exit code', () => {
    const root = tempDir('cga-json-err-');
    writeFileSync(join(root, 'golem.yaml'), 'components:\n  a:b:\n    templat: ts\n');
    for (const c of cases) {
      const r = runCli(c.args, { cwd: root });
      expect(r.code, c.args.join(' ')).toBe(c.code);
      if (c.code === 0) continue;
      expect(r.stderr, c.args.join(' ')).toBe('');
      const { error } = expectJson<JsonError>('error', r.stdout);
      expect(error.code).toBe(c.error);
      expect(error.message).toMatch(/[.?!]$/);
      if (c.located) expect(error).toMatchObject({ file: join(root, 'golem.yaml'), line: 3, column: 5 });
      else expect(error).toMatchObject({ file: null, line: null, column: null });
    }
    // A usage error carries the command's usage as its hint, as on the terminal.
    const usage = expectJson<JsonError>('error', runCli(['add', 'dependency', '--json'], { cwd: root }).stdout);
    expect(usage.error.hint).toMatch(/^Usage: create-golem-app add dependency/);
    // After `--`, --json is a word, not the mode.
    expect(runCli(['list', '--', '--json'], { cwd: root }).stderr).toMatch(/^error: /);
  });

  it('the error schema rejects what is not the shape', () => {
    expect(schemaProblems('error', { error: { code: 'E_APP', message: 'x.', hint: null, file: null, line: null } })).not.toEqual([]);
    expect(schemaProblems('error', { error: { code: 'E_APP', message: 'x.', hint: null, file: null, line: 0, column: 1 } })).not.toEqual([]);
    expect(schemaProblems('error', { error: { code: 'E_APP', message: 'x.', hint: null, file: '/a', line: 1, column: 1 } })).toEqual([]);
  });
});

describe('schemas/', () => {
  it('every schema is draft-07 with its $id, and the package ships the folder', () => {
    for (const file of SCHEMA_FILES) {
      const schema = JSON.parse(readFileSync(join(ROOT, 'schemas', file), 'utf8')) as Record<string, unknown>;
      expect(schema.$schema).toBe('http://json-schema.org/draft-07/schema#');
      expect(schema.$id).toBe(`https://unpkg.com/create-golem-app/schemas/${file}`);
    }
    expect((JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { files: string[] }).files).toContain('schemas');
  });
});
