/**
 * Issue 9: what we scaffold builds. Each app is created by the built CLI, its components built by
 * running the build steps its manifests declare (the app's own jco 1.10.2, rollup, tsc), and the
 * results checked with wasm-tools (through jco) and by running them under Node.
 */
import { appendFileSync, cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/cli.js';
import { buildApp } from './lib/app-build.js';
import { invoke, placeFixture, printComponentWorld, transpile, worldItems } from './lib/component-js.js';
import { BuildStepError } from './lib/run-step.js';
import { cliOk } from './lib/scaffold.js';
import { builtOnce, workRoot, type TierApp, type TierAppSpec } from './lib/tier-app.js';

const PROVIDER = 'example:provider';
const CALLER = 'example:caller';
const PROVIDER_EXPORT = 'example:provider-exports/example-provider-api';
const PROVIDER_CLIENT = 'example:provider-client/example-provider-client';
const CALLER_EXPORT_NAME = 'exampleCallerApi';
const PROVIDER_EXPORT_NAME = 'exampleProviderApi';

const COUNTER_CALLS = [{ fn: 'add', args: [40] }, { fn: 'add', args: [2] }, { fn: 'get' }];

const root = workRoot();
afterAll(() => root.dispose());

const tierApp = (name: string, spec: TierAppSpec) => builtOnce(root.dir, name, spec);

function world(app: TierApp, component: string) {
  const built = app.built.get(component);
  expect(built, `${component} built`).toBeDefined();
  return worldItems(printComponentWorld(app.dir, built!.wasm));
}

/** The counter app also holds a multi-word name: every placeholder form must still build. */
const COUNTERS = [
  { name: PROVIDER, exported: PROVIDER_EXPORT, exportName: PROVIDER_EXPORT_NAME },
  { name: 'my-ns:shopping-cart', exported: 'my-ns:shopping-cart-exports/my-ns-shopping-cart-api', exportName: 'myNsShoppingCartApi' },
];

describe.sequential('TS counter providers', () => {
  const app = tierApp('counter', { components: COUNTERS.map(({ name }) => ({ name, template: 'ts' })) });

  it.each(COUNTERS)('$name builds into a component that exports its interface', ({ name, exported }) => {
    expect(world(app(), name).exports).toEqual([exported]);
    expect(app().built.get(name)!.asyncExportArgs).toBe(`--async-imports ${exported}#add --async-imports ${exported}#get`);
  });

  it("builds with the app's own pinned jco, whose nested componentize-js targets WASI 0.2.3", () => {
    const readJson = (...path: string[]) => JSON.parse(readFileSync(join(app().dir, ...path), 'utf8')) as Record<string, unknown>;
    const pinned = (readJson('package.json').devDependencies as Record<string, string>)['@bytecodealliance/jco'];
    expect(readJson('node_modules', '@bytecodealliance', 'jco', 'package.json').version).toBe(pinned);
    const wasi = world(app(), PROVIDER).imports.filter((name) => name.startsWith('wasi:'));
    expect(wasi.length).toBeGreaterThan(0);
    expect(wasi.filter((name) => !name.endsWith('@0.2.3'))).toEqual([]);
  });

  it.each(COUNTERS)('$name runs under Node: add(40), add(2), get() returns 42', ({ name, exportName }) => {
    const module = transpile(app().dir, app().built.get(name)!.wasm, name.replace(/\W/g, '-'));
    expect(invoke(app().dir, module, exportName, COUNTER_CALLS).results).toEqual([null, null, '42']);
  });
});

/** Exported function names of one interface, read from the component's JCO_ASYNC_EXPORT_ARGS. */
function exportedFunctions(asyncExportArgs: string, iface: string): string[] {
  return [...asyncExportArgs.matchAll(new RegExp(`${iface}#([a-z0-9-]+)`, 'g'))].map((m) => m[1]!);
}

const BROKEN = 'example:broken';
const TYPE_ERROR = 'export const deliberatelyBroken: number = "not a number";';

/** Building `component` must fail at step 2 (rollup's type check) with a message saying so. */
function expectRollupTypeError(appDir: string, component: string): void {
  let error: unknown;
  try {
    buildApp(appDir, { only: [component] });
  } catch (e) {
    error = e;
  }
  expect(error).toBeInstanceOf(BuildStepError);
  const message = (error as BuildStepError).message;
  expect(message.split('\n')[0]).toMatch(new RegExp(`^component ${component}: build step 2 \`npx rollup -c\` failed with exit code 1`));
  expect(message).toContain("TS2322: Type 'string' is not assignable to type 'number'");
}

/** One entry of the stand-in client's log (test/fixtures/build/client-shim-runtime.mjs). */
interface ForwardedCall {
  via: 'constructor' | 'blocking' | 'trigger' | 'future' | 'subscribe' | 'future-get' | 'schedule';
  /** Constructors: the worker name given (none for an ephemeral target's client). */
  workerName?: string;
  worker?: string;
  fn?: string;
  args?: string[];
  result: string | null;
}

const camel = (name: string) => name.replace(/-([a-z0-9])/g, (_, c: string) => c.toUpperCase());

/**
 * Runs the caller's exported functions under Node, its client calls forwarded by the stand-in
 * (test/fixtures/build/provider-client-shim.mjs) to the provider, transpiled alongside.
 */
function runCaller(app: TierApp): { results: unknown[]; calls: ForwardedCall[] } {
  const dir = app.dir;
  transpile(dir, app.built.get(PROVIDER)!.wasm, 'provider', { instantiation: 'sync' });
  placeFixture(dir, 'provider-client-shim.mjs');
  placeFixture(dir, 'client-shim-runtime.mjs');
  placeFixture(dir, 'golem-rpc-types-shim.mjs');
  const module = transpile(dir, app.built.get(CALLER)!.wasm, 'caller', {
    maps: { [PROVIDER_CLIENT]: '../provider-client-shim.mjs', 'golem:rpc/types@0.2.0': '../golem-rpc-types-shim.mjs' },
  });
  const functions = exportedFunctions(app.built.get(CALLER)!.asyncExportArgs, 'example:caller-exports/example-caller-api');
  expect(functions.length).toBeGreaterThan(0);
  const { results, forwarded } = invoke(
    dir,
    module,
    CALLER_EXPORT_NAME,
    functions.map((fn) => ({ fn: camel(fn) })),
  );
  return { results, calls: forwarded as ForwardedCall[] };
}

describe.sequential('TS provider + TS caller with a wasm-rpc dependency', () => {
  const app = tierApp('rpc', {
    components: [{ name: PROVIDER, template: 'ts' }],
    afterwards: [['add', 'component', 'ts/caller', CALLER, '--target', PROVIDER]],
  });

  it('the provider exports its interface and the caller imports the provider client', () => {
    expect(world(app(), PROVIDER).exports).toEqual([PROVIDER_EXPORT]);
    const caller = world(app(), CALLER);
    expect(caller.imports).toContain(PROVIDER_CLIENT);
    expect(caller.exports).toEqual(['example:caller-exports/example-caller-api']);
  });

  it("the caller's blocking, fire-and-forget, scheduled and poll-based non-blocking calls reach the provider and return its values", () => {
    const { results, calls } = runCaller(app());
    const via = (kind: string) => calls.filter((c) => c.via === kind);

    expect(via('blocking').length).toBeGreaterThan(0);
    expect(via('trigger').map((c) => c.fn)).toEqual(['add']);
    // The scheduled call is handed over with its time, not run.
    expect(via('schedule').map((c) => [c.fn, c.args])).toEqual([['add', ['3']]]);
    const futures = via('future');
    expect(futures.length).toBeGreaterThan(0);
    // Each provider answer is its worker's own counter: the sum of what that worker was given.
    const totals = new Map<string, bigint>();
    for (const call of calls) {
      if (call.via === 'schedule') continue;
      if (call.fn === 'add') totals.set(call.worker!, (totals.get(call.worker!) ?? 0n) + BigInt(call.args![0]!));
      if (call.fn === 'get') expect(call.result, `get on ${call.worker}`).toBe(String(totals.get(call.worker!) ?? 0n));
    }
    // Every future was subscribed; the caller asked for a value only after its poll said ready,
    // and got the provider's answer back.
    expect(via('subscribe').length).toBe(futures.length);
    const delivered = via('future-get').map((g) => g.result);
    expect(delivered).toEqual(futures.map((f) => f.result));
    expect(String(results[0])).toContain(delivered.join(', '));
  });

  it('a type error in the caller fails the build naming the component and the step', () => {
    const main = join(app().built.get(CALLER)!.component.dir, 'src', 'main.ts');
    const original = readFileSync(main, 'utf8');
    appendFileSync(main, `\n${TYPE_ERROR}\n`);
    try {
      expectRollupTypeError(app().dir, CALLER);
    } finally {
      writeFileSync(main, original);
    }
  });

  it('a deliberately broken template fails the build naming the component and the step', () => {
    // A copy of the bundled ts/default template with a type error in its source, used as a
    // local template folder (`<lang>/<name>` layout, as golem-cli lays out its templates).
    const template = join(root.dir, 'templates', 'ts', 'broken');
    cpSync(join(ROOT, 'templates', 'ts', 'default'), template, { recursive: true });
    appendFileSync(join(template, 'components-ts', 'component-name', 'src', 'main.ts'), `\n${TYPE_ERROR}\n`);
    cliOk(['add', 'component', template, BROKEN], app().dir);
    expectRollupTypeError(app().dir, BROKEN);
  });
});

describe.sequential('TS component with a self-dependency', () => {
  const app = tierApp('self', {
    components: [{ name: PROVIDER, template: 'ts' }],
    afterwards: [['add', 'dependency', PROVIDER, PROVIDER]],
  });

  it('builds; the component exports its interface and imports its own client', () => {
    const items = world(app(), PROVIDER);
    expect(items.exports).toEqual([PROVIDER_EXPORT]);
    expect(items.imports).toContain(PROVIDER_CLIENT);
  });
});

/** Also issue 16: the caller is made by `create --target` (not `add component`), and its target is ephemeral. */
describe.sequential('TS ephemeral provider, and its caller created by create --target', () => {
  const app = tierApp('ephemeral', {
    components: [
      { name: PROVIDER, template: 'ts/ephemeral' },
      { name: CALLER, template: 'ts/caller', target: PROVIDER },
    ],
  });

  it('is ephemeral in the app model and builds a component that exports the provider interface', () => {
    expect(app().app.components.get(PROVIDER)!.componentType).toBe('ephemeral');
    expect(world(app(), PROVIDER).exports).toEqual([PROVIDER_EXPORT]);
  });

  it('runs under Node: add(40), add(2), get() returns 42', () => {
    const module = transpile(app().dir, app().built.get(PROVIDER)!.wasm, 'provider');
    expect(invoke(app().dir, module, PROVIDER_EXPORT_NAME, COUNTER_CALLS).results).toEqual([null, null, '42']);
  });

  it('the caller, from create --target, depends on the ephemeral provider and imports its client', () => {
    expect(app().app.dependencies.map((d) => [d.source, d.target, d.type])).toEqual([[CALLER, PROVIDER, 'wasm-rpc']]);
    const caller = world(app(), CALLER);
    expect(caller.imports).toContain(PROVIDER_CLIENT);
    expect(caller.exports).toEqual(['example:caller-exports/example-caller-api']);
  });

  it("the caller's calls construct clients without a worker name and reach a fresh provider each time", () => {
    const { results, calls } = runCaller(app());
    const via = (kind: string) => calls.filter((c) => c.via === kind);
    // An ephemeral client's constructor takes no worker name.
    expect(via('constructor').length).toBeGreaterThan(0);
    expect(via('constructor').map((c) => c.workerName)).toEqual(via('constructor').map(() => undefined));
    expect(via('blocking').length).toBeGreaterThan(0);
    expect(via('schedule')).toEqual([]);
    // Each call runs in a new instance: nothing added before is seen by a get.
    const futures = via('future');
    expect(futures.length).toBeGreaterThan(0);
    expect(futures.map((f) => f.result)).toEqual(futures.map(() => '0'));
    expect(via('subscribe').length).toBe(futures.length);
    expect(via('future-get').map((g) => g.result)).toEqual(futures.map((f) => f.result));
    expect(String(results[0])).toContain(futures.map((f) => f.result).join(', '));
  });
});
