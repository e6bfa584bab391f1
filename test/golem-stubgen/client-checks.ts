/**
 * golem's stubgen assertions over a resolved client, restated over our resolved model:
 * the `wit.rs` helpers (`assert_has_stub_function`, `assert_defines_*`) and the `stub_wasm.rs`
 * helpers, which golem runs against the compiled client component's exported instance
 * (`AnalysedType`s: every named type expanded to its structure, handles by resource identity).
 * Here the same structure is computed from `client.wit` itself.
 */
import { expect } from 'vitest';
import { underlyingType, type Function, type Interface, type Resolve, type Type, type TypeDef, type TypeDefKind } from '../../src/wit/index.js';

const allInterfaces = (resolve: Resolve): Interface[] => resolve.packages.flatMap((p) => p.interfaces);

export const hasPackageName = (resolve: Resolve, name: string): boolean =>
  resolve.packages.some((p) => `${p.name.namespace}:${p.name.name}${p.name.version ? `@${p.name.version}` : ''}` === name);

export const hasWorld = (resolve: Resolve, name: string): boolean => resolve.packages.some((p) => p.worlds.some((w) => w.name === name));

export const hasInterface = (resolve: Resolve, name: string): boolean => allInterfaces(resolve).some((i) => i.name === name);

/**
 * wit.rs `assert_has_stub_function`: interface `iface` has resource `resource` with methods
 * `f` and `blocking-f`, and — for a function with a result — a resource `future-f-result`.
 */
export function expectStubFunction(resolve: Resolve, iface: string, resource: string, fn: string, hasResult: boolean): void {
  const i = allInterfaces(resolve).find((x) => x.name === iface);
  expect(i, `interface ${iface}`).toBeDefined();
  const r = i!.typesByName.get(resource);
  expect(r?.def.kind, `resource ${resource}`).toBe('resource');
  for (const name of [`[method]${resource}.${fn}`, `[method]${resource}.blocking-${fn}`]) {
    const f = i!.functionsByName.get(name);
    expect(f, `method ${name} in ${iface}`).toBeDefined();
    expect([f!.kind, f!.resource]).toEqual(['method', r]);
  }
  if (hasResult) expect(i!.typesByName.get(`future-${fn}-result`)?.def.kind, `future-${fn}-result`).toBe('resource');
}

/** The kinds of wit.rs `assert_defines_*` (a tuple alias is `type x = tuple<…>` here). */
export type DefinedKind = 'enum' | 'flags' | 'record' | 'tuple' | 'variant';

/** wit.rs `assert_defines_*`: some type `name` of that kind, owned by `pkg`'s interface `iface`. */
export function definesType(resolve: Resolve, pkg: string, iface: string, name: string, kind: DefinedKind): boolean {
  const kindOf = (d: TypeDefKind): string => (d.kind === 'alias' && d.target.kind === 'tuple' ? 'tuple' : d.kind);
  return resolve.packages.some(
    (p) =>
      `${p.name.namespace}:${p.name.name}` === pkg &&
      p.interfaces.some((i) => i.name === iface && i.types.some((t) => t.name === name && t.owner.kind === 'interface' && t.owner.interface === i && kindOf(t.def) === kind)),
  );
}

// ---- stub_wasm.rs: types as the compiled component shows them ----

/** golem-wasm-ast's `AnalysedType`, reduced to what the assertions compare. */
export type Analysed =
  | { prim: string }
  | { record: [string, Analysed][] }
  | { variant: [string, Analysed | null][] }
  | { enum: string[] }
  | { flags: string[] }
  | { list: Analysed }
  | { option: Analysed }
  | { tuple: Analysed[] }
  | { result: { ok: Analysed | null; err: Analysed | null } }
  /** `resource` identifies the resource: its owner interface and name. */
  | { handle: 'own' | 'borrow'; resource: string };

export const A = {
  bool: { prim: 'bool' },
  s8: { prim: 's8' },
  s16: { prim: 's16' },
  s32: { prim: 's32' },
  s64: { prim: 's64' },
  u8: { prim: 'u8' },
  u16: { prim: 'u16' },
  u32: { prim: 'u32' },
  u64: { prim: 'u64' },
  f32: { prim: 'f32' },
  f64: { prim: 'f64' },
  chr: { prim: 'char' },
  str: { prim: 'string' },
  record: (fields: [string, Analysed][]): Analysed => ({ record: fields }),
  variant: (cases: [string, Analysed | null][]): Analysed => ({ variant: cases }),
  enum: (cases: string[]): Analysed => ({ enum: cases }),
  flags: (flags: string[]): Analysed => ({ flags }),
  list: (t: Analysed): Analysed => ({ list: t }),
  option: (t: Analysed): Analysed => ({ option: t }),
  tuple: (ts: Analysed[]): Analysed => ({ tuple: ts }),
  result: (ok: Analysed, err: Analysed): Analysed => ({ result: { ok, err } }),
  resultOk: (ok: Analysed): Analysed => ({ result: { ok, err: null } }),
  resultErr: (err: Analysed): Analysed => ({ result: { ok: null, err } }),
} satisfies Record<string, Analysed | ((...args: never[]) => Analysed)>;

/** A type with every name expanded, as a component's type section has it. */
export function analysed(t: Type): Analysed {
  switch (t.kind) {
    case 'primitive':
      return { prim: t.name };
    case 'own':
      return { handle: 'own', resource: resourceKey(t.def) };
    case 'borrow':
      return { handle: 'borrow', resource: resourceKey(t.def) };
    case 'list':
      return { list: analysed(t.element) };
    case 'option':
      return { option: analysed(t.element) };
    case 'tuple':
      return { tuple: t.elements.map(analysed) };
    case 'result':
      return { result: { ok: t.ok ? analysed(t.ok) : null, err: t.err ? analysed(t.err) : null } };
    case 'id': {
      const def = underlyingType(t.def);
      const d = def.def;
      switch (d.kind) {
        case 'resource':
          return { handle: 'own', resource: resourceKey(def) };
        case 'record':
          return { record: d.fields.map((f) => [f.name, analysed(f.type)]) };
        case 'variant':
          return { variant: d.cases.map((c) => [c.name, c.type ? analysed(c.type) : null]) };
        case 'enum':
          return { enum: d.cases.map((c) => c.name) };
        case 'flags':
          return { flags: d.flags.map((f) => f.name) };
        case 'alias':
          return analysed(d.target);
        case 'use':
          throw new Error('underlyingType follows every use');
      }
    }
  }
}

/** A resource's identity: the interface that defines it and its name. */
function resourceKey(def: TypeDef): string {
  const d = underlyingType(def);
  if (d.owner.kind !== 'interface') return `${d.owner.world.name}.${d.name}`;
  const p = d.owner.interface.package.name;
  return `${p.namespace}:${p.name}/${d.owner.interface.name ?? ''}.${d.name}`;
}

const resultsOf = (f: Function): Analysed[] => (f.result ? [analysed(f.result)] : []);
const paramsOf = (f: Function): Analysed[] => f.params.map((p) => analysed(p.type));

/** golem:rpc's `worker-id`, expanded. */
const WORKER_ID = A.record([
  [
    'component-id',
    A.record([
      [
        'uuid',
        A.record([
          ['high-bits', A.u64],
          ['low-bits', A.u64],
        ]),
      ],
    ]),
  ],
  ['worker-name', A.str],
]);
/** wasi:clocks' `datetime`, expanded. */
const DATETIME = A.record([
  ['seconds', A.u64],
  ['nanoseconds', A.u32],
]);

/** The exported client interface, as the client component exports it. */
export function clientInstance(resolve: Resolve, world: string): { id: string; exports: number; iface: Interface } {
  const w = resolve.mainPackage.worlds.find((x) => x.name === world);
  expect(w, `world ${world}`).toBeDefined();
  const entry = w!.exports[0]!;
  expect(entry.item.kind).toBe('interface');
  const iface = (entry.item as { interface: Interface }).interface;
  const p = iface.package.name;
  return { id: `${p.namespace}:${p.name}/${iface.name}${p.version ? `@${p.version}` : ''}`, exports: w!.exports.length, iface };
}

function fn(iface: Interface, name: string): Function {
  const f = iface.functionsByName.get(name);
  expect(f, `function ${name}`).toBeDefined();
  return f!;
}

const isOwnHandle = (a: Analysed | undefined) => a !== undefined && 'handle' in a && a.handle === 'own';

/** stub_wasm.rs `assert_has_rpc_resource_constructor`: `[constructor]name(worker-name)` and `[static]name.custom(worker-id)`. */
export function expectRpcResourceConstructor(iface: Interface, name: string): void {
  expectResource(iface, name, []);
}

/** stub_wasm.rs `assert_has_resource`: the constructors take `worker-name` / `worker-id`, then `params`. */
export function expectResource(iface: Interface, name: string, params: Analysed[]): void {
  const ctor = fn(iface, `[constructor]${name}`);
  expect(resultsOf(ctor).length).toBe(1);
  expect(isOwnHandle(resultsOf(ctor)[0])).toBe(true);
  expect(ctor.params.map((p) => p.name)[0]).toBe('worker-name');
  expect(paramsOf(ctor)).toEqual([A.str, ...params]);
  const custom = fn(iface, `[static]${name}.custom`);
  expect(resultsOf(custom).length).toBe(1);
  expect(isOwnHandle(resultsOf(custom)[0])).toBe(true);
  expect(custom.params.map((p) => p.name)[0]).toBe('worker-id');
  expect(paramsOf(custom)).toEqual([WORKER_ID, ...params]);
}

/**
 * stub_wasm.rs `assert_has_stub`: methods `f`, `blocking-f` and `schedule-f` of resource
 * `resource` take `(self, params…)` (`schedule-f` also the datetime); `blocking-f` returns
 * `result`, `f` a future resource with `subscribe` and `get() -> option<result>`; `schedule-f`
 * returns a handle (the cancellation token).
 */
export function expectStub(iface: Interface, resource: string, name: string, params: Analysed[], result: Analysed | null): void {
  const ctorResult = resultsOf(fn(iface, `[constructor]${resource}`))[0]!;
  expect(isOwnHandle(ctorResult)).toBe(true);
  const self: Analysed = { handle: 'borrow', resource: (ctorResult as { resource: string }).resource };
  const asyncFn = fn(iface, `[method]${resource}.${name}`);
  const blocking = fn(iface, `[method]${resource}.blocking-${name}`);
  const scheduled = fn(iface, `[method]${resource}.schedule-${name}`);
  expect(paramsOf(asyncFn)).toEqual([self, ...params]);
  expect(paramsOf(blocking)).toEqual([self, ...params]);
  expect(paramsOf(scheduled)).toEqual([self, ...params, DATETIME]);
  if (result) {
    expect(resultsOf(asyncFn).length).toBe(1);
    expect(resultsOf(blocking)).toEqual([result]);
    const future = resultsOf(asyncFn)[0]!;
    expect(isOwnHandle(future)).toBe(true);
    expectPollingResource(iface, (future as { resource: string }).resource, result);
  } else {
    expect(resultsOf(asyncFn)).toEqual([]);
    expect(resultsOf(blocking)).toEqual([]);
  }
  expect(resultsOf(scheduled).length).toBe(1);
  expect(isOwnHandle(resultsOf(scheduled)[0])).toBe(true);
}

/** stub_wasm.rs `assert_valid_polling_resource`. */
function expectPollingResource(iface: Interface, resource: string, result: Analysed): void {
  const methods = iface.functions.filter((f) => f.kind === 'method' && f.params.length > 0 && isBorrowOf(analysed(f.params[0]!.type), resource));
  const subscribe = methods.find((f) => f.name.endsWith('.subscribe'));
  const get = methods.find((f) => f.name.endsWith('.get'));
  expect(subscribe, 'subscribe').toBeDefined();
  expect(get, 'get').toBeDefined();
  expect(resultsOf(subscribe!).length).toBe(1);
  expect(isOwnHandle(resultsOf(subscribe!)[0])).toBe(true);
  expect(resultsOf(get!)).toEqual([A.option(result)]);
}

const isBorrowOf = (a: Analysed, resource: string) => 'handle' in a && a.handle === 'borrow' && a.resource === resource;
