import { afterAll, describe, expect, it } from 'vitest';
import { readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { generate, jcoAsyncExportArgs, reportGeneration } from '../../src/rpc/index.js';
import { UserError } from '../../src/errors.js';
import { printWorld, stopOracle } from '../helpers/wit-oracle.js';
import { snapshotTree } from '../helpers/cli.js';
import { FIXTURES, fixtureApp, recorder, removeFixtureApps } from './app-fixture.js';
import { expectAllValid, mtimes } from './check.js';

afterAll(() => {
  stopOracle();
  removeFixtureApps();
});

const read = (...p: string[]) => readFileSync(join(...p), 'utf8');
const clientOf = (app: { tempDir: string }, safe: string) => read(app.tempDir, 'client', safe, 'wit', 'client.wit');

describe('generate: provider and caller', () => {
  it('extracts exports, writes the golden client and wires it into the caller keeping comments', async () => {
    const app = fixtureApp(
      [
        { name: 'example:provider', fixture: 'provider' },
        { name: 'example:caller', fixture: 'caller' },
      ],
      [['example:caller', 'example:provider']],
    );
    const report = recorder();
    const summary = await generate(app, {}, report);
    expect(summary.changed).toEqual([]);
    expect(summary.added).toContain('golem-temp/client/example_provider/wit/client.wit');
    expect(report.lines).toContain('added golem-temp/client/example_provider/wit/deps/io/ (4 files)');
    expect(report.lines).toContain('added golem-temp/client/example_provider/wit/client.wit');
    expect(report.lines.at(-1)).toBe(`${summary.added.length} files written, 0 unchanged`);

    expect(clientOf(app, 'example_provider')).toBe(read(FIXTURES, 'golden', 'example-provider-client.wit'));

    const provider = app.components.get('example:provider')!;
    expect(read(provider.generatedWit, 'main.wit')).toBe(
      'package example:provider;\n\n// See https://component-model.bytecodealliance.org/design/wit.html for more details about the WIT syntax\n\nworld example-provider {\n  export example:provider-exports/example-provider-api;\n}\n',
    );
    expect(read(provider.generatedWit, 'deps/example_provider-exports/exports.wit')).toBe(
      'package example:provider-exports;\n\ninterface example-provider-api {\n  add: func(value: u64);\n  get: func() -> u64;\n}\n',
    );

    const caller = app.components.get('example:caller')!;
    expect(read(caller.generatedWit, 'main.wit')).toBe(
      [
        'package example:caller;',
        '',
        '// A caller: its comments must survive caller wiring.',
        '',
        'world example-caller {',
        '  // keep me',
        '  export example:caller-exports/example-caller-api;',
        '',
        '  // and me, at the end',
        '  import example:provider-client/example-provider-client;',
        '}',
        '',
      ].join('\n'),
    );
    expect(read(caller.generatedWit, 'deps/example_caller-exports/exports.wit')).toContain("/// The caller's API.\ninterface example-caller-api {\n  /// Calls the provider.\n");
    expect(read(caller.generatedWit, 'deps/example_provider-client/client.wit')).toBe(clientOf(app, 'example_provider'));
    for (const dep of ['io', 'clocks', 'golem-rpc']) expect(existsSync(join(caller.generatedWit, 'deps', dep))).toBe(true);
    // the provider's client uses no types, so (as in Golem) its exports package is not a client dep
    expect(existsSync(join(caller.generatedWit, 'deps', 'example_provider-exports'))).toBe(false);

    await expectAllValid(app);
    const world = await printWorld({ dir: caller.generatedWit }, 'example-caller');
    expect(world).toContain('import example:provider-client/example-provider-client;');
    expect(world).toContain('export example:caller-exports/example-caller-api;');
  });

  it('rewrites nothing on a second run, regenerates what a changed target affects, removes stale clients', async () => {
    const app = fixtureApp(
      [
        { name: 'example:provider', fixture: 'provider' },
        { name: 'example:caller', fixture: 'caller' },
      ],
      [['example:caller', 'example:provider']],
    );
    await generate(app, {}, recorder());
    const before = mtimes(app.root);
    const snapshot = snapshotTree(app.root);
    const again = await generate(app, {}, recorder());
    expect([again.added, again.changed, again.removed]).toEqual([[], [], []]);
    expect(mtimes(app.root)).toEqual(before);
    expect(snapshotTree(app.root)).toEqual(snapshot);

    const provider = app.components.get('example:provider')!;
    const src = join(provider.sourceWit, 'main.wit');
    writeFileSync(src, read(src).replace('get: func() -> u64;', 'get: func() -> u64;\n  reset: func() -> bool;'));
    const changed = await generate(app, {}, recorder());
    expect(changed.added).toEqual([]);
    expect(changed.changed).toEqual([
      'components/example-caller/wit-generated/deps/example_provider-client/client.wit',
      'components/example-provider/wit-generated/deps/example_provider-exports/exports.wit',
      'golem-temp/client/example_provider/wit/client.wit',
      'golem-temp/generated-base-wit/example_provider/deps/example_provider-exports/exports.wit',
    ]);
    expect(clientOf(app, 'example_provider')).toContain('resource future-reset-result');

    app.dependencies = [];
    const removed = await generate(app, {}, recorder());
    expect(removed.removed).toContain('components/example-caller/wit-generated/deps/example_provider-client/client.wit');
    expect(removed.removed).toContain('golem-temp/client/example_provider/wit/client.wit');
    expect(existsSync(join(app.tempDir, 'client', 'example_provider'))).toBe(false);
    expect(read(app.components.get('example:caller')!.generatedWit, 'main.wit')).not.toContain('import example:provider-client');
    await expectAllValid(app);
  });

  it('gives an ephemeral target constructor() and custom(component-id)', async () => {
    const app = fixtureApp(
      [
        { name: 'example:provider', fixture: 'provider', type: 'ephemeral' },
        { name: 'example:caller', fixture: 'caller' },
      ],
      [['example:caller', 'example:provider']],
    );
    await generate(app, {}, recorder());
    const client = clientOf(app, 'example_provider');
    expect(client).toContain('    constructor();\n    custom: static func(component-id: golem-rpc-component-id) -> example-provider-api;\n');
    await expectAllValid(app);
  });

  it('handles a self-dependency and a caller with two targets, one versioned', async () => {
    const app = fixtureApp(
      [
        { name: 'example:provider', fixture: 'provider' },
        { name: 'example:caller', fixture: 'caller' },
        { name: 'test:versioned', fixture: 'versioned' },
      ],
      [
        ['example:caller', 'example:provider'],
        ['example:caller', 'test:versioned'],
        ['example:caller', 'example:caller'],
      ],
    );
    await generate(app, {}, recorder());
    const client = clientOf(app, 'test_versioned');
    expect(client.startsWith('package test:versioned-client@1.2.0;\n')).toBe(true);
    expect(client).toContain('  use test:versioned-exports/api@1.2.0.{ item };\n');
    const caller = app.components.get('example:caller')!;
    const main = read(caller.generatedWit, 'main.wit');
    expect(main).toContain(
      '  import example:provider-client/example-provider-client;\n  import test:versioned-client/versioned-client@1.2.0;\n  import example:caller-client/example-caller-client;\n}',
    );
    await expectAllValid(app);
    const world = await printWorld({ dir: caller.generatedWit }, 'example-caller');
    for (const imp of ['example:provider-client/example-provider-client', 'test:versioned-client/versioned-client@1.2.0', 'example:caller-client/example-caller-client']) {
      expect(world).toContain(`import ${imp};`);
    }
  });
});

describe('generate: target shapes', () => {
  const single = async (fixture: string, name: string) => {
    const app = fixtureApp(
      [
        { name, fixture },
        { name: 'example:caller', fixture: 'caller' },
      ],
      [['example:caller', name]],
    );
    await generate(app, {}, recorder());
    await expectAllValid(app);
    return { app, client: clientOf(app, name.replace(':', '_')) };
  };

  it('exported resources: constructor params appended, static functions first', async () => {
    const { client } = await single('resources', 'test:resources');
    expect(client).toContain('  use test:resources-exports/counters.{ snapshot };\n');
    expect(client).toContain(
      [
        '  resource counter {',
        '    constructor(worker-name: string, name: string, start: u64);',
        '    custom: static func(worker-id: golem-rpc-worker-id, name: string, start: u64) -> counter;',
        '    blocking-merge: static func(a: borrow<counter>, b: borrow<counter>) -> counter;',
        '    merge: static func(a: borrow<counter>, b: borrow<counter>) -> future-counter-merge-result;',
        '    schedule-merge: static func(a: borrow<counter>, b: borrow<counter>, scheduled-for: wasi-clocks-datetime) -> golem-rpc-cancellation-token;',
      ].join('\n'),
    );
    expect(client).toContain('    blocking-inc: func();\n    inc: func();\n');
    expect(client).toContain('  resource future-counter-get-result {\n    subscribe: func() -> wasi-io-pollable;\n    get: func() -> option<u64>;\n  }');
    expect(client).toContain('    blocking-total: func(counters: list<borrow<counter>>) -> u64;');
    expect(client).not.toContain('future-reset-all-result');
    // entity order: the interface, then its resource; all futures before all entities
    expect(client.indexOf('resource counters {')).toBeLessThan(client.indexOf('resource counter {'));
    expect(client.lastIndexOf('resource future-')).toBeLessThan(client.indexOf('resource counters {'));
  });

  it('inline world functions and inline interfaces (with types) move to the exports package', async () => {
    const { app, client } = await single('inline', 'test:inline');
    const base = join(app.tempDir, 'generated-base-wit', 'test_inline');
    const exportsWit = read(base, 'deps/test_inline-exports/exports.wit');
    expect(exportsWit).toContain('interface api-inline-iface {\n  enum mode { fast, slow }\n  run: func(m: mode) -> bool;\n}');
    expect(exportsWit).toContain(
      'interface api-inline-functions {\n  use types.{point};\n  alpha: func(name: string);\n  /// An inline function.\n  zeta: func(p: point) -> point;\n}',
    );
    const main = read(base, 'main.wit');
    expect(main).toContain('use test:inline-exports/types.{point};');
    expect(main).toContain('export test:inline-exports/api-inline-functions;');
    expect(main).toContain('export test:inline-exports/api-inline-iface;');
    // Golem's entity order: sorted named exports, then inline interfaces, then inline functions
    expect(client.indexOf('resource types {')).toBeLessThan(client.indexOf('resource api-inline-iface {'));
    expect(client.indexOf('resource api-inline-iface {')).toBeLessThan(client.indexOf('resource api-inline-functions {'));
    // `point` of `types` and the `point` the inline functions use from it are two used types: aliased
    expect(client).toContain(
      '  use test:inline-exports/api-inline-functions.{ point as test-inline-exports-api-inline-functions-point };\n  use test:inline-exports/api-inline-iface.{ mode };\n  use test:inline-exports/types.{ point as test-inline-exports-types-point };\n',
    );
    expect(client).toContain('    blocking-zeta: func(p: test-inline-exports-api-inline-functions-point) -> test-inline-exports-api-inline-functions-point;');
    expect(client).toContain('    blocking-alpha: func(name: string);\n    alpha: func(name: string);\n');
  });

  it('types of all kinds, from other interfaces and foreign packages, with aliases on clashes', async () => {
    const { app, client } = await single('types', 'test:types');
    expect(client).toContain('  use test:types-exports/palette.{ color as test-types-exports-palette-color, point as test-types-exports-palette-point };\n');
    expect(client).toContain(
      '  use test:types-exports/shapes.{ color as test-types-exports-shapes-color, perms, point as test-types-exports-shapes-point, points, rec1, shape };\n',
    );
    expect(client).toContain('    blocking-transform: func(ps: points, by: test-types-exports-shapes-point) -> result<points, string>;');
    expect(client).toContain('    blocking-describe: func(c: test-types-exports-shapes-color, p: perms) -> result<_, string>;');
    expect(client).toContain('    blocking-check: func() -> result;');
    expect(client).toContain('    blocking-tupled: func() -> tuple<u8, s16, u32, s64, char, bool, f32>;');
    expect(client).toContain('    blocking-type: func(%record: string);\n    %type: func(%record: string);');
    // foreign packages of used types come along, transitively (Golem copies only the first level)
    for (const dep of ['sub', 'sub2', 'test_types-exports', 'io', 'clocks', 'golem-rpc']) {
      expect(existsSync(join(app.tempDir, 'client', 'test_types', 'wit', 'deps', dep))).toBe(true);
    }
  });

  it('multiple interfaces, a types-only interface, functions without results, a non-exported helper', async () => {
    const { app, client } = await single('multi', 'test:multi');
    expect(client).toContain('  resource only-types {\n    constructor(worker-name: string);\n    custom: static func(worker-id: golem-rpc-worker-id) -> only-types;\n  }');
    expect(client).not.toContain('future-ping-result');
    expect(client).toContain('resource future-first-value-result');
    expect(client).toContain('resource future-second-value-result');
    const main = read(app.tempDir, 'generated-base-wit', 'test_multi', 'main.wit');
    expect(main).toContain('/// Stays in the main package: not exported.\ninterface helper {\n  use test:multi-exports/first.{settings};');
    expect(main).toContain('  import helper;\n  export test:multi-exports/only-types;\n');
  });

  it('aliases used types named like generated items (Golem writes duplicates)', async () => {
    const { client } = await single('clash', 'test:clash');
    expect(client).toContain('  use test:clash-exports/api.{ api as test-clash-exports-api-api, future-get-result as test-clash-exports-api-future-get-result };');
    expect(client).toContain('    blocking-get: func() -> test-clash-exports-api-future-get-result;');
  });
});

describe('generate: where Golem 1.2.5 fails', () => {
  const failure = async (fixture: string) => {
    const app = fixtureApp(
      [
        { name: 'test:bad', fixture },
        { name: 'example:caller', fixture: 'caller' },
      ],
      [['example:caller', 'test:bad']],
    );
    const before = snapshotTree(app.root);
    const error = await generate(app, {}, recorder()).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(UserError);
    expect(snapshotTree(app.root)).toEqual(before);
    return { error: error as UserError, app };
  };

  it('a world-level type with exported functions: an error at the type', async () => {
    const { error, app } = await failure('bad-world-type');
    expect(error.message).toContain('world `bad` defines a type');
    expect(error.location).toEqual({ file: join(app.components.get('test:bad')!.sourceWit, 'main.wit'), line: 4, column: 3 });
  });

  it('an exported interface using a non-exported one: an error at the use', async () => {
    const { error } = await failure('bad-uses-private');
    expect(error.message).toContain('exported interface `api` uses `private-types`, which is not exported');
    expect(error.location?.line).toBe(8);
  });

  it('the same future name from two interfaces (golem#1935): an error naming both', async () => {
    const { error } = await failure('bad-futures');
    expect(error.message).toContain('`future-get-result`');
    expect(error.location?.line).toBe(8);
  });

  it('a multi-file main package: an error', async () => {
    const app = fixtureApp([{ name: 'example:provider', fixture: 'provider' }]);
    writeFileSync(join(app.components.get('example:provider')!.sourceWit, 'more.wit'), 'package example:provider;\ninterface more {}\n');
    await expect(generate(app, {}, recorder())).rejects.toThrow(/spread over 2 files/);
  });

  it("a syntax or name error in the source WIT: the toolkit's error at the user's file", async () => {
    const app = fixtureApp([{ name: 'example:provider', fixture: 'provider' }]);
    const src = join(app.components.get('example:provider')!.sourceWit, 'main.wit');
    writeFileSync(src, read(src).replace('get: func() -> u64;', 'get: func() -> u46;'));
    const error = await generate(app, {}, recorder()).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(UserError);
    expect((error as UserError).message).toMatch(/u46/);
    expect((error as UserError).location).toMatchObject({ file: src, line: 7 });
    expect(existsSync(app.tempDir)).toBe(false);
  });

  it('a source WIT importing a generated client itself: an error with what to do instead', async () => {
    const app = fixtureApp(
      [
        { name: 'example:provider', fixture: 'provider' },
        { name: 'example:caller', fixture: 'caller' },
      ],
      [['example:caller', 'example:provider']],
    );
    const src = join(app.components.get('example:caller')!.sourceWit, 'main.wit');
    writeFileSync(src, read(src).replace('  // keep me\n', '  // keep me\n  import example:provider-client/example-provider-client;\n'));
    const error = await generate(app, {}, recorder()).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(UserError);
    expect((error as UserError).message).toContain('names example:provider-client, the generated client of example:provider');
    expect((error as UserError).location).toMatchObject({ file: src, line: 13, column: 10 });
    expect((error as UserError).hint).toContain('add dependency example:caller example:provider');
  });

  it('a missing WIT folder: an error naming it', async () => {
    const app = fixtureApp([{ name: 'example:provider', fixture: 'provider' }]);
    rmSync(app.components.get('example:provider')!.sourceWit, { recursive: true });
    await expect(generate(app, {}, recorder())).rejects.toThrow(/WIT folder of example:provider does not exist/);
  });
});

describe('generate: Rust Cargo.toml and the TypeScript build flags', () => {
  it("points a Rust component's Cargo.toml at wit-generated and lists its packages, keeping the rest", async () => {
    const app = fixtureApp(
      [
        { name: 'example:provider', fixture: 'provider' },
        { name: 'example:caller', fixture: 'caller' },
      ],
      [['example:caller', 'example:provider']],
    );
    const caller = app.components.get('example:caller')!;
    const cargoPath = join(caller.dir, 'Cargo.toml');
    const original = read(FIXTURES, 'rust', 'Cargo.toml');
    writeFileSync(cargoPath, original);
    const summary = await generate(app, {}, recorder());
    expect(summary.changed).toContain('components/example-caller/Cargo.toml');
    const cargo = read(cargoPath);
    expect(cargo.startsWith(original.slice(0, original.indexOf('[package.metadata.component.target]')))).toBe(true);
    expect(cargo).toContain('[package.metadata.component.target]\npath = "wit-generated"\n\n[package.metadata.component.target.dependencies]\n');
    expect(cargo).not.toContain('world =');
    expect(cargo).not.toContain('stale:dep');
    for (const line of [
      '"wasi:io" = { path = "wit-generated/deps/io" }',
      '"wasi:clocks" = { path = "wit-generated/deps/clocks" }',
      '"golem:rpc" = { path = "wit-generated/deps/golem-rpc" }',
      '"example:caller-exports" = { path = "wit-generated/deps/example_caller-exports" }',
      '"example:provider-client" = { path = "wit-generated/deps/example_provider-client" }',
      '[package.metadata.component.bindings.with]',
      '"golem:rpc/types@0.2.0" = "golem_rust::wasm_rpc::golem_rpc_0_2_x::types"',
      '"wasi:io/poll@0.2.0" = "golem_rust::wasm_rpc::wasi::io::poll"',
      '"wasi:clocks/wall-clock@0.2.0" = "golem_rust::wasm_rpc::wasi::clocks::wall_clock"',
    ])
      expect(cargo).toContain(line);
    const again = await generate(app, {}, recorder());
    expect(again.changed).toEqual([]);
  });

  it('JCO_ASYNC_EXPORT_ARGS lists every exported function of wit-generated', async () => {
    const app = fixtureApp([
      { name: 'test:resources', fixture: 'resources' },
      { name: 'example:provider', fixture: 'provider' },
    ]);
    await generate(app, {}, recorder());
    expect(jcoAsyncExportArgs(app.components.get('example:provider')!.generatedWit)).toBe(
      '--async-imports example:provider-exports/example-provider-api#add --async-imports example:provider-exports/example-provider-api#get',
    );
    const args = jcoAsyncExportArgs(app.components.get('test:resources')!.generatedWit).split(' ');
    expect(args.filter((a) => a !== '--async-imports')).toEqual([
      'test:resources-exports/counters#[constructor]counter',
      'test:resources-exports/counters#[method]counter.inc',
      'test:resources-exports/counters#[method]counter.get',
      'test:resources-exports/counters#[method]counter.snapshot',
      'test:resources-exports/counters#[static]counter.merge',
      'test:resources-exports/counters#[static]counter.create',
      'test:resources-exports/counters#total',
      'test:resources-exports/counters#reset-all',
    ]);
  });
});

describe('generate: resources across interfaces and circular dependencies', () => {
  it('a resource used from another exported interface is aliased, not declared twice (Golem writes both)', async () => {
    const app = fixtureApp(
      [
        { name: 'test:useres', fixture: 'use-resource' },
        { name: 'example:caller', fixture: 'caller' },
      ],
      [['example:caller', 'test:useres']],
    );
    await generate(app, {}, recorder());
    const client = clientOf(app, 'test_useres');
    // store comes first: api uses it (wit-parser's elaboration order)
    expect(client.indexOf('resource store {')).toBeLessThan(client.indexOf('resource api {'));
    expect(client).toContain('  use test:useres-exports/api.{ item as test-useres-exports-api-item };');
    expect(client).toContain('    blocking-take: func(i: test-useres-exports-api-item) -> test-useres-exports-api-item;');
    expect(client).toContain('    blocking-peek: func(i: borrow<test-useres-exports-api-item>) -> string;');
    expect(client).toContain('  resource item {\n    constructor(worker-name: string, name: string);');
    expect(client).toContain('    blocking-shelf: func() -> shelf;');
    expect(client).toContain('    blocking-first: func() -> option<item>;');
    await expectAllValid(app);
  });

  it('two components calling each other (direct circular dependency)', async () => {
    const app = fixtureApp(
      [
        { name: 'example:provider', fixture: 'provider' },
        { name: 'example:caller', fixture: 'caller' },
      ],
      [
        ['example:caller', 'example:provider'],
        ['example:provider', 'example:caller'],
      ],
    );
    await generate(app, {}, recorder());
    await expectAllValid(app);
    const provider = app.components.get('example:provider')!;
    expect(await printWorld({ dir: provider.generatedWit }, 'example-provider')).toContain('import example:caller-client/example-caller-client;');
    expect(await printWorld({ dir: app.components.get('example:caller')!.generatedWit }, 'example-caller')).toContain('import example:provider-client/example-provider-client;');
  });

  it('--component limits the work to that caller and the targets it needs', async () => {
    const app = fixtureApp(
      [
        { name: 'example:provider', fixture: 'provider' },
        { name: 'example:caller', fixture: 'caller' },
        { name: 'test:multi', fixture: 'multi' },
      ],
      [['example:caller', 'example:provider']],
    );
    const summary = await generate(app, { components: ['example:caller'] }, recorder());
    expect(summary.added.some((p) => p.startsWith('components/example-caller/wit-generated/'))).toBe(true);
    expect(summary.added.some((p) => p.startsWith('golem-temp/client/example_provider/'))).toBe(true);
    expect(summary.added.some((p) => p.includes('multi') || p.startsWith('components/example-provider/wit-generated/'))).toBe(false);
    await expect(generate(app, { components: ['nope:nope'] }, recorder())).rejects.toThrow(/unknown component nope:nope/);
  });
});

describe("generate: a component whose WIT names another component's exports package", () => {
  it("copies that exports package from the other component's generated base; wiring the client removes the import", async () => {
    const app = fixtureApp([
      { name: 'example:provider', fixture: 'provider' },
      { name: 'test:user', fixture: 'exports-user' },
    ]);
    await generate(app, {}, recorder());
    const user = app.components.get('test:user')!;
    expect(read(user.generatedWit, 'deps/example_provider-exports/exports.wit')).toBe(
      read(app.components.get('example:provider')!.generatedWit, 'deps/example_provider-exports/exports.wit'),
    );
    expect(read(user.generatedWit, 'main.wit')).toContain('  import example:provider-exports/example-provider-api;\n');
    await expectAllValid(app);

    app.dependencies = fixtureApp([], [['test:user', 'example:provider']], app.root).dependencies;
    await generate(app, {}, recorder());
    const main = read(user.generatedWit, 'main.wit');
    expect(main).not.toContain('import example:provider-exports/');
    // the comment attached to the removed import goes with it
    expect(main).toBe('package test:user;\n\nworld user {\n  export test:user-exports/api;\n  import example:provider-client/example-provider-client;\n}\n');
    await expectAllValid(app);
  });
});

describe('reportGeneration', () => {
  it('groups files by the first given folder they are in, else by deps/<package>/', () => {
    const report = recorder();
    const added = [
      'a/src/generated/x.d.ts',
      'a/src/generated/inner/y.d.ts',
      'a/src/generated/inner/z.d.ts',
      'b/wit/deps/io/poll.wit',
      'b/wit/deps/io/streams.wit',
      'b/wit/main.wit',
      'c/gen/one.d.ts',
    ];
    reportGeneration({ added, changed: [], unchanged: [], removed: [] }, report, ['a/src/generated/inner/', 'a/src/generated/', 'a/src/generated/inner/']);
    expect(report.lines).toEqual([
      'added a/src/generated/x.d.ts',
      'added a/src/generated/inner/ (2 files)',
      'added b/wit/deps/io/ (2 files)',
      'added b/wit/main.wit',
      'added c/gen/one.d.ts',
      '7 files written, 0 unchanged',
    ]);
    // A folder given without its trailing `/` still matches by prefix, as before.
    const other = recorder();
    reportGeneration({ added: ['c/gen/one.d.ts', 'c/gen/two.d.ts'], changed: [], unchanged: [], removed: [] }, other, ['c/ge']);
    expect(other.lines).toEqual(['added c/ge (2 files)', '2 files written, 0 unchanged']);
  });
});
