/** golem-cli-shaped template folders (test/fixtures/templates/golem-tree) through our renderer. */
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { Plan } from '../../src/fs/plan.js';
import { findComponentTemplate, loadBundledRegistry, planComponent } from '../../src/templates/index.js';
import { schemaErrors } from '../helpers/schema.js';
import { checkWitDir, stopOracle } from '../helpers/wit-oracle.js';
import { createComponents, read, tempApp, witCheckDir } from './helpers.js';

afterAll(() => stopOracle());

const TREE = fileURLToPath(new URL('../fixtures/templates/golem-tree', import.meta.url));
const registry = loadBundledRegistry();

describe('a Golem-shaped Rust template folder', async () => {
  const folder = join(TREE, 'rust', 'rust-app-component-minimal');
  const template = findComponentTemplate(registry, folder);
  const app = tempApp();
  await createComponents(app, [[folder, 'demo:todo-list']]);

  it('is identified as Golem does: language from the tree, name without the prefix, sibling common template', () => {
    expect(template.id).toBe('rust/minimal');
    expect(template.language).toBe('rust');
    expect(template.common?.path).toBe(join(TREE, 'rust', 'rust-app-common'));
  });

  it('uses the sibling common template, not the bundled one', () => {
    expect(read(app, 'Cargo.toml')).toBe('[workspace]\nresolver = "2"\nmembers = ["components-rust/*"]\n# componentname stays: transform is false\n');
    expect(existsSync(join(app, 'common-rust/common-lib'))).toBe(false);
  });

  it('renames Cargo.toml._, substitutes names, drops excluded folders and metadata.json', () => {
    expect(read(app, 'components-rust/demo-todo-list/Cargo.toml')).toContain('name = "demo_todo_list"');
    expect(read(app, 'components-rust/demo-todo-list/src/lib.rs')).toBe(
      'mod bindings;\nuse crate::bindings::exports::demo::todo_list_exports::demo_todo_list_api::Guest;\n// DemoTodoList / Demo / demo / todo_list\n',
    );
    expect(existsSync(join(app, 'components-rust/demo-todo-list/target'))).toBe(false);
    expect(existsSync(join(app, 'metadata.json'))).toBe(false);
    expect(read(app, '.gitignore')).toBe('/golem-temp\n/target\n');
  });

  it('keeps minijinja values in common and component golem.yaml files, and they validate', () => {
    expect(read(app, 'common-rust/golem.yaml')).toContain('componentWasm: ../../target/wasm32-wasip1/release/{{ component_name | to_snake_case }}.wasm');
    const component = read(app, 'components-rust/demo-todo-list/golem.yaml');
    expect(component).toContain('  demo:todo-list:\n    template: rust\n');
    expect(component).toContain('WORKER_LABEL: "{{ component_name | to_kebab_case }}-worker"');
    expect(component).toContain('#  demo:todo-list:\n');
    for (const f of ['golem.yaml', 'common-rust/golem.yaml', 'components-rust/demo-todo-list/golem.yaml']) {
      expect([f, schemaErrors(read(app, f))]).toEqual([f, []]);
    }
  });

  it('copies the WIT deps the common metadata asks for; wit-parser accepts the component WIT', async () => {
    expect(readdirSync(join(app, 'wit/deps'))).toContain('golem-rpc');
    expect(await checkWitDir(witCheckDir(app, 'components-rust/demo-todo-list/wit'))).toEqual({ ok: true });
  });
});

describe('a Golem-shaped TypeScript template folder', async () => {
  const folder = join(TREE, 'ts', 'ts-app-component-default');
  const app = tempApp();
  await createComponents(app, [[folder, 'demo:pinger']]);

  it('respects transform: false in the common template and transformExclude in the component', () => {
    expect(read(app, 'package.json')).toBe('{ "name": "app", "note": "componentname is not substituted here" }\n');
    expect(read(app, 'components-ts/demo-pinger/raw.txt')).toBe('component-name stays as written\n');
    expect(read(app, 'components-ts/demo-pinger/src/main.ts')).toContain('export const demoPingerApi: typeof World.demoPingerApi');
    expect(read(app, 'common-ts/golem.yaml')).toContain('componentWasm: dist/{{ component_name | to_snake_case }}.wasm');
  });

  it('wit-parser accepts its WIT', async () => {
    expect(await checkWitDir(witCheckDir(app, 'components-ts/demo-pinger/wit'))).toEqual({ ok: true });
  });
});

describe('Golem template folders that cannot be used', () => {
  it('requiresAdapter gets a clear "not supported"', async () => {
    const template = findComponentTemplate(registry, join(TREE, 'rust', 'rust-app-component-needs-adapter'));
    await expect(planComponent({ into: new Plan(tempApp()), template, componentName: 'demo:x', registry })).rejects.toThrow(
      /^template rust\/needs-adapter requires Golem's WASI adapter \(wasi_snapshot_preview1\.wasm, copied into adapters\/tier2\/\), which create-golem-app does not support$/,
    );
  });
  it('a common template folder is refused as a component template', () => {
    expect(() => findComponentTemplate(registry, join(TREE, 'rust', 'rust-app-common'))).toThrow(/is a common template/);
  });
  it('a folder without metadata.json is refused', () => {
    expect(() => findComponentTemplate(registry, join(TREE, 'ts'))).toThrow(/has no metadata.json/);
  });
  it('a missing folder is refused', () => {
    expect(() => findComponentTemplate(registry, join(TREE, 'nope'))).toThrow(/does not exist/);
  });
});
