/**
 * golem-cli 1.2.5 `tests/stubgen/stub_wasm.rs`, its type assertions carried over, one `it` each,
 * named `<golem test>: <golem assertion>`. Golem builds the client into a component (cargo) and
 * inspects the exported instance; here the same assertions run against `client.wit` resolved
 * (see client-checks.ts: every type expanded to its structure, as in the component).
 *
 * `inline_resources` is `#[ignore]`d in golem (it panics on a world-level resource); here the
 * documented outcome is checked instead: one clear error naming the resource, nothing written.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Interface } from '../../src/wit/index.js';
import { snapshotTree } from '../helpers/cli.js';
import { stopOracle } from '../helpers/wit-oracle.js';
import { StubgenApp, removeStubgenApps } from './app.js';
import { A, clientInstance, expectResource, expectRpcResourceConstructor, expectStub, type Analysed } from './client-checks.js';
import { resolveWit } from './packages.js';

afterAll(() => {
  stopOracle();
  removeStubgenApps();
});

/** The client of `fixture` (as component test:main, called by test:caller): its one exported interface. */
function exportedInstance(fixture: string): { id: string; exports: number; iface: Interface } {
  const app = new StubgenApp([
    { name: 'test:main', fixture },
    { name: 'test:caller', fixture: 'caller' },
  ]);
  app.addDependency('test:caller', 'test:main');
  return clientInstance(resolveWit(app.clientWit('test:main')), 'wasm-rpc-client-api');
}

describe('stub_wasm.rs all_wit_types', () => {
  let client: { id: string; exports: number; iface: Interface };
  beforeAll(() => {
    client = exportedInstance('every-type');
  });

  it('all_wit_types: assert_eq!(stub_exports.len(), 1)', () => expect(client.exports).toBe(1));
  it('all_wit_types: assert_eq!(exported_interface.name, test:main-client/api-client)', () => expect(client.id).toBe('test:main-client/api-client'));
  it('all_wit_types: assert_has_rpc_resource_constructor(iface1)', () => expectRpcResourceConstructor(client.iface, 'iface1'));

  const permissions = A.flags(['read', 'write', 'exec', 'close']);
  const metadata = A.record([
    ['name', A.str],
    ['origin', A.str],
    ['perms', permissions],
  ]);
  const productItem = A.record([
    ['product-id', A.str],
    ['name', A.str],
    ['price', A.f32],
    ['quantity', A.u32],
  ]);
  const order = A.record([
    ['order-id', A.str],
    ['items', A.list(productItem)],
    ['total', A.f32],
    ['timestamp', A.u64],
  ]);
  const point = A.record([
    ['x', A.s32],
    ['y', A.s32],
    ['metadata', metadata],
  ]);
  const coordinates = A.tuple([A.s32, A.s32]);
  const checkoutResult = A.variant([
    ['error', A.str],
    ['success', A.record([['order-id', A.str]])],
    ['unknown', null],
  ]);
  const color = A.enum(['red', 'green', 'blue']);
  const stubs: [string, Analysed[], Analysed | null][] = [
    ['no-op', [], null],
    ['get-bool', [], A.bool],
    ['set-bool', [A.bool], null],
    ['identity-bool', [A.bool], A.bool],
    ['identity-s8', [A.s8], A.s8],
    ['identity-s16', [A.s16], A.s16],
    ['identity-s32', [A.s32], A.s32],
    ['identity-s64', [A.s64], A.s64],
    ['identity-u8', [A.u8], A.u8],
    ['identity-u16', [A.u16], A.u16],
    ['identity-u32', [A.u32], A.u32],
    ['identity-u64', [A.u64], A.u64],
    ['identity-f32', [A.f32], A.f32],
    ['identity-f64', [A.f64], A.f64],
    ['identity-char', [A.chr], A.chr],
    ['identity-string', [A.str], A.str],
    ['get-orders', [], A.list(order)],
    ['set-orders', [A.list(order)], null],
    ['apply-metadata', [A.option(metadata)], A.option(metadata)],
    ['get-option-bool', [], A.option(A.bool)],
    ['set-option-bool', [A.option(A.bool)], null],
    ['get-coordinates', [], coordinates],
    ['set-coordinates', [coordinates], null],
    ['get-coordinates-alias', [], coordinates],
    ['set-coordinates-alias', [coordinates], null],
    ['tuple-to-point', [coordinates, A.option(metadata)], A.result(point, A.str)],
    ['pt-log-error', [A.result(point, A.str)], A.resultOk(point)],
    ['validate-pt', [point], A.resultErr(A.str)],
    ['print-checkout-result', [checkoutResult], A.str],
    ['get-checkout-result', [], checkoutResult],
    ['get-color', [], color],
    ['set-color', [color], null],
    ['validate-permissions', [permissions], permissions],
  ];
  it.each(stubs)('all_wit_types: assert_has_stub(iface1, %s)', (name, params, result) => expectStub(client.iface, 'iface1', name, params, result));
});

describe('stub_wasm.rs resource', () => {
  let client: { id: string; exports: number; iface: Interface };
  beforeAll(() => {
    client = exportedInstance('resources');
  });

  it('resource: assert_eq!(stub_exports.len(), 1)', () => expect(client.exports).toBe(1));
  it('resource: assert_eq!(exported_interface.name, test:main-client/api-client)', () => expect(client.id).toBe('test:main-client/api-client'));
  it('resource: assert_has_rpc_resource_constructor(iface1)', () => expectRpcResourceConstructor(client.iface, 'iface1'));
  it('resource: assert_has_resource(resource1, [name: string])', () => expectResource(client.iface, 'resource1', [A.str]));

  // Beyond golem's assertions (its fixture leaves the methods unchecked): the resource's methods, old float names included.
  const methods: [string, Analysed[], Analysed | null][] = [
    ['touch', [], null],
    ['scale', [A.u32], A.f32],
    ['ratio', [A.u32], A.option(A.f32)],
    ['maybe-ratio', [A.option(A.u32)], A.option(A.f32)],
  ];
  it.each(methods)('resource (ours): assert_has_stub(resource1, %s)', (name, params, result) => expectStub(client.iface, 'resource1', name, params, result));
});

describe('stub_wasm.rs circular_resources', () => {
  let client: { id: string; exports: number; iface: Interface };
  beforeAll(() => {
    client = exportedInstance('circular-resources');
  });

  it('circular_resources: assert_eq!(stub_exports.len(), 1)', () => expect(client.exports).toBe(1));
  it('circular_resources: assert_eq!(exported_interface.name, test:main-client/api-client)', () => expect(client.id).toBe('test:main-client/api-client'));
  it('circular_resources: assert_has_rpc_resource_constructor(iface)', () => expectRpcResourceConstructor(client.iface, 'iface'));
  it('circular_resources: assert_has_resource(resource1, [name: string])', () => expectResource(client.iface, 'resource1', [A.str]));
  it('circular_resources: assert_has_resource(resource2, [name: string])', () => expectResource(client.iface, 'resource2', [A.str]));
});

describe('stub_wasm.rs inline_resources (ignored in golem: it panics; ours: one clear error)', () => {
  const app = new StubgenApp([
    { name: 'test:main', fixture: 'world-resource' },
    { name: 'test:caller', fixture: 'caller' },
  ]);
  const source = join(app.sourceWit('test:main'), 'main.wit');
  const line =
    readFileSync(source, 'utf8')
      .split('\n')
      .findIndex((l) => l.includes('resource resource1')) + 1;
  /** The error line: where (the resource in the user's file) and what; then what to do. */
  const expectTheError = (stderr: string) => {
    expect(
      stderr
        .trim()
        .split('\n')
        .filter((l) => !l.startsWith('warning:')),
    ).toEqual([
      `error: ${source}:${line}:3: world \`api\` defines resource \`resource1\`: a resource defined in a world is imported by the component, so no client can offer it (Golem 1.2.5 crashes here).`,
      '  Define `resource1` in an interface and export that interface from world `api`.',
    ]);
  };

  it('inline_resources: add dependency stops with the error, every file as it was', () => {
    const before = snapshotTree(app.root);
    const r = app.run(['add', 'dependency', 'test:caller', 'test:main']);
    expect(r.code).toBe(1);
    expectTheError(r.stderr);
    expect(r.stdout).toContain('nothing was changed: golem.yaml restored.');
    expect(snapshotTree(app.root)).toEqual(before);
  });

  it('inline_resources: generate stops with the same error, writing nothing', () => {
    const before = snapshotTree(app.root);
    const r = app.run(['generate']);
    expect(r.code).toBe(1);
    expectTheError(r.stderr);
    expect(snapshotTree(app.root)).toEqual(before);
  });

  it('inline_resources: generate for another component that does not call it is unaffected', () => {
    const r = app.run(['generate', '--component', 'test:caller']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
  });
});
