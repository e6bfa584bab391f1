/**
 * Issue 16: every template golem-cli 1.2.5 offers, under golem's ids, from golem-cli's repository
 * at tag v1.2.5 through the degit path. degit's cache is pre-seeded with a stand-in snapshot laid
 * out like golem-cli@v1.2.5 (golem-standin.ts) and the built CLI runs `--offline`.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadApp } from '../../src/app/index.js';
import { runCli, snapshotTree, tempDir, type CliResult } from '../helpers/cli.js';
import { GOLEM_TAG, seedGolemCli, STANDIN_COMMIT } from './golem-standin.js';
import { read } from './helpers.js';

/** golem-cli v1.2.5's `golem-templates/templates/<lang>/<lang>-app-component-<name>` folders, as ids. */
const GOLEM_COMPONENT_IDS = [
  'ts/default',
  'ts/example-fetch',
  'rust/default',
  'rust/async',
  'rust/custom-snapshot',
  'rust/example-gitpulse-agent',
  'rust/example-shopping-cart',
  'rust/example-todo-list',
  'rust/minimal',
  'rust/oplog-processor',
  'rust/wasi-http',
  'go/default',
  'go/wasi-http',
  'js/default',
  'js/example-fetch',
  'js/wasi-http',
  'python/default',
  'python/example-gitpulse-agent',
  'python/wasi-http',
  'moonbit/default',
  'scalajs/default',
  'c/default',
  'c/example-http',
  'zig/default',
];
/** Ours, not golem's: the TS and Rust counters, ephemeral counters and callers. */
const OUR_IDS = ['ts/default', 'ts/ephemeral', 'ts/caller', 'rust/default', 'rust/ephemeral', 'rust/caller'];
const UNSUPPORTED = ['c/default', 'c/example-http', 'zig/default'];

const SOURCE = /^github:golemcloud\/golem-cli\/golem-templates\/templates\/([a-z]+)\/\1-app-(common|component-[a-z-]+)#v1\.2\.5$/;

interface Row {
  id: string;
  kind: string;
  language: string;
  registry: string;
  source?: string;
  supported: boolean;
}

/** A home with empty config and a cache whose degit part holds the stand-in golem-cli@v1.2.5. */
function home(seed = true): { dir: string; env: { HOME: string; XDG_CONFIG_HOME: string; XDG_CACHE_HOME: string }; cli: (args: string[], cwd?: string) => CliResult } {
  const dir = tempDir('cga-golem-');
  const env = { HOME: dir, XDG_CONFIG_HOME: join(dir, 'config'), XDG_CACHE_HOME: join(dir, 'cache') };
  if (seed) seedGolemCli(env.XDG_CACHE_HOME);
  return { dir, env, cli: (args, cwd = dir) => runCli(args, { cwd, env }) };
}

const lines = (text: string) => text.trim().split('\n');

describe('templates list', () => {
  const { cli } = home(false);

  it('--json lists every golem 1.2.5 template id, from golem-cli at v1.2.5 (ours for TS and Rust), C and Zig unsupported', () => {
    const r = cli(['templates', 'list', '--json']);
    expect(r.code).toBe(0);
    const rows = JSON.parse(r.stdout) as Row[];
    const components = rows.filter((x) => x.kind === 'component');
    expect(components.map((x) => x.id).sort()).toEqual([...new Set([...GOLEM_COMPONENT_IDS, ...OUR_IDS])].sort());
    for (const row of rows) {
      const ours = OUR_IDS.includes(row.id) || row.id === 'ts/common' || row.id === 'rust/common';
      expect([row.id, row.registry, row.source === undefined]).toEqual([row.id, 'bundled', ours]);
      if (ours) continue;
      // The subfolder names the template as golem does: `<lang>-app-component-<name>` is `<lang>/<name>`.
      const [, lang, folder] = SOURCE.exec(row.source!) ?? [];
      expect([row.id, lang, folder]).toEqual([row.id, row.language, row.kind === 'common' ? 'common' : `component-${row.id.slice(lang!.length + 1)}`]);
      expect(row.id.startsWith(`${lang}/`)).toBe(true);
    }
    expect(rows.filter((x) => !x.supported).map((x) => x.id)).toEqual(['c/common', ...UNSUPPORTED.slice(0, 2), 'zig/common', 'zig/default']);
    expect(rows.filter((x) => x.kind === 'common').map((x) => x.language)).toEqual(['ts', 'rust', 'go', 'js', 'python', 'moonbit', 'scalajs', 'c', 'zig']);
  });

  it('shows language, description and where each comes from; C and Zig marked as not supported', () => {
    const r = cli(['templates', 'list']);
    expect(r.code).toBe(0);
    const out = lines(r.stdout);
    for (const heading of ['TypeScript (ts)', 'Rust (rust)', 'Go (go)', 'JavaScript (js)', 'Python (python)', 'MoonBit (moonbit)', 'Scala.js (scalajs)', 'C (c)', 'Zig (zig)']) {
      expect(out).toContain(heading);
    }
    expect(out).toContainEqual(
      expect.stringMatching(/^ {2}rust\/example-shopping-cart +provider +golem-cli 1\.2\.5's example: a stateful shopping cart {2}\[golem-cli v1\.2\.5\]$/),
    );
    expect(out).toContainEqual(expect.stringMatching(/^ {2}ts\/default +provider +A counter \(add\/get\) provider {2}\[bundled\]$/));
    for (const id of UNSUPPORTED) {
      expect(out).toContainEqual(expect.stringMatching(new RegExp(`^ {2}${id} .* — not supported: needs Golem's WASI adapter {2}\\[golem-cli v1\\.2\\.5\\]$`)));
    }
    expect(out.filter((l) => l.includes('not supported'))).toHaveLength(UNSUPPORTED.length);
  });

  it("accepts golem's language aliases", () => {
    const python = JSON.parse(cli(['templates', 'list', '--json', '--language', 'py']).stdout) as Row[];
    expect(python.map((x) => x.id)).toEqual(['python/common', 'python/default', 'python/example-gitpulse-agent', 'python/wasi-http']);
    for (const [alias, language] of [
      ['typescript', 'ts'],
      ['javascript', 'js'],
      ['cpp', 'c'],
      ['c++', 'c'],
      ['mbt', 'moonbit'],
      ['moon', 'moonbit'],
      ['scala', 'scalajs'],
    ]) {
      const rows = JSON.parse(cli(['templates', 'list', '--json', '--language', alias!]).stdout) as Row[];
      expect([alias, rows.length > 0 && rows.every((x) => x.language === language)]).toEqual([alias, true]);
    }
  });
});

describe("golem's templates through degit, offline from a seeded cache", () => {
  it("rust/example-shopping-cart: golem's component in our Rust workspace (golem-rust =1.5.5, reqwest)", () => {
    const h = home();
    const r = h.cli(['shop', '--yes', '--no-git', '--offline', '--component', 'shop:cart', '--template', 'rust/example-shopping-cart']);
    expect([r.code, r.stderr]).toEqual([0, '']);
    const app = join(h.dir, 'shop');
    // Our common template, not golem's stand-in one; the workspace keys as golem writes them.
    const workspace = read(app, 'Cargo.toml');
    expect(workspace).not.toContain('stand-in');
    expect(workspace).toContain('golem-rust = { version = "=1.5.5", features = ["export_load_snapshot", "export_save_snapshot", "export_oplog_processor"] }\n');
    expect(workspace).toContain('reqwest = { git = "https://github.com/zivergetech/reqwest", branch = "update-april-2025", features = ["json"] }\n');
    // The template's own files, with golem's placeholders substituted.
    const cargo = read(app, 'components-rust/shop-cart/Cargo.toml');
    expect(cargo).toContain('name = "shop_cart"\n');
    expect(cargo).toContain('reqwest = { workspace = true }\n');
    expect(read(app, 'components-rust/shop-cart/src/lib.rs')).toContain('use crate::bindings::exports::shop::cart_exports::shop_cart_api::*;');
    expect(read(app, 'components-rust/shop-cart/wit/shop-cart.wit')).toMatch(/^package shop:cart;\n/);
    expect(read(app, '.gitignore')).toBe('/golem-temp\n/target\n');
    // Generated as `golem app build` would first: the component's wit-generated exports its API.
    const component = loadApp(app, { explicitRoot: true }).components.get('shop:cart')!;
    expect(component.template).toBe('rust');
    expect(readdirSync(component.generatedWit)).toContain('shop-cart.wit');
    expect(r.stdout).toContain('Rust builds need cargo-component (cargo install cargo-component) and the wasm32-wasip1 target (rustup target add wasm32-wasip1).');
    // Taken from degit's cache, kept in ours under the snapshot's commit.
    const hosted = join(h.env.XDG_CACHE_HOME, 'create-golem-app', 'hosted');
    expect(readdirSync(hosted).flatMap((key) => readdirSync(join(hosted, key)))).toEqual([STANDIN_COMMIT]);
  });

  it('ts/example-fetch, with our TS common template; then add component with golem ids and aliases', () => {
    const h = home();
    const r = h.cli(['shop', '--yes', '--no-git', '--offline', '--component', 'shop:fetcher', '--template', 'typescript/example-fetch']);
    expect([r.code, r.stderr]).toEqual([0, '']);
    const app = join(h.dir, 'shop');
    expect(JSON.parse(read(app, 'package.json')).name).toBe('app');
    expect(read(app, 'components-ts/shop-fetcher/src/main.ts')).toContain('import type * as bindings from "shop:fetcher/shop-fetcher";');
    expect(read(app, 'components-ts/shop-fetcher/golem.yaml')).toContain('  shop:fetcher:\n    template: ts\n');
    expect(existsSync(join(app, 'components-ts/shop-fetcher/wit-generated'))).toBe(true);

    const add = h.cli(['add', 'component', 'rust/example-shopping-cart', 'shop:cart', '--offline'], app);
    expect([add.code, add.stderr]).toEqual([0, '']);
    expect(add.stdout).toContain('Added shop:cart from rust/example-shopping-cart');
    const components = loadApp(app, { explicitRoot: true }).components;
    expect([...components.keys()].sort()).toEqual(['shop:cart', 'shop:fetcher']);
    expect(read(app, 'Cargo.toml')).toContain('golem-rust = { version = "=1.5.5"');
  });

  it("go/default: golem's Go common template comes along, fetched the same way", () => {
    const h = home();
    const r = h.cli(['shop', '--yes', '--no-git', '--offline', '--component', 'shop:pinger', '--template', 'go']);
    expect([r.code, r.stderr]).toEqual([0, '']);
    const app = join(h.dir, 'shop');
    expect(read(app, 'go.mod')).toBe('module app\n\ngo 1.24\n');
    expect(read(app, 'common-go/golem.yaml')).toContain('stand-in-go-build {{ component_name | to_snake_case }}');
    expect(read(app, 'components-go/shop-pinger/component/component.go')).toContain('// ShopPinger: shop:pinger');
    expect(readdirSync(join(app, 'wit/deps'))).toContain('golem-rpc');
    const component = loadApp(app, { explicitRoot: true }).components.get('shop:pinger')!;
    expect(component.template).toBe('go');
    expect(r.stdout).toContain('Go builds need Go 1.24+');
    expect(r.stdout).not.toContain('npm install');
  });

  it('offline with nothing cached: the degit error, and nothing is written', () => {
    const h = home(false);
    const r = h.cli(['shop', '--yes', '--no-git', '--offline', '--component', 'shop:cart', '--template', 'rust/minimal']);
    expect(r.code).toBe(1);
    expect(lines(r.stderr)).toEqual([
      `error: offline: no cached copy of template 'github:golemcloud/golem-cli/golem-templates/templates/rust/rust-app-component-minimal#${GOLEM_TAG}'.`,
      '  Run once without --offline to download it.',
    ]);
    expect(existsSync(join(h.dir, 'shop'))).toBe(false);
  });
});

describe("templates that need Golem's WASI adapter (C, Zig)", () => {
  /** The error line, then what to do. */
  const refusal = (id: string) => [
    `error: template ${id} requires Golem's WASI adapter (wasi_snapshot_preview1.wasm), which create-golem-app does not support.`,
    `  Create this component with golem-cli 1.2.5: golem component new ${id} <namespace:name>`,
  ];

  it.each([
    ['c', 'c/default'],
    ['cpp/example-http', 'c/example-http'],
    ['zig', 'zig/default'],
  ])('create -t %s is refused before anything is fetched or written', (template, id) => {
    const h = home();
    const r = h.cli(['shop', '--yes', '--no-git', '--offline', '--component', 'shop:x', '--template', template]);
    expect([r.code, lines(r.stderr)]).toEqual([1, refusal(id)]);
    expect(existsSync(join(h.dir, 'shop'))).toBe(false);
    expect(existsSync(join(h.env.XDG_CACHE_HOME, 'create-golem-app'))).toBe(false);
  });

  it('add component zig/default leaves an existing app byte-identical', () => {
    const h = home();
    expect(h.cli(['shop', '--yes', '--no-git', '--component', 'shop:cart']).code).toBe(0);
    const app = join(h.dir, 'shop');
    const before = snapshotTree(app);
    const r = h.cli(['add', 'component', 'zig/default', 'shop:zag', '--offline'], app);
    expect([r.code, lines(r.stderr)]).toEqual([1, refusal('zig/default')]);
    expect(snapshotTree(app)).toEqual(before);
  });

  it("golem's C template named by its source (no registry id) is refused through its language's common template", () => {
    const h = home();
    const spec = `github:golemcloud/golem-cli/golem-templates/templates/c/c-app-component-default#${GOLEM_TAG}`;
    const r = h.cli(['shop', '--yes', '--no-git', '--offline', '--component', 'shop:x', '--template', spec]);
    expect([r.code, lines(r.stderr)]).toEqual([1, refusal('c/default')]);
    expect(existsSync(join(h.dir, 'shop'))).toBe(false);
  });

  it('the interactive picker does not offer them (the option list the prompts build)', async () => {
    const { offeredTemplates } = await import('../../src/cli/prompts/templates.js');
    const { templateLanguages } = await import('../../src/cli/prompts/choices.js');
    const saved = process.env.XDG_CONFIG_HOME;
    process.env.XDG_CONFIG_HOME = join(tempDir(), 'config');
    try {
      const offered = await offeredTemplates({ cwd: tempDir() });
      expect(offered.filter((t) => t.language === 'c' || t.language === 'zig')).toEqual([]);
      expect(templateLanguages(offered)).toEqual(['ts', 'rust', 'go', 'js', 'python', 'moonbit', 'scalajs']);
    } finally {
      if (saved === undefined) delete process.env.XDG_CONFIG_HOME;
      else process.env.XDG_CONFIG_HOME = saved;
    }
  });
});

describe("golem's own C template folder (adapterTarget in its common template only)", () => {
  it('is refused naming the component template, with nothing written', async () => {
    const { golemCliStandin } = await import('./golem-standin.js');
    const templates = join(golemCliStandin(), 'golem-templates', 'templates');
    const h = home(false);
    const r = h.cli(['shop', '--yes', '--no-git', '--component', 'shop:x', '--template', join(templates, 'c', 'c-app-component-default')]);
    expect([r.code, lines(r.stderr)]).toEqual([
      1,
      [
        "error: template c/default requires Golem's WASI adapter (wasi_snapshot_preview1.wasm, copied into common-adapters/), which create-golem-app does not support.",
        '  Create this component with golem-cli 1.2.5: golem component new c/default <namespace:name>',
      ],
    ]);
    expect(existsSync(join(h.dir, 'shop'))).toBe(false);
  });
});

it('the stand-in snapshot is where degit 3.10 looks for golemcloud/golem-cli at v1.2.5', () => {
  const h = home();
  const cache = join(h.env.XDG_CACHE_HOME, 'degit', 'github', 'golemcloud', 'golem-cli');
  expect(JSON.parse(readFileSync(join(cache, 'map.json'), 'utf8'))).toEqual({ [GOLEM_TAG]: STANDIN_COMMIT });
  expect(existsSync(join(cache, `${STANDIN_COMMIT}.tar.gz`))).toBe(true);
});
