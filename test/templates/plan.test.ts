import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { Plan } from '../../src/fs/plan.js';
import { findComponentTemplate, loadBundledRegistry, planComponent } from '../../src/templates/index.js';
import { schemaErrors } from '../helpers/schema.js';
import { checkWitDir, stopOracle } from '../helpers/wit-oracle.js';
import { createComponents, read, tempApp, witCheckDir } from './helpers.js';

afterAll(() => stopOracle());

const HEADER = `# Schema for IDEA:
# $schema: https://schema.golem.cloud/app/golem/1.2.5/golem.schema.json
# Schema for vscode-yaml
# yaml-language-server: $schema=https://schema.golem.cloud/app/golem/1.2.5/golem.schema.json

# See https://learn.golem.cloud/docs/app-manifest#field-reference for field reference
# For creating APIs see https://learn.golem.cloud/invoke/making-custom-apis
`;

/** golem-templates/templates/{ts,rust}/*-app-common/golem.yaml, byte for byte (no blank line before witDeps). */
const ROOT_MANIFEST = `${HEADER}
includes:
- common-*/golem.yaml
- components-*/*/golem.yaml
witDeps:
- wit/deps
`;

const componentManifest = (name: string, lang: string) => `${HEADER}
components:
  ${name}:
    template: ${lang}

# Example for adding dependencies for Worker to Worker communication:
# See https://learn.golem.cloud/docs/app-manifest#fields_dependencies for more information
#
#dependencies:
#  ${name}:
#  - target: <target component name to be called>
#    type: wasm-rpc
`;

const HOST_AND_WASI = [
  'blobstore',
  'cli',
  'clocks',
  'filesystem',
  'golem-1.x',
  'golem-durability',
  'golem-rdbms',
  'golem-rpc',
  'http',
  'io',
  'keyvalue',
  'logging',
  'random',
  'sockets',
];

function golemYamls(root: string): string[] {
  const out: string[] = [];
  const walk = (dir: string, rel: string) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      if (e.isDirectory()) walk(join(dir, e.name), rel ? `${rel}/${e.name}` : e.name);
      else if (e.name === 'golem.yaml') out.push(rel ? `${rel}/${e.name}` : e.name);
    }
  };
  walk(root, '');
  return out.sort();
}

describe('a TypeScript component (ts/default)', async () => {
  const app = tempApp();
  const planned = await createComponents(app, [['ts', 'my-ns:shopping-cart']]);

  it('lays out the app as golem-cli 1.2.5 does', () => {
    const paths = planned.map((f) => f.path).filter((p) => !p.startsWith('wit/deps/'));
    expect(paths.sort()).toEqual(
      [
        '.gitignore',
        'common-ts/golem.yaml',
        'common-ts/rollup.config.component.mjs',
        'common-ts/scripts/jco-wrapper.mjs',
        'common-ts/src/lib.ts',
        'common-ts/tsconfig.component.json',
        'components-ts/.gitignore',
        'components-ts/my-ns-shopping-cart/golem.yaml',
        'components-ts/my-ns-shopping-cart/package.json',
        'components-ts/my-ns-shopping-cart/rollup.config.mjs',
        'components-ts/my-ns-shopping-cart/src/main.ts',
        'components-ts/my-ns-shopping-cart/tsconfig.json',
        'components-ts/my-ns-shopping-cart/wit/main.wit',
        'golem.yaml',
        'package.json',
        'wit/common.wit',
      ].sort(),
    );
    expect(existsSync(join(app, 'metadata.json'))).toBe(false);
    expect(readdirSync(join(app, 'wit', 'deps')).sort()).toEqual(HOST_AND_WASI);
  });

  it('writes the root golem.yaml with header, includes and witDeps', () => {
    expect(read(app, 'golem.yaml')).toBe(ROOT_MANIFEST);
  });

  it("writes the component's golem.yaml with header and hints", () => {
    expect(read(app, 'components-ts/my-ns-shopping-cart/golem.yaml')).toBe(componentManifest('my-ns:shopping-cart', 'ts'));
  });

  it('keeps minijinja values and the build commands of the common golem.yaml verbatim', () => {
    const common = read(app, 'common-ts/golem.yaml');
    expect(common.startsWith(HEADER)).toBe(true);
    expect(common).toContain(
      '- command: node ../../common-ts/scripts/jco-wrapper.mjs guest-types wit-generated --async-mode jspi --async-wasi-exports ${JCO_ASYNC_EXPORT_ARGS} -o src/generated',
    );
    expect(common).toContain('- command: npx rollup -c');
    // golem-templates/templates/ts/ts-app-common/common-ts/golem.yaml lists `tsconfig.js` (sic) among the rollup step's sources.
    expect(common).toContain('      - rollup.config.mjs\n      - tsconfig.js\n      targets:\n');
    expect(common).toContain('- command: npx jco componentize -w wit-generated -o dist/{{ component_name | to_snake_case }}.wasm dist/main.js');
    expect(common).toContain('linkedWasm: ../../golem-temp/components/{{ component_name | to_snake_case }}.wasm');
  });

  it('substitutes names in the source and keeps common files untransformed', () => {
    const main = read(app, 'components-ts/my-ns-shopping-cart/src/main.ts');
    expect(main).toContain('import type * as World from "my-ns:shopping-cart/my-ns-shopping-cart";');
    expect(main).toContain('export const myNsShoppingCartApi: typeof World.myNsShoppingCartApi');
    expect(JSON.parse(read(app, 'components-ts/my-ns-shopping-cart/package.json'))).toEqual({ name: 'my-ns-shopping-cart' });
    expect(JSON.parse(read(app, 'package.json')).name).toBe('app');
    expect(read(app, '.gitignore')).toBe('/dist\n/golem-temp\n/node_modules\n');
  });

  it('every golem.yaml validates against Golem 1.2.5 schema', () => {
    const files = golemYamls(app);
    expect(files).toHaveLength(3);
    for (const f of files) expect([f, schemaErrors(read(app, f))]).toEqual([f, []]);
  });

  it('wit-parser accepts the component WIT with the app deps, and wit/ with its deps', async () => {
    expect(await checkWitDir(witCheckDir(app, 'components-ts/my-ns-shopping-cart/wit'))).toEqual({ ok: true });
    expect(await checkWitDir(join(app, 'wit'))).toEqual({ ok: true });
  });
});

describe('a Rust component (rust/default)', async () => {
  const app = tempApp();
  const planned = await createComponents(app, [['rust', 'example:provider']]);

  it('lays out the app as golem-cli 1.2.5 does, Cargo.toml._ renamed', () => {
    const paths = planned.map((f) => f.path).filter((p) => !p.startsWith('wit/deps/'));
    expect(paths.sort()).toEqual(
      [
        '.gitignore',
        '.vscode/settings.json',
        'Cargo.toml',
        'common-rust/common-lib/Cargo.toml',
        'common-rust/common-lib/src/lib.rs',
        'common-rust/golem.yaml',
        'components-rust/.gitignore',
        'components-rust/example-provider/Cargo.toml',
        'components-rust/example-provider/golem.yaml',
        'components-rust/example-provider/src/lib.rs',
        'components-rust/example-provider/wit/example-provider.wit',
        'golem.yaml',
        'wit/common.wit',
      ].sort(),
    );
  });

  it('writes the manifests and the cargo build commands', () => {
    expect(read(app, 'golem.yaml')).toBe(ROOT_MANIFEST);
    expect(read(app, 'components-rust/example-provider/golem.yaml')).toBe(componentManifest('example:provider', 'rust'));
    const common = read(app, 'common-rust/golem.yaml');
    expect(common).toContain('- command: cargo component build\n');
    expect(common).toContain('- command: cargo component build --release\n');
    expect(common).toContain('componentWasm: ../../target/wasm32-wasip1/debug/{{ component_name | to_snake_case }}.wasm');
    for (const f of golemYamls(app)) expect([f, schemaErrors(read(app, f))]).toEqual([f, []]);
  });

  it('substitutes the crate name and the bindings path', () => {
    expect(read(app, 'components-rust/example-provider/Cargo.toml')).toContain('name = "example_provider"');
    expect(read(app, 'components-rust/example-provider/src/lib.rs')).toContain('use crate::bindings::exports::example::provider_exports::example_provider_api::*;');
    expect(read(app, 'Cargo.toml')).toContain('members = ["components-rust/*", "common-rust/*"]');
  });

  it('wit-parser accepts the component WIT', async () => {
    const wit = read(app, 'components-rust/example-provider/wit/example-provider.wit');
    expect(wit).toContain('package example:provider;');
    expect(wit).toContain('interface example-provider-api {');
    expect(await checkWitDir(witCheckDir(app, 'components-rust/example-provider/wit'))).toEqual({ ok: true });
  });
});

describe('merge rules', () => {
  it('two languages: both common templates, the root files once, .gitignore entries merged in order', async () => {
    const app = tempApp();
    const planned = await createComponents(app, [
      ['ts', 'shop:cart'],
      ['rust', 'shop:pricing'],
    ]);
    expect(planned.filter((f) => f.path === 'golem.yaml')).toHaveLength(1);
    expect(planned.filter((f) => f.path === 'wit/deps/io/poll.wit')).toHaveLength(1);
    expect(existsSync(join(app, 'common-ts/golem.yaml'))).toBe(true);
    expect(existsSync(join(app, 'common-rust/golem.yaml'))).toBe(true);
    expect(existsSync(join(app, 'components-rust/shop-pricing/src/lib.rs'))).toBe(true);
    expect(planned.filter((f) => f.path === '.gitignore')).toHaveLength(1);
    expect(read(app, '.gitignore')).toBe('/dist\n/golem-temp\n/node_modules\n/target\n'); // ts's file, then rust's missing entry
  });

  it('a second component of the same language skips the common template', async () => {
    const app = tempApp();
    await createComponents(app, [['ts', 'shop:cart']]);
    const registry = loadBundledRegistry();
    const files = await planComponent({ into: new Plan(app), template: findComponentTemplate(registry, 'ts'), componentName: 'shop:stock', registry });
    expect(files.map((f) => f.path).sort()).toEqual([
      'components-ts/shop-stock/golem.yaml',
      'components-ts/shop-stock/package.json',
      'components-ts/shop-stock/rollup.config.mjs',
      'components-ts/shop-stock/src/main.ts',
      'components-ts/shop-stock/tsconfig.json',
      'components-ts/shop-stock/wit/main.wit',
    ]);
    expect(files.every((f) => f.onExisting === 'fail')).toBe(true);
  });

  it('common files are planned as skip when the skip-if-exists file is missing but others exist', async () => {
    const app = tempApp();
    writeFileSync(join(app, 'golem.yaml'), '# mine\n');
    await createComponents(app, [['ts', 'shop:cart']]);
    expect(read(app, 'golem.yaml')).toBe('# mine\n');
  });

  it('an existing component is refused, naming the file, and nothing is planned', async () => {
    const app = tempApp();
    await createComponents(app, [['ts', 'shop:cart']]);
    const registry = loadBundledRegistry();
    await expect(planComponent({ into: new Plan(app), template: findComponentTemplate(registry, 'ts'), componentName: 'shop:cart', registry })).rejects.toThrow(
      /component shop:cart already exists: components-ts\/shop-cart\/golem.yaml/,
    );
  });

  it('.gitignore merges into an existing file by appending the missing entries (unlike golem, which sorts)', async () => {
    const app = tempApp();
    writeFileSync(join(app, '.gitignore'), '# mine\n/zzz\n\n/golem-temp\n');
    await createComponents(app, [['rust', 'shop:cart']]);
    expect(read(app, '.gitignore')).toBe('# mine\n/zzz\n\n/golem-temp\n/target\n');
  });

  it('the same component twice in one run is refused', async () => {
    const app = tempApp();
    await expect(
      createComponents(app, [
        ['ts', 'shop:cart'],
        ['ts', 'shop:cart'],
      ]),
    ).rejects.toThrow(/already exists/);
  });

  it('--overwrite plans component files as replace', async () => {
    const app = tempApp();
    mkdirSync(join(app, 'components-ts/shop-cart'), { recursive: true });
    writeFileSync(join(app, 'components-ts/shop-cart/golem.yaml'), 'old');
    const registry = loadBundledRegistry();
    const files = await planComponent({ into: new Plan(app), template: findComponentTemplate(registry, 'ts'), componentName: 'shop:cart', registry, overwrite: true });
    expect(files.find((f) => f.path === 'components-ts/shop-cart/golem.yaml')?.onExisting).toBe('replace');
  });
});

describe('findComponentTemplate', () => {
  const registry = loadBundledRegistry();
  it('maps a language to its default template, as Golem', () => {
    expect(findComponentTemplate(registry, 'ts').id).toBe('ts/default');
    expect(findComponentTemplate(registry, 'typescript').id).toBe('ts/default');
    expect(findComponentTemplate(registry, 'rust/default').id).toBe('rust/default');
  });
  it('refuses unknown ids listing the valid ones', () => {
    const hint = (id: string) => {
      try {
        findComponentTemplate(registry, id);
      } catch (e) {
        return `${(e as Error).message} | ${(e as { hint: string }).hint}`;
      }
      return 'found';
    };
    expect(hint('kotlin')).toBe(
      "unknown template 'kotlin' | Templates are <language>/<name>, for ts, rust, go, js, python, moonbit, scalajs; 'create-golem-app templates list' shows them (or give a folder path).",
    );
    expect(hint('ts/nope')).toBe("unknown template 'ts/nope' | TypeScript templates: ts/default, ts/ephemeral, ts/caller, ts/example-fetch (or a folder path).");
    expect(hint('zig/nope')).toMatch(/^unknown template 'zig\/nope' \| Templates are <language>\/<name>, for ts, /);
  });
  it("finds golem's templates by golem's ids and language aliases, to be fetched from golem-cli v1.2.5", () => {
    for (const [id, canonical] of [
      ['go', 'go/default'],
      ['py/wasi-http', 'python/wasi-http'],
      ['scala', 'scalajs/default'],
      ['mbt', 'moonbit/default'],
      ['javascript/example-fetch', 'js/example-fetch'],
    ]) {
      const t = findComponentTemplate(registry, id!);
      expect([t.id, t.path, t.source]).toEqual([
        canonical,
        '',
        `github:golemcloud/golem-cli/golem-templates/templates/${t.language}/${t.language}-app-component-${canonical!.split('/')[1]}#v1.2.5`,
      ]);
    }
  });
  it("refuses golem's C and Zig templates (their common templates need Golem's WASI adapter)", () => {
    for (const id of ['c', 'c++/example-http', 'zig/default']) expect(() => findComponentTemplate(registry, id)).toThrow(/requires Golem's WASI adapter/);
  });
  it('refuses a common template', () => {
    expect(() => findComponentTemplate(registry, 'ts/common')).toThrow(/common template/);
  });
});
