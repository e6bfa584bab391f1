/**
 * Issue 9, Rust templates (no crates registry here, so no `cargo component build`): every
 * Cargo.toml of a scaffolded app parses (cargo reads it), each component's crate is named as
 * Golem's `{{ component_name | to_snake_case }}` expects (the name of the .wasm the manifest
 * points at), cargo-component's metadata points at the generated WIT packages, and the binding
 * paths in `src/lib.rs` exist in the component's generated world as wit-parser resolves it.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadApp, type App, type AppComponent } from '../../src/app/index.js';
import { printWorld, stopOracle, topLevelItems } from '../helpers/wit-oracle.js';
import { worldItems } from './lib/component-js.js';
import { bindingModule, bindingPathsIn, cargoWorkspaceCrates, declaredPackages, type CargoCrate } from './lib/rust-check.js';
import { cliOk, createApp } from './lib/scaffold.js';
import { guardCommands, missingCommands, workRoot } from './lib/tier-app.js';

const PROVIDER = 'example:provider';
const SPEC = {
  components: [
    { name: PROVIDER, template: 'rust' },
    { name: 'my-ns:shopping-cart', template: 'rust/ephemeral' },
  ],
  then: [['add', 'component', 'rust/caller', 'example:caller', '--target', PROVIDER]],
};
const COMPONENTS = ['example:provider', 'my-ns:shopping-cart', 'example:caller'];

const root = workRoot();
afterAll(() => {
  stopOracle();
  root.dispose();
});

/** The component's world as wit-parser resolves its generated WIT, as binding module paths. */
async function worldModules(component: AppComponent): Promise<{ modules: string[]; items: string[] }> {
  const [worldName] = readdirSync(component.generatedWit)
    .filter((f) => f.endsWith('.wit'))
    .flatMap((f) => topLevelItems(readFileSync(join(component.generatedWit, f), 'utf8')).worlds);
  const { imports, exports } = worldItems(await printWorld({ dir: component.generatedWit }, worldName!));
  return {
    modules: [...imports.map((i) => bindingModule(i, 'import')), ...exports.map((e) => bindingModule(e, 'export'))],
    items: [...imports, ...exports],
  };
}

describe.sequential('Rust templates', () => {
  const missing = missingCommands(SPEC);
  let app: App;
  let crates: CargoCrate[];
  const crateOf = (component: AppComponent) => crates.find((c) => c.manifestPath === join(component.dir, 'Cargo.toml'));

  beforeAll(() => {
    if (missing.length) return;
    const dir = createApp(root.dir, 'rust', SPEC);
    for (const argv of SPEC.then) cliOk(argv, dir);
    cliOk(['generate'], dir);
    app = loadApp(dir, { explicitRoot: true });
    crates = cargoWorkspaceCrates(app.root);
  });
  guardCommands(missing);

  it.each(COMPONENTS)('%s: its crate parses and is named as its componentWasm expects', (name) => {
    const component = app.components.get(name)!;
    const crate = crateOf(component);
    expect(crate, `crate of ${name}`).toBeDefined();
    expect(crate!.name).toBe(name.replace(/[:-]/g, '_'));
    expect(basename(component.componentWasm!, '.wasm')).toBe(crate!.name);
  });

  it.each(COMPONENTS)("%s: cargo-component's metadata points at the generated WIT packages", async (name) => {
    const component = app.components.get(name)!;
    const target = crateOf(component)!.component?.target;
    const crateDir = component.dir;
    expect(resolve(crateDir, target?.path ?? '')).toBe(component.generatedWit);
    const dependencies = Object.entries(target?.dependencies ?? {});
    expect(dependencies.length).toBeGreaterThan(0);
    for (const [pkg, { path }] of dependencies) expect(declaredPackages(resolve(crateDir, path)), `${pkg} at ${path}`).toContain(pkg);
    const { items } = await worldModules(component);
    for (const remapped of Object.keys(crateOf(component)!.component?.bindings?.with ?? {})) expect(items).toContain(remapped);
  });

  it.each(COMPONENTS)('%s: the binding paths in src/lib.rs exist in the generated world', async (name) => {
    const component = app.components.get(name)!;
    const { modules } = await worldModules(component);
    const used = bindingPathsIn(readFileSync(join(component.dir, 'src', 'lib.rs'), 'utf8'));
    expect(used.length, `${name} uses its bindings`).toBeGreaterThan(0);
    for (const path of used) expect(modules, `${name}: bindings::${path}`).toContain(path);
  });
});

describe('binding module paths (wit-bindgen naming)', () => {
  it('maps world items to Rust modules', () => {
    expect(bindingModule('my-ns:shopping-cart-exports/my-ns-shopping-cart-api', 'export')).toBe('exports::my_ns::shopping_cart_exports::my_ns_shopping_cart_api');
    expect(bindingModule('golem:rpc/types@0.2.0', 'import')).toBe('golem::rpc::types');
  });

  it('finds the interface modules Rust code names, with or without `crate::`', () => {
    const rust = [
      'use crate::bindings::exports::example::provider_exports::example_provider_api::*;',
      'use crate::bindings::example::provider_client::example_provider_client::ExampleProviderApi;',
      'let ready = bindings::wasi::io::poll::poll(&waiting);',
      'bindings::export!(Component with_types_in bindings);',
    ].join('\n');
    expect(bindingPathsIn(rust)).toEqual([
      'exports::example::provider_exports::example_provider_api',
      'example::provider_client::example_provider_client',
      'wasi::io::poll',
    ]);
  });
});
