/**
 * Issue 9, Rust templates (no crates registry here, so no `cargo component build`): every
 * Cargo.toml of a scaffolded app parses (cargo reads it), each component's crate is named as
 * Golem's `{{ component_name | to_snake_case }}` expects (the name of the .wasm the manifest
 * points at), and the binding paths in `src/lib.rs` exist in the component's generated world as
 * wit-parser resolves it.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadApp, type App } from '../../src/app/index.js';
import { printWorld, stopOracle, topLevelItems } from '../helpers/wit-oracle.js';
import { bindingModule, bindingPathsIn, cargoWorkspaceCrates } from './lib/rust-check.js';
import { worldItems } from './lib/component-js.js';
import { cliHasCommand, cliOk, createApp } from './lib/scaffold.js';
import { workRoot } from './lib/tier-app.js';

const COMPONENTS = ['example:provider', 'my-ns:shopping-cart'];

const root = workRoot();
afterAll(() => {
  stopOracle();
  root.dispose();
});

describe.sequential('Rust templates', () => {
  let app: App;
  beforeAll(() => {
    const dir = createApp(root.dir, 'rust', { components: COMPONENTS.map((name) => ({ name, template: 'rust' })) });
    if (cliHasCommand('generate')) cliOk(['generate'], dir);
    app = loadApp(dir, { explicitRoot: true });
  });

  it('every Cargo.toml parses and each component crate is named as its componentWasm expects', () => {
    const crates = cargoWorkspaceCrates(app.root);
    for (const name of COMPONENTS) {
      const component = app.components.get(name)!;
      const crate = crates.find((c) => c.manifestPath === join(component.dir, 'Cargo.toml'));
      expect(crate, `crate of ${name}`).toBeDefined();
      expect(crate!.name).toBe(name.replace(/[:-]/g, '_'));
      expect(basename(component.componentWasm!, '.wasm')).toBe(crate!.name);
    }
  });

  it.runIf(cliHasCommand('generate'))('the binding paths in src/lib.rs exist in the generated world', async () => {
    for (const name of COMPONENTS) {
      const component = app.components.get(name)!;
      const [worldName] = readdirSync(component.generatedWit)
        .filter((f) => f.endsWith('.wit'))
        .flatMap((f) => topLevelItems(readFileSync(join(component.generatedWit, f), 'utf8')).worlds);
      const items = worldItems(await printWorld({ dir: component.generatedWit }, worldName!));
      const modules = [
        ...items.imports.map((i) => bindingModule(i, 'import')),
        ...items.exports.map((e) => bindingModule(e, 'export')),
      ];
      const used = bindingPathsIn(readFileSync(join(component.dir, 'src', 'lib.rs'), 'utf8'));
      expect(used.length, `${name} uses its bindings`).toBeGreaterThan(0);
      for (const path of used) expect(modules, `${name}: bindings::${path}`).toContain(path);
    }
  });
});
