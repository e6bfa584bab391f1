/**
 * golem-cli 1.2.5 `tests/stubgen/add_dep.rs`, carried over: every assertion, one `it` each,
 * named `<golem test>: <golem assertion>`, in the golem test's order. Golem adds a generated
 * client to a caller's WIT dir by hand; here `add dependency <caller> <target>` writes the
 * dependency and generates, and "again" is `generate` re-run (plus `add dependency` repeated).
 * Paths map as app.ts describes: source → generated-base-wit, stub → client, dest → wit-generated.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkWitDir, stopOracle } from '../helpers/wit-oracle.js';
import { FIXTURES, StubgenApp, removeStubgenApps } from './app.js';
import { canonicalPackage, resolveWit, wasmRpcPackages } from './packages.js';

afterAll(() => {
  stopOracle();
  removeStubgenApps();
});

/** `assert_valid_wit_root`: resolves as Golem reads WIT, and current wit-parser accepts it as written. */
async function expectValidWitRoot(dir: string): Promise<void> {
  expect(() => resolveWit(dir)).not.toThrow();
  expect({ dir, ...(await checkWitDir(dir)) }).toEqual({ dir, ok: true });
}

/** `assert_has_same_wit_package`: the package is in both, and the same once resolved and rendered canonically. */
function expectSamePackage(name: string, actual: string, expected: string): void {
  const a = canonicalPackage(resolveWit(actual), name);
  const e = canonicalPackage(resolveWit(expected), name);
  expect(a, `${name} in ${actual}`).toBeDefined();
  expect(e, `${name} in ${expected}`).toBeDefined();
  expect(a).toBe(e);
}

/** `assert_has_wasm_rpc_wit_deps`: wasi:io, wasi:clocks and golem:rpc as Golem ships them. */
function expectWasmRpcWitDeps(dir: string): void {
  const shipped = wasmRpcPackages();
  const resolve = resolveWit(dir);
  for (const id of ['wasi:io@0.2.0', 'wasi:clocks@0.2.0', 'golem:rpc@0.2.0']) {
    const actual = canonicalPackage(resolve, id);
    expect(actual, `${id} in ${dir}`).toBeDefined();
    expect(actual).toBe(canonicalPackage(shipped, id));
  }
}

const hasPackage = (name: string, dir: string) => canonicalPackage(resolveWit(dir), name) !== undefined;

describe('add_dep.rs all_wit_types_no_collision', () => {
  const app = new StubgenApp([
    { name: 'test:main', fixture: 'every-type' },
    { name: 'test:caller', fixture: 'caller' },
  ]);
  const dest = app.generatedWit('test:caller');
  const stub = app.clientWit('test:main');
  beforeAll(() => void app.addDependency('test:caller', 'test:main'));

  it('all_wit_types_no_collision: assert_valid_wit_root(dest)', () => expectValidWitRoot(dest));
  it('all_wit_types_no_collision: assert_has_wasm_rpc_wit_deps(dest)', () => expectWasmRpcWitDeps(dest));
  it('all_wit_types_no_collision: assert_has_same_wit_package(test:main-client, dest, stub)', () => expectSamePackage('test:main-client', dest, stub));
  it('all_wit_types_no_collision: assert_has_same_wit_package(test:main-exports, dest, stub)', () => expectSamePackage('test:main-exports', dest, stub));
});

describe('add_dep.rs all_wit_types_re_add_with_changes', () => {
  const app = new StubgenApp([
    { name: 'test:main', fixture: 'every-type' },
    { name: 'test:caller', fixture: 'caller' },
  ]);
  const dest = app.generatedWit('test:caller');
  const source = app.baseWit('test:main');
  const stub = app.clientWit('test:main');
  // Snapshots of the first round, taken before the target changes.
  const first: Record<string, string | undefined> = {};
  beforeAll(async () => {
    app.addDependency('test:caller', 'test:main');
    for (const [key, dir] of [
      ['source', source],
      ['stub', stub],
      ['dest', dest],
    ] as const) {
      first[`exports@${key}`] = canonicalPackage(resolveWit(dir), 'test:main-exports');
      first[`client@${key}`] = canonicalPackage(resolveWit(dir), 'test:main-client');
    }
    first.valid = JSON.stringify(await checkWitDir(dest));
    first.rpcDeps = String(
      ['wasi:io@0.2.0', 'wasi:clocks@0.2.0', 'golem:rpc@0.2.0'].every((id) => canonicalPackage(resolveWit(dest), id) === canonicalPackage(wasmRpcPackages(), id)),
    );
    // The target changes (its interface is renamed, a function added); the caller is generated again.
    app.useFixture('test:main', 'every-type-changed');
    app.generate();
  });

  it('all_wit_types_re_add_with_changes: assert_valid_wit_root(dest) (first add)', () => expect(first.valid).toBe(JSON.stringify({ ok: true })));
  it('all_wit_types_re_add_with_changes: assert_has_wasm_rpc_wit_deps(dest) (first add)', () => expect(first.rpcDeps).toBe('true'));
  it('all_wit_types_re_add_with_changes: assert_has_same_wit_package(test:main-exports, source, stub) (first add)', () => {
    expect(first['exports@source']).toBeDefined();
    expect(first['exports@source']).toBe(first['exports@stub']);
  });
  it('all_wit_types_re_add_with_changes: assert_has_same_wit_package(test:main-exports, source, dest) (first add)', () => {
    expect(first['exports@source']).toContain('interface iface1 {');
    expect(first['exports@source']).toBe(first['exports@dest']);
  });
  it('all_wit_types_re_add_with_changes: assert_has_same_wit_package(test:main-client, stub, dest) (first add)', () => {
    expect(first['client@stub']).toBeDefined();
    expect(first['client@stub']).toBe(first['client@dest']);
  });

  it('all_wit_types_re_add_with_changes: assert_valid_wit_root(dest) (after the change)', () => expectValidWitRoot(dest));
  it('all_wit_types_re_add_with_changes: assert_has_wasm_rpc_wit_deps(dest) (after the change)', () => expectWasmRpcWitDeps(dest));
  it('all_wit_types_re_add_with_changes: assert_has_same_wit_package(test:main-exports, alternative source, alternative stub)', () => {
    expectSamePackage('test:main-exports', source, stub);
    expect(canonicalPackage(resolveWit(source), 'test:main-exports')).toContain('interface iface2 {');
  });
  it('all_wit_types_re_add_with_changes: assert_has_same_wit_package(test:main-exports, alternative source, dest)', () => {
    expectSamePackage('test:main-exports', source, dest);
    expect(canonicalPackage(resolveWit(dest), 'test:main-exports')).not.toBe(first['exports@dest']);
  });
  it('all_wit_types_re_add_with_changes: assert_has_same_wit_package(test:main-client, alternative stub, dest)', () => {
    expectSamePackage('test:main-client', stub, dest);
    expect(canonicalPackage(resolveWit(dest), 'test:main-client')).toContain('resource iface2 {');
    expect(canonicalPackage(resolveWit(dest), 'test:main-client')).not.toContain('resource iface1 {');
  });
});

describe('add_dep.rs many_ways_to_export_no_collision', () => {
  const app = new StubgenApp([
    { name: 'test:exports', fixture: 'export-styles' },
    { name: 'test:caller', fixture: 'caller' },
  ]);
  const dest = app.generatedWit('test:caller');
  beforeAll(() => void app.addDependency('test:caller', 'test:exports'));

  it('many_ways_to_export_no_collision: assert_valid_wit_root(dest)', () => expectValidWitRoot(dest));
  it('many_ways_to_export_no_collision: assert_has_wasm_rpc_wit_deps(dest)', () => expectWasmRpcWitDeps(dest));
  it('many_ways_to_export_no_collision: assert_has_same_wit_package(test:exports-client, dest, stub)', () =>
    expectSamePackage('test:exports-client', dest, app.clientWit('test:exports')));
  it('many_ways_to_export_no_collision: assert_has_same_wit_package(test:exports-exports, source, dest)', () =>
    expectSamePackage('test:exports-exports', app.baseWit('test:exports'), dest));
  it('many_ways_to_export_no_collision: assert_has_same_wit_package(test:sub, dest, deps/sub/sub.wit)', () => {
    expectSamePackage('test:sub', dest, join(FIXTURES, 'export-styles', 'wit', 'deps', 'sub', 'sub.wit'));
  });
});

/** Components A and B calling each other; `b` is B's fixture (its world named `b`, or `a`). */
function directCircular(b: string): StubgenApp {
  const app = new StubgenApp([
    { name: 'test:a', fixture: 'circular-a' },
    { name: 'test:b', fixture: b },
  ]);
  app.addDependency('test:b', 'test:a');
  app.addDependency('test:a', 'test:b');
  return app;
}

describe('add_dep.rs direct_circular', () => {
  let app: StubgenApp;
  beforeAll(() => {
    app = directCircular('circular-b');
  });
  const a = () => app.generatedWit('test:a');
  const b = () => app.generatedWit('test:b');

  it('direct_circular: assert_valid_wit_root(dest_a)', () => expectValidWitRoot(a()));
  it('direct_circular: assert_valid_wit_root(dest_b)', () => expectValidWitRoot(b()));
  it('direct_circular: assert_has_wasm_rpc_wit_deps(dest_a)', () => expectWasmRpcWitDeps(a()));
  it('direct_circular: assert_has_same_wit_package(test:b-client, dest_a, stub_b)', () => expectSamePackage('test:b-client', a(), app.clientWit('test:b')));
  it('direct_circular: assert_has_same_wit_package(test:b-exports, dest_a, source_b)', () => expectSamePackage('test:b-exports', a(), app.baseWit('test:b')));
  it('direct_circular: assert_has_wasm_rpc_wit_deps(dest_b)', () => expectWasmRpcWitDeps(b()));
  it('direct_circular: assert_has_same_wit_package(test:a-client, dest_b, stub_a)', () => expectSamePackage('test:a-client', b(), app.clientWit('test:a')));
  it('direct_circular: assert_has_same_wit_package(test:a-exports, dest_b, source_a)', () => expectSamePackage('test:a-exports', b(), app.baseWit('test:a')));
});

describe('add_dep.rs direct_circular_readd', () => {
  let app: StubgenApp;
  const firstRound: Record<string, string> = {};
  beforeAll(async () => {
    app = directCircular('circular-b');
    for (const c of ['test:a', 'test:b']) firstRound[c] = JSON.stringify(await checkWitDir(app.generatedWit(c)));
    // Golem regenerates the clients from WIT that already has them, then adds them again.
    app.generate();
    for (const [caller, target] of [
      ['test:b', 'test:a'],
      ['test:a', 'test:b'],
    ] as const) {
      expect(app.run(['add', 'dependency', caller, target]).stdout).toContain('already declared');
    }
    app.generate();
  });
  const a = () => app.generatedWit('test:a');
  const b = () => app.generatedWit('test:b');

  it('direct_circular_readd: assert_valid_wit_root(dest_a) (first round)', () => expect(firstRound['test:a']).toBe(JSON.stringify({ ok: true })));
  it('direct_circular_readd: assert_valid_wit_root(dest_b) (first round)', () => expect(firstRound['test:b']).toBe(JSON.stringify({ ok: true })));
  it('direct_circular_readd: assert_valid_wit_root(dest_a) (second round)', () => expectValidWitRoot(a()));
  it('direct_circular_readd: assert_valid_wit_root(dest_b) (second round)', () => expectValidWitRoot(b()));
  it('direct_circular_readd: assert_has_wasm_rpc_wit_deps(dest_a)', () => expectWasmRpcWitDeps(a()));
  it('direct_circular_readd: assert_has_same_wit_package(test:b-client, dest_a, stub_b)', () => expectSamePackage('test:b-client', a(), app.clientWit('test:b')));
  it('direct_circular_readd: assert_has_wasm_rpc_wit_deps(dest_b)', () => expectWasmRpcWitDeps(b()));
  it('direct_circular_readd: assert_has_same_wit_package(test:a-client, dest_b, stub_a)', () => expectSamePackage('test:a-client', b(), app.clientWit('test:a')));
});

describe('add_dep.rs direct_circular_same_world_name', () => {
  let app: StubgenApp;
  beforeAll(() => {
    app = directCircular('circular-b-world-a');
  });
  const a = () => app.generatedWit('test:a');
  const b = () => app.generatedWit('test:b');

  it('direct_circular_same_world_name: assert_valid_wit_root(dest_a)', () => expectValidWitRoot(a()));
  it('direct_circular_same_world_name: assert_valid_wit_root(dest_b)', () => expectValidWitRoot(b()));
  it('direct_circular_same_world_name: assert_has_wasm_rpc_wit_deps(dest_a)', () => expectWasmRpcWitDeps(a()));
  it('direct_circular_same_world_name: assert_has_same_wit_package(test:b-client, dest_a, stub_b)', () => {
    expectSamePackage('test:b-client', a(), app.clientWit('test:b'));
    expect(canonicalPackage(resolveWit(a()), 'test:b-client')).toContain('world wasm-rpc-client-a {');
  });
  it('direct_circular_same_world_name: assert_has_same_wit_package(test:b-exports, dest_a, source_b)', () => expectSamePackage('test:b-exports', a(), app.baseWit('test:b')));
  it('direct_circular_same_world_name: assert_has_wasm_rpc_wit_deps(dest_b)', () => expectWasmRpcWitDeps(b()));
  it('direct_circular_same_world_name: assert_has_same_wit_package(test:a-client, dest_b, stub_a)', () => {
    expectSamePackage('test:a-client', b(), app.clientWit('test:a'));
    expect(canonicalPackage(resolveWit(b()), 'test:a-client')).toContain('world wasm-rpc-client-a {');
  });
  it('direct_circular_same_world_name: assert_has_same_wit_package(test:a-exports, dest_b, source_a)', () => expectSamePackage('test:a-exports', b(), app.baseWit('test:a')));
});

/** A → B → C → A: golem adds A's client to C, B's to A, C's to B. */
function indirectCircular(): StubgenApp {
  const app = new StubgenApp([
    { name: 'test:a', fixture: 'circular-a' },
    { name: 'test:b', fixture: 'circular-b' },
    { name: 'test:c', fixture: 'circular-c' },
  ]);
  app.addDependency('test:c', 'test:a');
  app.addDependency('test:a', 'test:b');
  app.addDependency('test:b', 'test:c');
  return app;
}

describe('add_dep.rs indirect_circular', () => {
  let app: StubgenApp;
  beforeAll(() => {
    app = indirectCircular();
  });
  const dest = (c: string) => app.generatedWit(c);

  it('indirect_circular: assert_valid_wit_root(dest_a)', () => expectValidWitRoot(dest('test:a')));
  it('indirect_circular: assert_valid_wit_root(dest_b)', () => expectValidWitRoot(dest('test:b')));
  it('indirect_circular: assert_valid_wit_root(dest_c)', () => expectValidWitRoot(dest('test:c')));
  it('indirect_circular: assert_has_wasm_rpc_wit_deps(dest_a)', () => expectWasmRpcWitDeps(dest('test:a')));
  it('indirect_circular: assert_has_same_wit_package(test:b-client, dest_a, stub_b)', () => expectSamePackage('test:b-client', dest('test:a'), app.clientWit('test:b')));
  it('indirect_circular: assert_has_same_wit_package(test:b-exports, dest_a, stub_b)', () => expectSamePackage('test:b-exports', dest('test:a'), app.clientWit('test:b')));
  it('indirect_circular: assert_has_wasm_rpc_wit_deps(dest_b)', () => expectWasmRpcWitDeps(dest('test:b')));
  it('indirect_circular: assert_has_same_wit_package(test:c-client, dest_b, stub_c)', () => expectSamePackage('test:c-client', dest('test:b'), app.clientWit('test:c')));
  it('indirect_circular: assert_has_wasm_rpc_wit_deps(dest_c)', () => expectWasmRpcWitDeps(dest('test:c')));
  it('indirect_circular: assert_has_same_wit_package(test:a-client, dest_c, stub_a)', () => expectSamePackage('test:a-client', dest('test:c'), app.clientWit('test:a')));
  it('indirect_circular: assert_has_same_wit_package(test:a-exports, dest_c, source_a)', () => expectSamePackage('test:a-exports', dest('test:c'), app.baseWit('test:a')));
});

describe('add_dep.rs indirect_circular_readd', () => {
  let app: StubgenApp;
  const firstRound: Record<string, string> = {};
  beforeAll(async () => {
    app = indirectCircular();
    for (const c of ['test:a', 'test:b', 'test:c']) firstRound[c] = JSON.stringify(await checkWitDir(app.generatedWit(c)));
    app.generate();
    for (const [caller, target] of [
      ['test:c', 'test:a'],
      ['test:a', 'test:b'],
      ['test:b', 'test:c'],
    ] as const) {
      expect(app.run(['add', 'dependency', caller, target]).stdout).toContain('already declared');
    }
    app.generate();
  });
  const dest = (c: string) => app.generatedWit(c);

  for (const c of ['a', 'b', 'c']) {
    it(`indirect_circular_readd: assert_valid_wit_root(dest_${c}) (first round)`, () => expect(firstRound[`test:${c}`]).toBe(JSON.stringify({ ok: true })));
  }
  for (const c of ['a', 'b', 'c']) {
    it(`indirect_circular_readd: assert_valid_wit_root(dest_${c}) (second round)`, () => expectValidWitRoot(dest(`test:${c}`)));
  }
  it('indirect_circular_readd: assert_has_wasm_rpc_wit_deps(dest_a)', () => expectWasmRpcWitDeps(dest('test:a')));
  it('indirect_circular_readd: assert_has_same_wit_package(test:b-client, dest_a, stub_b)', () => expectSamePackage('test:b-client', dest('test:a'), app.clientWit('test:b')));
  it('indirect_circular_readd: assert_has_same_wit_package(test:b-exports, dest_a, dest_b)', () => expectSamePackage('test:b-exports', dest('test:a'), dest('test:b')));
  it('indirect_circular_readd: assert_has_wasm_rpc_wit_deps(dest_b)', () => expectWasmRpcWitDeps(dest('test:b')));
  it('indirect_circular_readd: assert_has_same_wit_package(test:c-client, dest_b, stub_c)', () => expectSamePackage('test:c-client', dest('test:b'), app.clientWit('test:c')));
  it('indirect_circular_readd: assert_has_no_package_by_name(test:c-exports, dest_b)', () => expect(hasPackage('test:c-exports', dest('test:b'))).toBe(false));
  it('indirect_circular_readd: assert_has_package_by_name(test:c-exports, dest_c)', () => expect(hasPackage('test:c-exports', dest('test:c'))).toBe(true));
  it('indirect_circular_readd: assert_has_wasm_rpc_wit_deps(dest_c)', () => expectWasmRpcWitDeps(dest('test:c')));
  it('indirect_circular_readd: assert_has_same_wit_package(test:a-client, dest_c, stub_a)', () => expectSamePackage('test:a-client', dest('test:c'), app.clientWit('test:a')));
  it('indirect_circular_readd: assert_has_same_wit_package(test:a-exports, dest_c, dest_a)', () => expectSamePackage('test:a-exports', dest('test:c'), dest('test:a')));
  it('indirect_circular_readd: assert_has_no_package_by_name(test:a, dest_c)', () => expect(hasPackage('test:a', dest('test:c'))).toBe(false));
  it('indirect_circular_readd: assert_has_package_by_name(test:a, dest_a)', () => expect(hasPackage('test:a', dest('test:a'))).toBe(true));
});

describe('add_dep.rs self_circular', () => {
  const app = new StubgenApp([{ name: 'test:a', fixture: 'circular-a' }]);
  const dest = app.generatedWit('test:a');
  beforeAll(() => void app.addDependency('test:a', 'test:a'));

  it('self_circular: assert_valid_wit_root(dest_a)', () => expectValidWitRoot(dest));
  it('self_circular: assert_has_wasm_rpc_wit_deps(dest_a)', () => expectWasmRpcWitDeps(dest));
  it('self_circular: assert_has_same_wit_package(test:a-client, dest_a, stub_a)', () => expectSamePackage('test:a-client', dest, app.clientWit('test:a')));
});
