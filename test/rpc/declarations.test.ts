/**
 * TypeScript declarations on generate (issue 18), the parts that need no installed jco: how a
 * component's guest-types build step is read (never run), what commands say when the app's
 * packages are not installed, and the import / constructor lines `add dependency` prints. With
 * the packages installed (jco 1.10.2 really generating), see test/build/declarations.build.ts.
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadApp } from '../../src/app/index.js';
import { guestTypesStep, jcoOptions } from '../../src/rpc/declarations.js';
import { runCli, snapshotTree, tempDir } from '../helpers/cli.js';

/** An app made by the built CLI. */
function created(args: string[]): string {
  const parent = tempDir('cga-decl-');
  const r = runCli(['app', '--yes', '--no-git', ...args], { cwd: parent });
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  return join(parent, 'app');
}

describe("a TS component's guest-types build step, read", () => {
  it("Golem's common TS template: wit-generated in, src/generated out (cleared by rmdirs), the wrapper's options", () => {
    const root = created(['--component', 'example:provider']);
    const component = loadApp(root).components.get('example:provider')!;
    const step = guestTypesStep(component)!;
    expect(step.wit).toBe(join(root, 'components-ts/example-provider/wit-generated'));
    expect(step.outDir).toBe(join(root, 'components-ts/example-provider/src/generated'));
    expect(step.clearsOutDir).toBe(true);
    expect(step.command).toContain('${JCO_ASYNC_EXPORT_ARGS}');
    const words = ['wit-generated', '--async-mode', 'jspi', '--async-wasi-exports', '--async-imports', 'a:b/c#f', '--async-imports', 'a:b/c#g', '-o', 'src/generated'];
    expect(jcoOptions(words, step.wit)).toEqual({ name: 'wit-generated', guest: true, asyncMode: 'jspi', asyncWasiExports: true, asyncImports: ['a:b/c#f', 'a:b/c#g'] });
  });

  it("options as jco's guest-types reads them: a bare --async-mode is sync, repeated features, a world, a name", () => {
    expect(jcoOptions(['wit', '--async-mode', '-o', 'out', '--feature', 'x', '--feature', 'y', '-n', 'w', '--name', 'types', '-q'], '/a/wit')).toEqual({
      name: 'types',
      guest: true,
      asyncMode: 'sync',
      feature: ['x', 'y'],
      worldName: 'w',
    });
    expect(jcoOptions(['wit', '--all-features', '--async-exports', 'w#f', 'w#g', '-o', 'out'], '/a/wit.wit')).toEqual({
      name: 'wit',
      guest: true,
      allFeatures: true,
      asyncExports: ['w#f', 'w#g'],
    });
  });

  it('an option it does not know, or a second WIT path, is a reason to leave the component alone', () => {
    expect(jcoOptions(['wit', '--tla-compat', '-o', 'out'], '/a/wit')).toMatch(/'--tla-compat', which create-golem-app does not know/);
    expect(jcoOptions(['wit', 'other', '-o', 'out'], '/a/wit')).toMatch(/'other'/);
  });

  it('Rust components and TS components without a guest-types step have none', () => {
    const root = created(['--component', 'example:provider', '--component', 'example:rusty', '-t', 'ts', '-t', 'rust']);
    expect(guestTypesStep(loadApp(root).components.get('example:rusty')!)).toBeUndefined();
  });
});

describe("without the app's packages", () => {
  it('create prints the generate step after the install step for TS apps, not for Rust-only apps', () => {
    const parent = tempDir('cga-decl-');
    const ts = runCli(['app', '--yes', '--no-git', '--component', 'example:provider'], { cwd: parent });
    expect(ts.stdout).toMatch(
      / {2}npm install\n {2}npx create-golem-app generate {2,}# TypeScript declarations in src\/generated \(golem app build writes them too\)\n {2}golem app build/,
    );
    const rust = runCli(['rusty', '--yes', '--no-git', '--component', 'example:rusty', '-t', 'rust'], { cwd: parent });
    expect(rust.code).toBe(0);
    expect(rust.stdout).not.toContain('create-golem-app generate');
  });

  it('generate writes the WIT, no declarations, and says how to complete them', () => {
    const root = created(['--component', 'example:provider', '--component', 'example:caller', '-t', 'ts', '-t', 'ts/caller', '--target', 'example:provider']);
    const r = runCli(['generate'], { cwd: root });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(
      "The TypeScript declarations (src/generated) of example:caller, example:provider need the app's packages: run npm install, then npx create-golem-app generate (golem app build writes them too).",
    );
    expect(existsSync(join(root, 'components-ts/example-caller/src/generated'))).toBe(false);
    expect(existsSync(join(root, 'golem-temp/ts-declarations'))).toBe(false);
  });

  it('a jco outside the app (a parent folder has one) is not the one the build uses: nothing is generated with it', () => {
    const parent = tempDir('cga-decl-');
    // A package folder named like jco above the app: Node would find it, the build's wrapper would not.
    const outside = join(parent, 'node_modules', '@bytecodealliance', 'jco');
    mkdirSync(join(outside, 'src'), { recursive: true });
    writeFileSync(join(outside, 'package.json'), JSON.stringify({ name: '@bytecodealliance/jco', version: '0.0.0', type: 'module', exports: { '.': './src/api.js' } }));
    writeFileSync(join(outside, 'src', 'api.js'), 'throw new Error("the jco outside the app was loaded");\n');
    expect(runCli(['app', '--yes', '--no-git', '--component', 'example:provider'], { cwd: parent }).code).toBe(0);
    const root = join(parent, 'app');
    const before = snapshotTree(root);
    const r = runCli(['generate'], { cwd: root });
    expect(r.stderr).toBe('');
    expect(r.stdout).toContain("need the app's packages");
    expect(snapshotTree(root)).toEqual(before);
  });
});

describe('add dependency shows how to reach the new client from code', () => {
  it('a TS caller: the import line and a constructor call', () => {
    const root = created(['--component', 'example:provider', '--component', 'example:caller']);
    const r = runCli(['add', 'dependency', 'example:caller', 'example:provider'], { cwd: root });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(
      'Use the client of example:provider in example:caller:\n  import { ExampleProviderApi } from "example:provider-client/example-provider-client";\n  const exampleProviderApi = new ExampleProviderApi("worker-1");\n',
    );
  });

  it('a Rust caller: the use line and a constructor call', () => {
    const root = created(['--component', 'example:provider', '--component', 'example:rusty', '-t', 'ts', '-t', 'rust']);
    const r = runCli(['add', 'dependency', 'example:rusty', 'example:provider'], { cwd: root });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(
      'Use the client of example:provider in example:rusty:\n  use crate::bindings::example::provider_client::example_provider_client::ExampleProviderApi;\n  let example_provider_api = ExampleProviderApi::new("worker-1");\n',
    );
  });

  it('an ephemeral target: the constructor names no worker', () => {
    const root = created(['--component', 'example:provider', '--component', 'example:caller', '-t', 'ts/ephemeral', '-t', 'ts']);
    const r = runCli(['add', 'dependency', 'example:caller', 'example:provider'], { cwd: root });
    expect(r.stdout).toContain('  const exampleProviderApi = new ExampleProviderApi();\n');
  });

  it('nothing is printed when the dependency was already there', () => {
    const root = created(['--component', 'example:provider', '--component', 'example:caller']);
    runCli(['add', 'dependency', 'example:caller', 'example:provider'], { cwd: root });
    const again = runCli(['add', 'dependency', 'example:caller', 'example:provider'], { cwd: root });
    expect(again.code).toBe(0);
    expect(again.stdout).not.toContain('Use the client');
  });
});
