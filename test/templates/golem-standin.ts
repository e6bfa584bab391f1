/**
 * A stand-in for golem-cli's repository at tag v1.2.5, laid out as the real one
 * (`golem-templates/templates/<lang>/<lang>-app-common`, `<lang>-app-component-<name>`, with
 * golem's metadata.json keys, placeholder names and `Cargo.toml._`), put into degit's cache the
 * way degit 3.10 stores a GitHub snapshot. The bundled registry's golem entries
 * (`github:golemcloud/golem-cli/golem-templates/templates/…#v1.2.5`) then resolve from it with
 * `--offline`. Every file is written here for these tests; none is copied from golem-cli.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { tempDir } from '../helpers/cli.js';
import { seedDegitCache } from '../sources/fixture-repo.js';

/** A made-up commit for the stand-in snapshot (the real tag is commit 3845f1f7…). */
export const STANDIN_COMMIT = 'c0ffee0000000000000000000000000000000125';
export const GOLEM_TAG = 'v1.2.5';

const HEADER = '# golem-app-manifest-header\n';
const HINTS = '\n# golem-app-manifest-component-hints\n';

const componentManifest = (template: string) => `${HEADER}\ncomponents:\n  componentname:\n    template: ${template}\n${HINTS}`;

const counterWit = (extra = '') => `package pack:name;

interface component-name-api {
  record item {
    sku: string,
    quantity: u32,
  }
  add-item: func(item: item);
  items: func() -> list<item>;
}

world component-name {
${extra}  export component-name-api;
}
`;

/** Golem's workspace keys, every one inherited (`reqwest.workspace = true` is what broke apps before). */
const RUST_CARGO = `[package]
name = "component_name"
version = "0.0.1"
edition = "2021"

[lib]
path = "src/lib.rs"
crate-type = ["cdylib"]
required-features = []

[dependencies]
golem-rust = { workspace = true }
reqwest = { workspace = true }
serde = { workspace = true }
serde_json = { workspace = true }
wit-bindgen-rt = { workspace = true }
once_cell = "1.21.1"

[package.metadata.component.target]

[package.metadata.component.bindings.with]

[package.metadata.component.target.dependencies]
`;

const RUST_LIB = `#[allow(static_mut_refs)]
mod bindings;

use crate::bindings::exports::pa_ck::na_me_exports::component_name_api::*;
use std::cell::RefCell;

thread_local! {
    static CART: RefCell<Vec<Item>> = const { RefCell::new(Vec::new()) };
}

struct Component;

impl Guest for Component {
    fn add_item(item: Item) {
        CART.with_borrow_mut(|cart| cart.push(item));
    }

    fn items() -> Vec<Item> {
        CART.with_borrow(|cart| cart.clone())
    }
}

bindings::export!(Component with_types_in bindings);
`;

const TS_MAIN = `import type * as bindings from "pack:name/component-name";

const items: bindings.componentNameApi.Item[] = [];

export const componentNameApi: typeof bindings.componentNameApi = {
  async addItem(item) {
    items.push(item);
  },
  async items() {
    return (await fetch("https://example.com/stand-in")).ok ? items : [];
  },
};
`;

type Files = Record<string, string>;

function commonTemplate(lang: string, description: string, extra: Record<string, unknown> = {}, files: Files = {}): Files {
  return {
    'metadata.json': JSON.stringify({
      description,
      appCommonGroup: 'default',
      appCommonSkipIfExists: `common-${lang}/golem.yaml`,
      ...extra,
      requiresGolemHostWIT: true,
      requiresWASI: true,
      witDepsPaths: ['wit/deps'],
      transform: false,
    }),
    'golem.yaml': `${HEADER}\nincludes:\n- common-*/golem.yaml\n- components-*/*/golem.yaml\nwitDeps:\n- wit/deps\n`,
    'wit/common.wit': 'package common:root;\n',
    '.gitignore': '/golem-temp\n',
    [`common-${lang}/golem.yaml`]: `${HEADER}
templates:
  ${lang}:
    build:
    - command: stand-in-${lang}-build {{ component_name | to_snake_case }}
    sourceWit: wit
    generatedWit: wit-generated
    componentWasm: ../../golem-temp/${lang}/{{ component_name | to_snake_case }}.wasm
    linkedWasm: ../../golem-temp/components/{{ component_name | to_snake_case }}.wasm
`,
    ...files,
  };
}

const componentMeta = (description: string) => JSON.stringify({ description, appComponentGroup: 'default' });

/** `<lang>/<folder>/<path>` → content: the stand-in repository's `golem-templates/templates/` tree. */
const TREE: Record<string, Files> = {
  // Golem's own TS and Rust common templates are never used (ours are): their marker files show it.
  'ts/ts-app-common': commonTemplate('ts', 'stand-in TS common', {}, { 'package.json': '{ "name": "golem-stand-in-common" }\n' }),
  'rust/rust-app-common': commonTemplate('rust', 'stand-in Rust common', {}, { 'Cargo.toml._': '[workspace]\n# golem stand-in\n' }),
  'ts/ts-app-component-example-fetch': {
    'metadata.json': componentMeta('Stand-in: fetch'),
    'components-ts/component-name/golem.yaml': componentManifest('ts'),
    'components-ts/component-name/package.json': '{ "name": "component-name" }\n',
    'components-ts/component-name/src/main.ts': TS_MAIN,
    'components-ts/component-name/wit/main.wit': counterWit('  import golem:api/host@1.1.6;\n'),
  },
  'rust/rust-app-component-example-shopping-cart': {
    'metadata.json': componentMeta('Stand-in: shopping cart'),
    'components-rust/.gitignore': '/*/wit-generated\n',
    'components-rust/component-name/Cargo.toml._': RUST_CARGO,
    'components-rust/component-name/golem.yaml': componentManifest('rust'),
    'components-rust/component-name/src/lib.rs': RUST_LIB,
    'components-rust/component-name/wit/component-name.wit': counterWit(),
  },
  'go/go-app-common': commonTemplate('go', 'stand-in Go common', {}, { 'go.mod': 'module app\n\ngo 1.24\n' }),
  'go/go-app-component-default': {
    'metadata.json': componentMeta('Stand-in: Go default'),
    'components-go/component-name/golem.yaml': componentManifest('go'),
    'components-go/component-name/component/component.go': 'package main\n\n// ComponentName: pack:name\nfunc main() {}\n',
    'components-go/component-name/wit/component-name.wit': counterWit(),
  },
  // C and Zig: the adapter is declared by the common template only, as in golem-cli 1.2.5.
  'c/c-app-common': commonTemplate('cpp', 'stand-in C common', { adapterTarget: 'common-adapters' }),
  'c/c-app-component-default': {
    'metadata.json': componentMeta('Stand-in: C default'),
    'components-cpp/component-name/golem.yaml': componentManifest('cpp'),
    'components-cpp/component-name/wit/component-name.wit': counterWit(),
  },
  'zig/zig-app-common': commonTemplate('zig', 'stand-in Zig common', { adapterTarget: 'common-adapters' }),
  'zig/zig-app-component-default': {
    'metadata.json': componentMeta('Stand-in: Zig default'),
    'components-zig/component-name/golem.yaml': componentManifest('zig'),
    'components-zig/component-name/wit/component-name.wit': counterWit(),
  },
};

/** The stand-in repository's files in a temp folder (its root is the repository root). */
export function golemCliStandin(): string {
  const root = tempDir('cga-golem-cli-');
  for (const [template, files] of Object.entries(TREE)) {
    for (const [path, content] of Object.entries(files)) {
      const file = join(root, 'golem-templates', 'templates', template, path);
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(file, content);
    }
  }
  return root;
}

/**
 * degit's cache under `xdgCacheHome` holds the stand-in as golemcloud/golem-cli at tag v1.2.5;
 * returns the repository's cache folder.
 */
export function seedGolemCli(xdgCacheHome: string, repo: string = golemCliStandin()): string {
  return seedDegitCache(xdgCacheHome, 'github', 'golemcloud', 'golem-cli', { [GOLEM_TAG]: STANDIN_COMMIT }, repo);
}
