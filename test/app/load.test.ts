import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findAppRoot, loadApp, renderTemplateValue } from '../../src/app/index.js';
import { CASE_FILTERS } from '../../src/text/case.js';
import { UserError } from '../../src/errors.js';
import { tempDir } from '../helpers/cli.js';
import { COMMON_TS_YAML, HEADER, makeTsApp, writeFiles } from './app-fixture.js';

describe('findAppRoot', () => {
  it('walks up from a folder inside the app to the golem.yaml with includes', () => {
    const root = makeTsApp();
    expect(findAppRoot(join(root, 'components-ts', 'example-caller', 'wit'))).toBe(root);
    expect(findAppRoot(join(root, 'components-ts', 'example-caller'))).toBe(root);
  });

  it('takes the topmost golem.yaml when none declares includes', () => {
    const root = writeFiles(tempDir(), { 'golem.yaml': 'components:\n  a:b: {}\n', 'sub/golem.yaml': 'components:\n  c:d: {}\n' });
    expect(findAppRoot(join(root, 'sub'))).toBe(root);
  });

  it('uses --app as given and rejects a folder without golem.yaml', () => {
    const root = makeTsApp();
    expect(findAppRoot('/', root)).toBe(root);
    const empty = tempDir();
    expect(() => findAppRoot('/', empty)).toThrow(/has no golem.yaml/);
  });

  it('is a UserError outside any app', () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'x'));
    const err = (() => {
      try {
        findAppRoot(join(dir, 'x'));
      } catch (e) {
        return e;
      }
    })();
    // A golem.yaml above the temp dir would make this test meaningless; tmp has none.
    expect(err).toBeInstanceOf(UserError);
    expect((err as UserError).message).toMatch(/no golem.yaml in .* or any folder above it/);
  });
});

describe('loadApp', () => {
  it('loads the root and every included document, with template values applied', () => {
    const root = makeTsApp();
    const app = loadApp(join(root, 'components-ts'));
    expect(app.root).toBe(root);
    expect(app.manifests).toEqual([
      join(root, 'golem.yaml'),
      join(root, 'common-ts/golem.yaml'),
      join(root, 'components-ts/example-caller/golem.yaml'),
      join(root, 'components-ts/example-provider/golem.yaml'),
    ]);
    expect(app.tempDir).toBe(join(root, 'golem-temp'));
    expect(app.witDeps).toEqual([join(root, 'wit/deps')]);
    expect(app.customCommands).toEqual({
      'ts-npm-install': [{ command: 'npm install', dir: join(root, 'common-ts'), rmdirs: [], mkdirs: [], sources: [], targets: [] }],
    });
    expect(app.clean).toEqual([]);
    expect([...app.components.keys()].sort()).toEqual(['example:caller', 'example:provider']);
    const provider = app.components.get('example:provider')!;
    const dir = join(root, 'components-ts/example-provider');
    expect(provider).toMatchObject({
      name: 'example:provider',
      dir,
      manifestPath: join(dir, 'golem.yaml'),
      template: 'ts',
      componentType: 'durable',
      sourceWit: join(dir, 'wit'),
      generatedWit: join(dir, 'wit-generated'),
      componentWasm: join(dir, 'dist/example_provider.wasm'),
      linkedWasm: join(root, 'golem-temp/components/example_provider.wasm'),
      clean: ['dist'],
      location: { file: join(dir, 'golem.yaml'), line: 10, column: 3 },
      raw: { template: 'ts' },
    });
    expect(provider.build.map((s) => s.command)).toEqual(['npx rollup -c', 'npx jco componentize -w wit-generated -o dist/example_provider.wasm dist/main.js']);
    expect(provider.build[1]).toMatchObject({ dir, sources: ['dist/main.js'], targets: ['dist/example_provider.wasm'] });
    // The template itself keeps its raw minijinja values.
    const ts = app.templates.get('ts')!;
    expect(ts.location).toEqual({ file: join(root, 'common-ts/golem.yaml'), line: 10, column: 3 });
    expect(ts.raw.componentWasm).toBe('dist/{{ component_name | to_snake_case }}.wasm');
  });

  it("follows Golem's default include **/golem.yaml when the root has no includes, skipping node_modules", () => {
    const root = writeFiles(tempDir(), {
      'golem.yaml': 'tempDir: build-tmp\n',
      'a/golem.yaml': 'components:\n  x:a:\n    componentType: ephemeral\n',
      'a/b/golem.yaml': 'components:\n  x:b: {}\n',
      'node_modules/pkg/golem.yaml': 'components:\n  x:pkg: {}\n',
    });
    const app = loadApp(root);
    expect([...app.components.keys()].sort()).toEqual(['x:a', 'x:b']);
    expect(app.tempDir).toBe(join(root, 'build-tmp'));
    expect(app.components.get('x:a')).toMatchObject({ componentType: 'ephemeral', sourceWit: join(root, 'a/wit'), build: [], profiles: {} });
  });

  it('records dependencies in manifest order with their file and line', () => {
    const root = makeTsApp(['example:provider', 'example:caller']);
    writeFiles(root, {
      'golem.yaml': `includes:\n- common-*/golem.yaml\n- components-*/*/golem.yaml\ndependencies:\n  example:caller:\n  - target: example:provider\n    type: wasm-rpc\n  - type: wasm\n    url: https://example.com/x.wasm\n`,
      'components-ts/example-provider/golem.yaml':
        'components:\n  example:provider:\n    template: ts\ndependencies:\n  example:provider:\n  - type: static-wasm-rpc\n    target: example:provider\n',
    });
    const app = loadApp(root);
    expect(app.dependencies).toEqual([
      {
        source: 'example:caller',
        type: 'wasm-rpc',
        target: 'example:provider',
        manifestPath: join(root, 'golem.yaml'),
        location: { file: join(root, 'golem.yaml'), line: 6, column: 5 },
      },
      {
        source: 'example:caller',
        type: 'wasm',
        url: 'https://example.com/x.wasm',
        manifestPath: join(root, 'golem.yaml'),
        location: { file: join(root, 'golem.yaml'), line: 8, column: 5 },
      },
      {
        source: 'example:provider',
        type: 'static-wasm-rpc',
        target: 'example:provider',
        manifestPath: join(root, 'components-ts/example-provider/golem.yaml'),
        location: { file: join(root, 'components-ts/example-provider/golem.yaml'), line: 6, column: 5 },
      },
    ]);
  });

  it('applies a template with build profiles: common properties merged into each, default from the template or the component', () => {
    const root = writeFiles(tempDir(), {
      'golem.yaml': 'includes:\n- common-*/golem.yaml\n- components-*/*/golem.yaml\n',
      'common-rust/golem.yaml': `${HEADER}
templates:
  rust:
    componentType: ephemeral
    profiles:
      debug:
        build:
        - command: cargo component build
        componentWasm: ../../target/wasm32-wasip1/debug/{{ component_name | to_snake_case }}.wasm
      release:
        build:
        - command: cargo component build --release
        componentWasm: ../../target/wasm32-wasip1/release/{{ componentName | to_snake_case }}.wasm
        linkedWasm: ../../golem-temp/components/{{ component_name | to_kebab_case }}_release.wasm
    defaultProfile: debug
`,
      'components-rust/a/golem.yaml': 'components:\n  my-ns:shopping-cart:\n    template: rust\n',
      'components-rust/b/golem.yaml':
        'components:\n  my-ns:other:\n    template: rust\n    defaultProfile: release\n    componentType: durable\n    profiles:\n      release:\n        clean:\n        - out\n',
    });
    const app = loadApp(root);
    const a = app.components.get('my-ns:shopping-cart')!;
    expect(a.defaultProfile).toBe('debug');
    expect(Object.keys(a.profiles).sort()).toEqual(['debug', 'release']);
    expect(a.componentType).toBe('ephemeral');
    expect(a.componentWasm).toBe(join(root, 'target/wasm32-wasip1/debug/my_ns_shopping_cart.wasm'));
    expect(a.profiles.release!.componentWasm).toBe(join(root, 'target/wasm32-wasip1/release/my_ns_shopping_cart.wasm'));
    expect(a.profiles.release!.linkedWasm).toBe(join(root, 'golem-temp/components/my-ns-shopping-cart_release.wasm'));
    expect(a.profiles.release!.build[0]!.command).toBe('cargo component build --release');
    const b = app.components.get('my-ns:other')!;
    expect(b.defaultProfile).toBe('release');
    expect(b.componentType).toBe('durable');
    expect(b.clean).toEqual(['out']);
    expect(b.profiles.debug!.clean).toEqual([]);
  });

  it('lets a component override template properties and keeps the template default elsewhere', () => {
    const root = makeTsApp(['example:provider']);
    writeFiles(root, { 'components-ts/example-provider/golem.yaml': 'components:\n  example:provider:\n    template: ts\n    sourceWit: src-wit\n    componentType: library\n' });
    const p = loadApp(root).components.get('example:provider')!;
    expect(p.sourceWit).toBe(join(root, 'components-ts/example-provider/src-wit'));
    expect(p.generatedWit).toBe(join(root, 'components-ts/example-provider/wit-generated'));
    expect(p.componentType).toBe('library');
  });

  it('loads edited text given as overrides instead of the file bytes', () => {
    const root = makeTsApp(['example:provider']);
    const file = join(root, 'components-ts/example-provider/golem.yaml');
    const app = loadApp(root, { explicitRoot: true, overrides: new Map([[file, 'components:\n  example:other:\n    template: ts\n']]) });
    expect([...app.components.keys()]).toEqual(['example:other']);
  });
});

describe('template values', () => {
  it("renders Golem's case filters with heck word rules", () => {
    expect(renderTemplateValue('dist/{{ component_name | to_snake_case }}.wasm', 'my-ns:shopping-cart')).toBe('dist/my_ns_shopping_cart.wasm');
    expect(renderTemplateValue('{{componentName}}', 'a:b')).toBe('a:b');
    const name = 'my-ns:HTTPServer2x';
    expect(Object.fromEntries(Object.entries(CASE_FILTERS).map(([k, f]) => [k, f(name)]))).toEqual({
      to_snake_case: 'my_ns_http_server2x',
      to_kebab_case: 'my-ns-http-server2x',
      to_lower_camel_case: 'myNsHttpServer2x',
      to_upper_camel_case: 'MyNsHttpServer2x',
      to_pascal_case: 'MyNsHttpServer2x',
      to_shouty_snake_case: 'MY_NS_HTTP_SERVER2X',
      to_shouty_kebab_case: 'MY-NS-HTTP-SERVER2X',
      to_title_case: 'My Ns Http Server2x',
      to_train_case: 'My-Ns-Http-Server2x',
    });
  });

  it("reports an unknown filter with the template's file and line", () => {
    const root = makeTsApp(['example:provider']);
    writeFiles(root, {
      'common-ts/golem.yaml': COMMON_TS_YAML.replace('componentWasm: dist/{{ component_name | to_snake_case }}', 'componentWasm: dist/{{ component_name | to_snakecase }}'),
    });
    expect(() => loadApp(root)).toThrow(/unknown filter 'to_snakecase'/);
    try {
      loadApp(root);
    } catch (e) {
      expect((e as UserError).location).toEqual({ file: join(root, 'common-ts/golem.yaml'), line: 24, column: 20 });
    }
  });
});
