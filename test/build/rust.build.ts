/**
 * Issue 9, Rust templates (no crates registry here, so no `cargo component build`): every
 * Cargo.toml of a scaffolded app parses (cargo reads it), each component's crate is named as
 * Golem's `{{ component_name | to_snake_case }}` expects (the name of the .wasm the manifest
 * points at), cargo-component's metadata points at the generated WIT packages, and the binding
 * paths in `src/lib.rs` exist in the component's generated world as wit-parser resolves it.
 * Issue 16: every `.rs` file parses and is rustfmt-clean (a sabotaged template fails, naming the
 * file), and golem-cli's own Rust templates (a stand-in with golem's workspace keys, fetched
 * through the degit path) fit the workspace we write.
 */
import { appendFileSync, cpSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadApp, type App, type AppComponent } from '../../src/app/index.js';
import { ROOT } from '../helpers/cli.js';
import { printWorld, stopOracle, topLevelItems } from '../helpers/wit-oracle.js';
import { seedGolemCli } from '../templates/golem-standin.js';
import { worldItems } from './lib/component-js.js';
import { bindingModule, bindingPathsIn, cargoWorkspaceCrates, checkRustSources, declaredPackages, rustfmtProblem, type CargoCrate } from './lib/rust-check.js';
import { cliOk, createApp } from './lib/scaffold.js';
import { guardCommands, missingCommands, workRoot } from './lib/tier-app.js';

const PROVIDER = 'example:provider';
const SPEC = {
  components: [
    { name: PROVIDER, template: 'rust' },
    { name: 'my-ns:shopping-cart', template: 'rust/ephemeral' },
  ],
  afterwards: [['add', 'component', 'rust/caller', 'example:caller', '--target', PROVIDER]],
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
    for (const argv of SPEC.afterwards) cliOk(argv, dir);
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

  it('every .rs file parses and is rustfmt-clean', () => {
    expect(checkRustSources(app.root)).toEqual([
      'common-rust/common-lib/src/lib.rs',
      'components-rust/example-caller/src/lib.rs',
      'components-rust/example-provider/src/lib.rs',
      'components-rust/my-ns-shopping-cart/src/lib.rs',
    ]);
  });

  // Last: it adds components to the app.
  it('a sabotaged Rust template fails the check, naming the file and why', () => {
    // Copies of the bundled rust/default, used as local template folders (`<lang>/<name>`, as golem lays them out).
    const sabotage = (name: string, edit: (lib: string) => void) => {
      const template = join(root.dir, 'templates', 'rust', name);
      cpSync(join(ROOT, 'templates', 'rust', 'default'), template, { recursive: true });
      edit(join(template, 'components-rust', 'component-name', 'src', 'lib.rs'));
      cliOk(['add', 'component', template, `example:${name}`], app.root);
    };
    sabotage('unparsable', (lib) => appendFileSync(lib, '\nfn broken( {\n'));
    sabotage('unformatted', (lib) => writeFileSync(lib, readFileSync(lib, 'utf8').replace('struct Component;', 'struct   Component ;')));
    let error: unknown;
    try {
      checkRustSources(app.root);
    } catch (e) {
      error = e;
    }
    const lines = (error as Error).message.split('\n');
    expect(lines).toContain('components-rust/example-unparsable/src/lib.rs does not parse:');
    expect(lines).toContain('components-rust/example-unformatted/src/lib.rs is not rustfmt-clean:');
    expect(lines.filter((l) => /^components-rust\/\S+ /.test(l))).toHaveLength(2);
  });
});

describe('rustfmt on stdin', () => {
  it('tells a parse error from a formatting difference, and needs no module files', () => {
    expect(rustfmtProblem('mod bindings;\n\nfn main() {}\n')).toBeUndefined();
    expect(rustfmtProblem('fn main() { let x = ; }\n')).toMatch(/^does not parse:\n/);
    expect(rustfmtProblem('fn main()   {}\n')).toMatch(/^is not rustfmt-clean:\n/);
  });
});

/**
 * golem-cli 1.2.5's Rust templates in an app of ours: a stand-in laid out like golem-cli@v1.2.5,
 * whose shopping-cart template inherits golem's workspace keys (`reqwest.workspace = true`
 * among them), fetched through the degit path from a seeded cache with `--offline`.
 */
describe.sequential("golem-cli's Rust templates in our workspace", () => {
  const GOLEM_COMPONENTS = ['shop:cart', 'shop:counter'];
  let app: App;
  let crates: CargoCrate[];

  beforeAll(() => {
    const cache = join(root.dir, 'golem-cache');
    seedGolemCli(cache);
    const env = { XDG_CACHE_HOME: cache, XDG_CONFIG_HOME: join(root.dir, 'golem-config') };
    const spec = {
      flags: ['--offline'],
      components: [
        { name: 'shop:cart', template: 'rust/example-shopping-cart' },
        { name: 'shop:counter', template: 'rust' },
      ],
    };
    const dir = createApp(root.dir, 'golem-rust', spec, env);
    cliOk(['generate'], dir, env);
    app = loadApp(dir, { explicitRoot: true });
    crates = cargoWorkspaceCrates(app.root);
  });

  it("cargo reads the workspace: golem's template inherits golem-rust =1.5.5 and golem's reqwest from it", () => {
    const cart = crates.find((c) => c.name === 'shop_cart');
    expect(cart, 'the crate of shop:cart').toBeDefined();
    const dependency = (name: string) => cart!.dependencies.find((d) => d.name === name);
    expect(dependency('golem-rust')).toMatchObject({ req: '=1.5.5' });
    expect(dependency('reqwest')).toMatchObject({ source: 'git+https://github.com/zivergetech/reqwest?branch=update-april-2025' });
    expect(dependency('wit-bindgen-rt')).toMatchObject({ req: '^0.40.0' });
    expect(crates.map((c) => c.name).sort()).toEqual(['common-lib', 'shop_cart', 'shop_counter']);
  });

  it.each(GOLEM_COMPONENTS)("%s: cargo-component's metadata points at the generated WIT", (name) => {
    const component = app.components.get(name)!;
    const crate = crates.find((c) => c.manifestPath === join(component.dir, 'Cargo.toml'))!;
    expect(resolve(component.dir, crate.component?.target?.path ?? '')).toBe(component.generatedWit);
    expect(basename(component.componentWasm!, '.wasm')).toBe(crate.name);
  });

  it('every .rs file parses and is rustfmt-clean', () => {
    expect(checkRustSources(app.root)).toEqual(['common-rust/common-lib/src/lib.rs', 'components-rust/shop-cart/src/lib.rs', 'components-rust/shop-counter/src/lib.rs']);
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
    expect(bindingPathsIn(rust)).toEqual(['exports::example::provider_exports::example_provider_api', 'example::provider_client::example_provider_client', 'wasi::io::poll']);
  });
});
