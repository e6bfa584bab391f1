/**
 * golem-cli 1.2.5 `tests/stubgen/wit.rs`, carried over: every assertion on the generated client
 * WIT, one `it` each, named `<golem test>: <golem assertion>`. Golem generates a client straight
 * from a source dir; here the target is a component of an app, a caller depends on it, and the
 * client is `golem-temp/client/<ns>_<name>/wit/` resolved as Golem reads it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Resolve } from '../../src/wit/index.js';
import { stopOracle } from '../helpers/wit-oracle.js';
import { StubgenApp, removeStubgenApps } from './app.js';
import { definesType, expectStubFunction, hasInterface, hasPackageName, hasWorld, type DefinedKind } from './client-checks.js';
import { resolveWit } from './packages.js';

afterAll(() => {
  stopOracle();
  removeStubgenApps();
});

/** A client generated for `fixture` (component `name`), called by test:caller. */
function clientOf(name: string, fixture: string): Resolve {
  const app = new StubgenApp([
    { name, fixture },
    { name: 'test:caller', fixture: 'caller' },
  ]);
  app.addDependency('test:caller', name);
  return resolveWit(app.clientWit(name));
}

describe('wit.rs all_wit_types', () => {
  let resolve: Resolve;
  beforeAll(() => {
    resolve = clientOf('test:main', 'every-type');
  });

  it('all_wit_types: assert_has_package_name(test:main-client)', () => expect(hasPackageName(resolve, 'test:main-client')).toBe(true));
  it('all_wit_types: assert_has_world(wasm-rpc-client-api)', () => expect(hasWorld(resolve, 'wasm-rpc-client-api')).toBe(true));
  it('all_wit_types: assert_has_interface(api-client)', () => expect(hasInterface(resolve, 'api-client')).toBe(true));

  const stubs: [string, boolean][] = [
    ['no-op', false],
    ['get-bool', true],
    ['set-bool', false],
    ['identity-bool', true],
    ['identity-s8', true],
    ['identity-s16', true],
    ['identity-s32', true],
    ['identity-s64', true],
    ['identity-u8', true],
    ['identity-u16', true],
    ['identity-u32', true],
    ['identity-u64', true],
    ['identity-f32', true],
    ['identity-f64', true],
    ['identity-char', true],
    ['identity-string', true],
    ['get-orders', true],
    ['set-orders', false],
    ['apply-metadata', true],
    ['get-option-bool', true],
    ['set-option-bool', false],
    ['get-coordinates', true],
    ['get-coordinates-alias', true],
    ['set-coordinates', false],
    ['set-coordinates-alias', false],
    ['tuple-to-point', true],
    ['pt-log-error', true],
    ['validate-pt', true],
    ['print-checkout-result', true],
    ['get-checkout-result', true],
    ['get-color', true],
    ['set-color', false],
    ['validate-permissions', true],
  ];
  it.each(stubs)('all_wit_types: assert_has_stub_function(api-client, iface1, %s, %s)', (fn, hasResult) => {
    expectStubFunction(resolve, 'api-client', 'iface1', fn, hasResult);
  });

  const defined: [DefinedKind, string][] = [
    ['enum', 'color'],
    ['flags', 'permissions'],
    ['record', 'metadata'],
    ['record', 'point'],
    ['record', 'product-item'],
    ['record', 'order'],
    ['record', 'order-confirmation'],
    ['tuple', 'point-tuple'],
    ['variant', 'checkout-result'],
  ];
  it.each(defined)('all_wit_types: assert_defines_%s(test:main-exports, iface1, %s)', (kind, name) => {
    expect(definesType(resolve, 'test:main-exports', 'iface1', name, kind)).toBe(true);
  });
});

describe('wit.rs many_ways_to_export', () => {
  let resolve: Resolve;
  beforeAll(() => {
    resolve = clientOf('test:exports', 'export-styles');
  });

  it('many_ways_to_export: assert_has_package_name(test:exports-client)', () => expect(hasPackageName(resolve, 'test:exports-client')).toBe(true));
  it('many_ways_to_export: assert_has_world(wasm-rpc-client-api)', () => expect(hasWorld(resolve, 'wasm-rpc-client-api')).toBe(true));
  it('many_ways_to_export: assert_has_interface(api-client)', () => expect(hasInterface(resolve, 'api-client')).toBe(true));

  const stubs: [string, string, boolean][] = [
    ['api-inline-functions', 'func1', false],
    ['iface1', 'func2', false],
    ['api-inline-iface', 'func4', false],
    ['iface4', 'func5', false],
  ];
  it.each(stubs)('many_ways_to_export: assert_has_stub_function(api-client, %s, %s, %s)', (resource, fn, hasResult) => {
    expectStubFunction(resolve, 'api-client', resource, fn, hasResult);
  });
});
