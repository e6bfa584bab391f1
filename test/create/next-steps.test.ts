/**
 * The next steps after `create` and `add component`, per language: the Golem CLI version the app
 * is for, what each language's build needs, the install when the app is a Node package nothing
 * installed, then build, deploy and `golem worker invoke` of the example as golem-cli 1.2.5 spells
 * the function (checked against the generated WIT the component is built from).
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, tempDir } from '../helpers/cli.js';

/** The lines after "Next steps:". */
function nextSteps(stdout: string): string[] {
  const at = stdout.indexOf('Next steps:\n');
  expect(at, stdout).toBeGreaterThanOrEqual(0);
  return stdout
    .slice(at + 'Next steps:\n'.length)
    .trimEnd()
    .split('\n');
}

const GOLEM = 'Needs Golem CLI 1.2.5 (golem) and a running Golem (locally: golem server run).';
const TS_NEEDS = 'TypeScript builds need Node.js 20 or later (jco, rollup and tsc come with the install).';
const RUST_NEEDS = 'Rust builds need cargo-component (cargo install cargo-component) and the wasm32-wasip1 target (rustup target add wasm32-wasip1).';

describe('create', () => {
  it('TypeScript provider and caller: install, build, deploy, invoke run-example; Golem 1.2.5 and Node', () => {
    const base = tempDir();
    const r = runCli(['shop', '--yes', '--no-git', '--component', 'shop:stock', '--component', 'shop:cart', '-t', 'ts', '-t', 'ts/caller', '--target', 'shop:stock'], {
      cwd: base,
    });
    expect(r.code, r.stderr).toBe(0);
    expect(nextSteps(r.stdout)).toEqual([
      '  cd shop',
      '  npm install',
      '  npx create-golem-app generate      # TypeScript declarations in src/generated (golem app build writes them too)',
      '  golem app build',
      '  golem app deploy',
      "  golem worker invoke shop:cart/worker-1 'shop:cart-exports/shop-cart-api.{run-example}'",
      '',
      GOLEM,
      TS_NEEDS,
    ]);
    // The function is where golem finds it: the exports package of the world the component is built from.
    const generated = join(base, 'shop/components-ts/shop-cart/wit-generated');
    expect(readFileSync(join(generated, 'main.wit'), 'utf8')).toContain('export shop:cart-exports/shop-cart-api;');
    const exportsWit = readFileSync(join(generated, 'deps/shop_cart-exports/exports.wit'), 'utf8');
    expect(exportsWit).toMatch(/package shop:cart-exports;[\s\S]*interface shop-cart-api \{[\s\S]*run-example: func\(\)/);
  });

  it('Rust: no package install; cargo-component and wasm32-wasip1; a function without arguments is invoked', () => {
    const base = tempDir();
    const r = runCli(['crab', '--yes', '--no-git', '-t', 'rust', '--component', 'crab:stock'], { cwd: base });
    expect(r.code, r.stderr).toBe(0);
    expect(nextSteps(r.stdout)).toEqual([
      '  cd crab',
      '  golem app build',
      '  golem app deploy',
      "  golem worker invoke crab:stock/worker-1 'crab:stock-exports/crab-stock-api.{get}'",
      '',
      GOLEM,
      RUST_NEEDS,
    ]);
  });

  it('both languages: both needs, in the order of the components', () => {
    const base = tempDir();
    const r = runCli(['mixed', '--yes', '--no-git', '--component', 'm:a', '--component', 'm:b', '-t', 'rust', '-t', 'ts'], { cwd: base });
    expect(r.code, r.stderr).toBe(0);
    const steps = nextSteps(r.stdout);
    expect(steps).toContain('  npm install');
    expect(steps.slice(-2)).toEqual([RUST_NEEDS, TS_NEEDS]);
  });

  it('an ephemeral component is invoked as <component>/-', () => {
    const base = tempDir();
    const r = runCli(['eph', '--yes', '--no-git', '-t', 'ts/ephemeral', '--component', 'eph:worker'], { cwd: base });
    expect(r.code, r.stderr).toBe(0);
    expect(nextSteps(r.stdout)).toContain("  golem worker invoke eph:worker/- 'eph:worker-exports/eph-worker-api.{get}'");
  });

  it('an --overwrite re-run keeps the install in the next steps; an installed app drops it', () => {
    const base = tempDir();
    expect(runCli(['again', '--yes', '--no-git', '--component', 'a:one'], { cwd: base }).code).toBe(0);
    const rerun = runCli(['again', '--yes', '--no-git', '--overwrite', '--component', 'a:two'], { cwd: base });
    expect(rerun.code, rerun.stderr).toBe(0);
    expect(nextSteps(rerun.stdout)).toContain('  npm install');
    mkdirSync(join(base, 'again/node_modules'));
    const installed = runCli(['again', '--yes', '--no-git', '--overwrite', '--component', 'a:three'], { cwd: base });
    expect(installed.code, installed.stderr).toBe(0);
    expect(nextSteps(installed.stdout)).not.toContain('  npm install');
  });
});

describe('add component', () => {
  it('the first TS component of a Rust app brings npm install and the TS needs', () => {
    const base = tempDir();
    expect(runCli(['crab', '--yes', '--no-git', '-t', 'rust', '--component', 'crab:stock'], { cwd: base }).code).toBe(0);
    const app = join(base, 'crab');
    const r = runCli(['add', 'component', 'ts', 'crab:web'], { cwd: app });
    expect(r.code, r.stderr).toBe(0);
    expect(nextSteps(r.stdout)).toEqual([
      '  npm install',
      '  golem app build',
      '  golem app deploy',
      "  golem worker invoke crab:web/worker-1 'crab:web-exports/crab-web-api.{get}'",
      '',
      GOLEM,
      TS_NEEDS,
    ]);
  });

  it('another component of a language the app has: no needs repeated; the caller example is invoked', () => {
    const base = tempDir();
    expect(runCli(['shop', '--yes', '--no-git', '--component', 'shop:stock'], { cwd: base }).code).toBe(0);
    const app = join(base, 'shop');
    mkdirSync(join(app, 'node_modules'));
    const r = runCli(['add', 'component', 'ts/caller', 'shop:cart', '--target', 'shop:stock'], { cwd: app });
    expect(r.code, r.stderr).toBe(0);
    expect(nextSteps(r.stdout)).toEqual([
      '  golem app build',
      '  golem app deploy',
      "  golem worker invoke shop:cart/worker-1 'shop:cart-exports/shop-cart-api.{run-example}'",
      '',
      GOLEM,
    ]);
  });
});
