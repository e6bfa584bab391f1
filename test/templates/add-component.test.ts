/** `add component` end to end (the command module, real files, real generation, real wit-parser, real tsc). */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { runAddComponent } from '../../src/commands/add-component.js';
import { silentReporter } from '../../src/report.js';
import { schemaErrors } from '../helpers/schema.js';
import { checkWitDir, printWorld, stopOracle } from '../helpers/wit-oracle.js';
import { snapshotTree } from '../helpers/cli.js';
import { worldBindingModules } from '../build/lib/rust-check.js';
import { typeCheck, writeGuestTypes } from './guest-types.js';
import { createComponents, read, tempApp, witCheckDir } from './helpers.js';

afterAll(() => stopOracle());

const add = (cwd: string, template: string, name: string, target?: string) => runAddComponent({ cwd, template, name, ...(target ? { target } : {}) }, silentReporter);

/** An app with one component made by `create` (planned + written), no wit-generated yet. */
async function appWith(template: string, name: string): Promise<string> {
  const app = tempApp();
  await createComponents(app, [[template, name]]);
  return app;
}

function golemYamls(root: string): string[] {
  return (readdirSync(root, { recursive: true }) as string[]).filter((p) => p.endsWith('golem.yaml') && !p.includes('node_modules') && !p.includes('golem-temp')).sort();
}

async function expectValidWit(app: string, dir: string) {
  expect(await checkWitDir(witCheckDir(app, `${dir}/wit`))).toEqual({ ok: true });
  expect(await checkWitDir(join(app, dir, 'wit-generated'))).toEqual({ ok: true });
}

describe('every bundled provider template, added to an app', () => {
  for (const [template, dir] of [
    ['ts/default', 'components-ts/my-ns-shopping-cart'],
    ['ts/ephemeral', 'components-ts/my-ns-shopping-cart'],
    ['rust/default', 'components-rust/my-ns-shopping-cart'],
    ['rust/ephemeral', 'components-rust/my-ns-shopping-cart'],
  ] as const) {
    it(`${template}: WIT accepted, golem.yaml valid, generated${template.startsWith('ts') ? ', type-checks against jco guest-types' : ''}`, async () => {
      const app = await appWith('ts', 'shop:cart');
      await add(app, template, 'my-ns:shopping-cart');
      await expectValidWit(app, dir);
      for (const f of golemYamls(app)) expect([f, schemaErrors(read(app, f))]).toEqual([f, []]);
      if (template.endsWith('ephemeral')) expect(read(app, `${dir}/golem.yaml`)).toContain('    componentType: ephemeral\n');
      if (template.startsWith('ts')) {
        await writeGuestTypes(join(app, dir));
        expect(typeCheck(app, join(app, dir))).toEqual({ ok: true, output: '' });
      }
    });
  }
});

describe('a TS caller of a TS counter provider', async () => {
  const app = await appWith('ts', 'example:provider');
  await add(app, 'ts/caller', 'example:caller', 'example:provider');
  const dir = 'components-ts/example-caller';
  const main = read(app, `${dir}/src/main.ts`);

  it('constructs the client and makes blocking calls, using what they return', () => {
    expect(main).toContain('import { ExampleProviderApi } from "example:provider-client/example-provider-client";');
    expect(main).toContain('const exampleProviderApi = new ExampleProviderApi("worker-1");');
    expect(main).toContain('exampleProviderApi.blockingAdd(3n);');
    expect(main).toContain('const get = exampleProviderApi.blockingGet();\n    lines.push(`get: ${show(get)}`);');
  });

  it('fires and forgets, schedules, then makes non-blocking get calls on three workers polled together with wasi:io/poll', () => {
    expect(main).toContain('exampleProviderApi.add(3n);');
    expect(main).toContain('const cancellation = exampleProviderApi.scheduleAdd(3n, secondsFromNow(60n));');
    expect(main).toContain('import { type Pollable, poll } from "wasi:io/poll@0.2.0";');
    expect(main).toContain('const workers = ["worker-1", "worker-2", "worker-3"].map((name) => new ExampleProviderApi(name));');
    expect(main).toContain('const getValues = awaitAll(workers.map((worker) => worker.get()));');
    expect(main).toContain('const ready = poll(pending.map((index) => pollables[index]!));');
    expect(existsSync(join(app, `${dir}/src/main.ts.hbs`))).toBe(false);
  });

  it('declares the dependency in golem.yaml', () => {
    const yaml = read(app, `${dir}/golem.yaml`);
    expect(yaml).toContain('dependencies:\n  example:caller:\n  - target: example:provider\n    type: wasm-rpc\n');
    expect(schemaErrors(yaml)).toEqual([]);
  });

  it('generates the client and imports it in wit-generated; wit-parser accepts it', async () => {
    expect(read(app, `${dir}/wit-generated/deps/example_provider-client/client.wit`)).toContain('resource example-provider-api {');
    expect(read(app, `${dir}/wit-generated/main.wit`)).toContain('import example:provider-client/example-provider-client;');
    await expectValidWit(app, dir);
  });

  it('type-checks against the jco guest-types bindings of its wit-generated', async () => {
    const files = await writeGuestTypes(join(app, dir));
    expect(files).toContain('interfaces/example-provider-client-example-provider-client.d.ts');
    expect(typeCheck(app, join(app, dir))).toEqual({ ok: true, output: '' });
  });

  it('the type check is real: a wrong call is caught', async () => {
    const other = await appWith('ts', 'example:provider');
    await add(other, 'ts/caller', 'example:caller', 'example:provider');
    const file = join(other, dir, 'src/main.ts');
    writeFileSync(file, readFileSync(file, 'utf8').replace('exampleProviderApi.blockingAdd(3n);', 'exampleProviderApi.blockingAdd("three");'));
    await writeGuestTypes(join(other, dir));
    const result = typeCheck(other, join(other, dir));
    expect(result.ok).toBe(false);
    expect(result.output).toContain("Argument of type 'string' is not assignable to parameter of type 'bigint'");
  });
});

describe('a caller of an ephemeral provider with multi-word names', () => {
  it('constructs the client without a worker name and type-checks', async () => {
    const app = await appWith('ts/ephemeral', 'my-ns:shopping-cart');
    await add(app, 'ts/caller', 'my-ns:check-out', 'my-ns:shopping-cart');
    const dir = 'components-ts/my-ns-check-out';
    const main = read(app, `${dir}/src/main.ts`);
    expect(main).toContain('import { MyNsShoppingCartApi } from "my-ns:shopping-cart-client/my-ns-shopping-cart-client";');
    expect(main).toContain('const myNsShoppingCartApi = new MyNsShoppingCartApi();');
    expect(main).toContain('const getValues = awaitAll([myNsShoppingCartApi.get(), myNsShoppingCartApi.get()]);');
    expect(main).not.toContain('"worker-');
    expect(main).toContain('export const myNsCheckOutApi: typeof World.myNsCheckOutApi = {');
    expect(read(app, `${dir}/wit-generated/deps/my-ns_shopping-cart-client/client.wit`)).toContain('constructor();');
    await expectValidWit(app, dir);
    await writeGuestTypes(join(app, dir));
    expect(typeCheck(app, join(app, dir))).toEqual({ ok: true, output: '' });
  });
});

describe('a caller of a target that is not the counter (client model from its WIT)', () => {
  it('calls the functions the target really has, and type-checks', async () => {
    const tree = fileURLToPath(new URL('../fixtures/templates/golem-tree/ts/ts-app-component-default', import.meta.url));
    const app = await appWith('ts', 'example:provider');
    await add(app, tree, 'demo:pinger');
    await add(app, 'ts/caller', 'demo:caller', 'demo:pinger');
    const dir = 'components-ts/demo-caller';
    const main = read(app, `${dir}/src/main.ts`);
    expect(main).toContain('const ping = demoPingerApi.blockingPing();');
    expect(main).toContain('const pingValues = awaitAll(workers.map((worker) => worker.ping()));');
    await writeGuestTypes(join(app, dir));
    expect(typeCheck(app, join(app, dir))).toEqual({ ok: true, output: '' });
  });
});

describe('a Rust caller of a TS counter provider', async () => {
  const app = await appWith('ts', 'example:provider');
  await add(app, 'rust/caller', 'example:caller', 'example:provider');
  const dir = 'components-rust/example-caller';
  const lib = read(app, `${dir}/src/lib.rs`);

  it('adds the Rust common template to the TS app', () => {
    expect(existsSync(join(app, 'common-rust/golem.yaml'))).toBe(true);
    expect(read(app, '.gitignore')).toBe('/dist\n/golem-temp\n/node_modules\n/target\n');
  });

  it('uses the client: blocking calls, fire-and-forget, scheduled, then gets on three workers polled together', () => {
    expect(lib).toContain('use crate::bindings::exports::example::caller_exports::example_caller_api::*;');
    expect(lib).toContain('use crate::bindings::example::provider_client::example_provider_client::ExampleProviderApi;');
    expect(lib).toContain('let example_provider_api = ExampleProviderApi::new("worker-1");');
    expect(lib).toContain('example_provider_api.blocking_add(3);');
    expect(lib).toContain('let get = example_provider_api.blocking_get();\n        lines.push(format!("get: {get:?}"));');
    expect(lib).toContain('example_provider_api.add(3);');
    expect(lib).toContain('let _cancellation = example_provider_api.schedule_add(3, seconds_from_now(60));');
    expect(lib).toContain('for worker in &workers {\n            let future = worker.get();\n            futures.push(future);\n        }');
    expect(lib).toContain('use golem_rust::wasm_rpc::wasi::io::poll::{poll, Pollable};');
    expect(lib).toContain('let ready = poll(&waiting);');
  });

  it('every `crate::bindings` path of lib.rs is an interface of the generated world, as wit-bindgen names it', async () => {
    // `import ns:pkg/iface@v;` → `ns::pkg::iface`; exports get the `exports::` prefix (wit-bindgen's module layout).
    const modules = worldBindingModules(await printWorld({ dir: join(app, dir, 'wit-generated') }, 'example-caller'));
    const used = [...lib.matchAll(/use crate::bindings::([a-z0-9_:]+)::(?:\*|[A-Z]\w*);/g)].map(([, path]) => path);
    expect(used).toEqual(['exports::example::caller_exports::example_caller_api', 'example::provider_client::example_provider_client']);
    for (const path of used) expect(modules).toContain(path);
  });

  it('declares the dependency, generates the client, points Cargo.toml at wit-generated', async () => {
    expect(read(app, `${dir}/golem.yaml`)).toContain('  - target: example:provider\n    type: wasm-rpc\n');
    for (const f of golemYamls(app)) expect([f, schemaErrors(read(app, f))]).toEqual([f, []]);
    expect(read(app, `${dir}/Cargo.toml`)).toContain('"example:provider-client" = { path = "wit-generated/deps/example_provider-client" }');
    await expectValidWit(app, dir);
  });
});

describe('add component: finding the app, refusing bad requests, changing nothing', () => {
  it('works from a folder inside the app', async () => {
    const app = await appWith('ts', 'example:provider');
    await add(join(app, 'components-ts', 'example-provider', 'src'), 'ts', 'example:second');
    expect(existsSync(join(app, 'components-ts/example-second/golem.yaml'))).toBe(true);
  });

  const refusals: Array<[string, [template: string, name: string, target?: string], RegExp]> = [
    ['an existing component', ['ts', 'example:provider'], /component example:provider already exists/],
    ['a bad name', ['ts', 'Example'], /invalid component name 'Example'/],
    ['an unknown template', ['ts/nope', 'example:x'], /unknown template 'ts\/nope'/],
    ['a caller without --target', ['ts/caller', 'example:x'], /needs the component it calls/],
    ['--target on a provider template', ['ts', 'example:x', 'example:provider'], /--target is for caller templates/],
    ['an unknown target', ['ts/caller', 'example:x', 'example:nope'], /unknown target 'example:nope'/],
    ['a caller that targets itself', ['ts/caller', 'example:x', 'example:x'], /cannot be its own caller template target/],
  ];
  for (const [what, [template, name, target], message] of refusals) {
    it(`refuses ${what}, writing nothing`, async () => {
      const app = await appWith('ts', 'example:provider');
      const before = snapshotTree(app);
      await expect(add(app, template, name, target)).rejects.toThrow(message);
      expect(snapshotTree(app)).toEqual(before);
    });
  }

  it('--callers: existing components get a dependency on the new one and their clients', async () => {
    const app = await appWith('ts', 'example:provider');
    await runAddComponent({ cwd: app, template: 'rust', name: 'example:stock', callers: ['example:provider'] }, silentReporter);
    expect(read(app, 'components-ts/example-provider/golem.yaml')).toContain('  example:provider:\n  - target: example:stock\n    type: wasm-rpc\n');
    expect(read(app, 'components-ts/example-provider/wit-generated/main.wit')).toContain('import example:stock-client/example-stock-client;');
    await expectValidWit(app, 'components-ts/example-provider');
  });

  it('an unknown caller is refused before anything is written', async () => {
    const app = await appWith('ts', 'example:provider');
    const before = snapshotTree(app);
    await expect(runAddComponent({ cwd: app, template: 'ts', name: 'example:x', callers: ['example:nope'] }, silentReporter)).rejects.toThrow(/unknown caller 'example:nope'/);
    expect(snapshotTree(app)).toEqual(before);
  });

  it('a failure after the first write undoes the files and golem.yaml edits', async () => {
    const app = await appWith('ts', 'example:provider');
    // A caller whose WIT the client generator refuses (a second world): generation fails after the writes.
    writeFileSync(join(app, 'components-ts/example-provider/wit/extra.wit'), 'package example:provider;\n\nworld extra {}\n');
    const before = snapshotTree(app);
    const reported: string[] = [];
    await expect(
      runAddComponent({ cwd: app, template: 'ts', name: 'example:x', callers: ['example:provider'] }, { ...silentReporter, info: (m) => reported.push(m) }),
    ).rejects.toThrow(/spread over 2 files/);
    expect(reported).toContain('nothing was kept: the files and the golem.yaml change of this command were undone.');
    expect(snapshotTree(app)).toEqual(before);
  });

  it('outside an app: a clear error', async () => {
    await expect(add(tempApp(), 'ts', 'example:x')).rejects.toThrow(/golem.yaml/);
  });
});
