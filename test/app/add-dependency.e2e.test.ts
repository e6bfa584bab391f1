/**
 * `create-golem-app add dependency` through the built CLI, on apps made by `create-golem-app`:
 * success paths, the golem.yaml it leaves (still valid against Golem's schema and still
 * loading), the caller's clients generated right after, and bad inputs that must change nothing.
 */
import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadApp } from '../../src/app/index.js';
import { errorOf, runCli, snapshotTree, tempDir } from '../helpers/cli.js';
import { schemaErrors } from '../helpers/schema.js';
import { checkWitDir, stopOracle } from '../helpers/wit-oracle.js';

const CALLER = 'components-ts/example-caller/golem.yaml';
const PROVIDER = 'components-ts/example-provider/golem.yaml';

// dist/ is built once per run by test/global-setup.ts.
afterAll(stopOracle);

/** A fresh app with example:provider and example:caller, made by `create-golem-app`. */
function newApp(): string {
  const parent = tempDir('cga-e2e-');
  const created = runCli(['my-app', '--yes', '--no-git', '--component', 'example:provider', '--component', 'example:caller'], { cwd: parent });
  expect(created.stderr).toBe('');
  expect(created.code).toBe(0);
  return join(parent, 'my-app');
}

const read = (root: string, rel: string) => readFileSync(join(root, rel), 'utf8');

/** Every golem.yaml of the app validates against Golem's schema 1.2.5, reading the CLI's `static-wasm-rpc` as the schema's spelling. */
function expectSchemaValid(root: string) {
  for (const file of loadApp(root).manifests) {
    const text = readFileSync(file, 'utf8').replace(/type: static-wasm-rpc/g, 'type: wasm-rpc-static');
    expect(schemaErrors(text), file).toEqual([]);
  }
}

const deps = (root: string) => loadApp(root).dependencies.map((d) => `${d.source} -> ${d.target} ${d.type} @${d.manifestPath.slice(root.length + 1)}`);

describe('add dependency (CLI)', () => {
  it("adds caller → provider into the caller's golem.yaml (no dependencies key yet), prints the lines, generates the clients", async () => {
    const root = newApp();
    const before = read(root, CALLER);
    expect(before).not.toMatch(/^dependencies:/m);
    const r = runCli(['add', 'dependency', 'example:caller', 'example:provider'], { cwd: join(root, 'components-ts') });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Added dependency example:caller → example:provider (wasm-rpc) in example-caller/golem.yaml');
    expect(r.stdout).toMatch(/^\s+\d+ \+ {3}- target: example:provider$/m);
    const after = read(root, CALLER);
    expect(after).toContain('dependencies:\n  example:caller:\n  - target: example:provider\n    type: wasm-rpc\n');
    // Only the new section was added (after a blank line, as the file separates its sections); every other byte is kept.
    expect(after).toBe(before.replace('    template: ts\n', '    template: ts\n\ndependencies:\n  example:caller:\n  - target: example:provider\n    type: wasm-rpc\n'));
    expect(deps(root)).toEqual([`example:caller -> example:provider wasm-rpc @${CALLER}`]);
    expectSchemaValid(root);
    // Then the caller's clients were generated, and wit-parser accepts its generated WIT.
    const generated = join(root, 'components-ts/example-caller/wit-generated');
    expect(existsSync(join(generated, 'deps/example_provider-client/client.wit'))).toBe(true);
    expect(read(root, 'components-ts/example-caller/wit-generated/main.wit')).toContain('import example:provider-client/example-provider-client;');
    expect(await checkWitDir(generated)).toEqual({ ok: true });
  });

  it('adds a self-dependency, changes its type in place, and does not duplicate on re-add', () => {
    const root = newApp();
    expect(runCli(['add', 'dependency', 'example:provider', 'example:provider', '--app', root]).code).toBe(0);
    const once = read(root, PROVIDER);
    const changed = runCli(['add', 'dependency', 'example:provider', 'example:provider', '--type', 'static-wasm-rpc', '--app', root]);
    expect(changed.code).toBe(0);
    expect(changed.stdout).toContain('note: Golem marks static-wasm-rpc as deprecated, and building its client needs a Rust toolchain (cargo).');
    expect(changed.stdout).toContain('Updated dependency example:provider → example:provider (static-wasm-rpc)');
    const twice = read(root, PROVIDER);
    expect(twice).toBe(once.replace('    type: wasm-rpc\n', '    type: static-wasm-rpc\n'));
    const snapshot = snapshotTree(root);
    const again = runCli(['add', 'dependency', 'example:provider', 'example:provider', '--type', 'static-wasm-rpc', '--app', root]);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('is already declared in');
    expect(snapshotTree(root)).toEqual(snapshot);
    expect(deps(root)).toEqual([`example:provider -> example:provider static-wasm-rpc @${PROVIDER}`]);
    expectSchemaValid(root);
  });

  it('undoes the golem.yaml edit when client generation fails, leaving every file as it was', () => {
    const root = newApp();
    const wit = 'components-ts/example-provider/wit/main.wit';
    writeFileSync(join(root, wit), read(root, wit).replace('get: func() -> u64;', 'get: func() -> u64'));
    const before = snapshotTree(root);
    const r = runCli(['add', 'dependency', 'example:caller', 'example:provider'], { cwd: root });
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('Added dependency example:caller → example:provider');
    expect(r.stdout).toMatch(/nothing was changed: components-ts\/example-caller\/golem\.yaml restored\.\n/);
    // stderr is the error line and at most a hint, nothing before it
    expect(r.stderr.trimEnd().split('\n').length).toBeLessThanOrEqual(2);
    expect(r.stderr).toMatch(/^error: .*main\.wit/);
    expect(snapshotTree(root)).toEqual(before);
  });

  it('writes into the root golem.yaml with --manifest root', () => {
    const root = newApp();
    const r = runCli(['add', 'dependency', 'example:caller', 'example:provider', '--manifest', 'root'], { cwd: root });
    expect(r.code).toBe(0);
    expect(read(root, 'golem.yaml')).toMatch(/\ndependencies:\n {2}example:caller:\n {2}- target: example:provider\n {4}type: wasm-rpc\n$/);
    expect(deps(root)).toEqual(['example:caller -> example:provider wasm-rpc @golem.yaml']);
    expectSchemaValid(root);
  });
});

describe('add dependency (CLI), bad inputs change nothing', () => {
  it('a missing name without a terminal is a usage error (exit 2), nothing asked', () => {
    const root = newApp();
    const before = snapshotTree(root);
    const r = runCli(['add', 'dependency', 'example:caller'], { cwd: root });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^error: missing argument <target> \(or --path \/ --url\)\.\n {2}Usage: create-golem-app add dependency/);
    errorOf(r.stderr);
    expect(snapshotTree(root)).toEqual(before);
  });

  const cases: [string, (root: string) => string[], RegExp][] = [
    [
      'unknown component',
      () => ['example:calller', 'example:provider'],
      /^error: component 'example:calller' not found, available components: example:caller, example:provider\.\n {2}Did you mean 'example:caller'\?$/,
    ],
    [
      'unknown target',
      () => ['example:caller', 'example:nobody'],
      /^error: target component 'example:nobody' not found, available components: example:caller, example:provider\.\n {2}Use one of the available components\.$/,
    ],
    ['bad type', () => ['example:caller', 'example:provider', '--type', 'wasm-rpc-static'], /^error: unknown --type 'wasm-rpc-static'\.\n {2}Use 'static-wasm-rpc'/],
    ['bad --manifest', () => ['example:caller', 'example:provider', '--manifest', 'component'], /^error: unknown --manifest 'component'/],
    [
      'malformed golem.yaml',
      (root) => {
        writeFileSync(join(root, CALLER), 'components:\n  example:caller:\n    template: [ts\n');
        return ['example:caller', 'example:provider'];
      },
      /^error: .*example-caller\/golem\.yaml:4:1: invalid YAML: /,
    ],
    [
      'an alias in golem.yaml (read as written, never misread as a word)',
      (root) => {
        writeFileSync(join(root, CALLER), 'components:\n  example:caller: &c\n    template: ts\n  example:other: *c\n');
        return ['example:caller', 'example:provider'];
      },
      /^error: .*example-caller\/golem\.yaml:4:18: YAML alias '\*c' is not supported in golem\.yaml by create-golem-app\.\n {2}Write the value out/,
    ],
    [
      'a second YAML document in golem.yaml',
      (root) => {
        writeFileSync(join(root, CALLER), `${read(root, CALLER)}---\nfoo: 1\n`);
        return ['example:caller', 'example:provider'];
      },
      /^error: .*example-caller\/golem\.yaml:\d+:1: invalid YAML: a second document starts here \(a golem\.yaml holds one\)\.\n/,
    ],
    [
      'read-only golem.yaml',
      (root) => {
        chmodSync(join(root, CALLER), 0o444);
        return ['example:caller', 'example:provider'];
      },
      /^error: .*example-caller\/golem\.yaml is read-only \(mode 444\)\.\n {2}Nothing was written/,
    ],
    ['not inside an app', () => ['example:caller', 'example:provider', '--app', tempDir()], /^error: --app .*: .* has no golem.yaml/],
  ];
  it.each(cases)('%s', (_name, setup, message) => {
    const root = newApp();
    const args = setup(root);
    const before = snapshotTree(root);
    const r = runCli(['add', 'dependency', ...args], { cwd: root });
    expect(r.code).not.toBe(0);
    expect(r.stderr.trimEnd()).toMatch(message);
    errorOf(r.stderr);
    expect(snapshotTree(root)).toEqual(before);
  });
});
