/**
 * `remove dependency` and `remove component` through the built CLI, on apps made by
 * `create-golem-app` (TS and Rust): only the dependency's lines leave a hand-commented golem.yaml,
 * the removed client leaves wit-generated (and golem-temp), Cargo.toml loses its entries, wit-parser
 * accepts what remains; a component's folder goes with every dependency on it and its generated
 * output; refusals, dry runs and bad inputs change nothing; JSON results match their schemas.
 */
import { existsSync, mkdirSync, readFileSync, renameSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadApp } from '../../src/app/index.js';
import { cacheKey } from '../../src/fs/cache.js';
import { errorOf, runCli, snapshotTree, tempDir } from '../helpers/cli.js';
import { buildComponent, pathWith, wasmToolsStandIn } from '../helpers/components.js';
import { expectJson } from '../helpers/json-schemas.js';
import { installStandInPackages, standInTools, TS_TOOLS } from '../helpers/stand-ins.js';
import { checkWitDir, stopOracle } from '../helpers/wit-oracle.js';

afterAll(stopOracle);

const CALLER = 'components-ts/example-caller/golem.yaml';
const read = (root: string, rel: string) => readFileSync(join(root, rel), 'utf8');
const deps = (root: string) => loadApp(root).dependencies.map((d) => `${d.source} -> ${d.target ?? d.path ?? d.url} (${d.type})`);

/** example:provider and example:caller (the caller template, calling the provider); `language` picks ts or rust. */
function callerApp(language: 'ts' | 'rust' = 'ts', extra: string[] = []): string {
  const parent = tempDir('cga-rm-e2e-');
  const r = runCli(
    [
      'my-app',
      '--yes',
      '--no-git',
      '--component',
      'example:provider',
      '--component',
      'example:caller',
      '-t',
      language,
      '-t',
      `${language}/caller`,
      '--target',
      'example:provider',
      ...extra,
    ],
    { cwd: parent },
  );
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  return join(parent, 'my-app');
}

/** Every file of the app but the generated ones (golem-temp/, wit-generated/), for byte-identical checks. */
function userFiles(root: string): Map<string, string> {
  return new Map([...snapshotTree(root)].filter(([path]) => !path.startsWith('golem-temp/') && !path.includes('/wit-generated/')));
}

const HAND_COMMENTED = `# The caller of the counter.
# (hand-written comments everywhere)

components:
  example:caller:   # the caller
    template: ts

# Who we call:
dependencies:
  example:caller:
  # the counter, our reason to exist
  - target: example:provider   # the provider
    # its type
    type: wasm-rpc
  # ourselves, for fan-out
  - target: example:caller
    type: wasm-rpc

# end of file, keep me
`;

describe('remove dependency (CLI)', () => {
  it('takes only its lines out of a hand-commented golem.yaml; the client leaves wit-generated; wit-parser accepts the rest', async () => {
    const root = callerApp();
    writeFileSync(join(root, CALLER), HAND_COMMENTED);
    expect(runCli(['generate'], { cwd: root }).code).toBe(0);
    const generated = join(root, 'components-ts/example-caller/wit-generated');
    expect(existsSync(join(generated, 'deps/example_provider-client/client.wit'))).toBe(true);
    const before = userFiles(root);

    const r = runCli(['remove', 'dependency', 'example:caller', 'example:provider'], { cwd: join(root, 'components-ts') });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Removed dependency example:caller → example:provider (wasm-rpc)');
    expect(r.stdout).toContain('    12 -   - target: example:provider   # the provider\n    13 -     # its type\n    14 -     type: wasm-rpc\n');
    // The caller's source still calls the client: it is told so.
    expect(r.stderr).toBe('warning: components-ts/example-caller/src/main.ts still uses the client of example:provider: remove those calls before building.\n');

    expect(read(root, CALLER)).toBe(HAND_COMMENTED.replace('  - target: example:provider   # the provider\n    # its type\n    type: wasm-rpc\n', ''));
    const after = userFiles(root);
    for (const [path, bytes] of before) if (path !== CALLER) expect(after.get(path), path).toBe(bytes);
    expect([...after.keys()]).toEqual([...before.keys()]);
    expect(deps(root)).toEqual(['example:caller -> example:caller (wasm-rpc)']);

    // The client is gone from the caller's generated WIT and from golem-temp; its own (self) client stays.
    expect(existsSync(join(generated, 'deps/example_provider-client'))).toBe(false);
    expect(existsSync(join(root, 'golem-temp/client/example_provider'))).toBe(false);
    expect(existsSync(join(generated, 'deps/example_caller-client/client.wit'))).toBe(true);
    const main = readFileSync(join(generated, 'main.wit'), 'utf8');
    expect(main).not.toContain('example:provider-client');
    expect(main).toContain('import example:caller-client/example-caller-client;');
    expect(await checkWitDir(generated)).toEqual({ ok: true });
    // Nothing left to regenerate.
    expect(runCli(['generate'], { cwd: root }).stdout).toMatch(/^generated WIT up to date/m);
  });

  it('Rust: the client leaves Cargo.toml and wit-generated', async () => {
    const root = callerApp('rust');
    const cargo = join(root, 'components-rust/example-caller/Cargo.toml');
    expect(readFileSync(cargo, 'utf8')).toContain('"example:provider-client" = { path = "wit-generated/deps/example_provider-client" }');
    const r = runCli(['remove', 'dependency', 'example:caller', 'example:provider', '--json'], { cwd: root });
    expect(r.code).toBe(0);
    const result = expectJson<{ removed: unknown[]; generated: { changed: string[]; removed: string[] } }>('remove-dependency', r.stdout);
    expect(result.removed).toEqual([{ caller: 'example:caller', type: 'wasm-rpc', target: 'example:provider', manifest: 'components-rust/example-caller/golem.yaml' }]);
    expect(result.generated.changed).toContain('components-rust/example-caller/Cargo.toml');
    expect(result.generated.removed).toContain('components-rust/example-caller/wit-generated/deps/example_provider-client/client.wit');
    const toml = readFileSync(cargo, 'utf8');
    expect(toml).not.toContain('example:provider-client');
    expect(toml).toContain('[package.metadata.component.target]');
    expect(r.stderr).toMatch(/^warning: components-rust\/example-caller\/src\/lib\.rs still uses the client of example:provider/m);
    expect(await checkWitDir(join(root, 'components-rust/example-caller/wit-generated'))).toEqual({ ok: true });
    expect(loadApp(root).dependencies).toEqual([]);
  });

  it('a wasm dependency by --path or --url; --type narrows; --dry-run writes nothing', async () => {
    const root = callerApp();
    // Real binaries: the caller's WIT is generated again after each removal, decoding the ones left.
    const lib = { 'acme:helper@1.0.0': 'interface api { f: func() -> u32; }\nworld lib { export api; }' };
    await buildComponent(join(root, 'lib/helper.wasm'), 'acme:helper/lib@1.0.0', lib);
    const cache = tempDir('cga-cache-');
    await buildComponent(join(cache, 'create-golem-app/wasm', cacheKey('https://example.com/x.wasm'), 'component.wasm'), 'acme:helper/lib@1.0.0', lib);
    const env = { PATH: pathWith(wasmToolsStandIn(join(cache, 'bin'))), XDG_CACHE_HOME: cache };
    const file = join(root, CALLER);
    const text = readFileSync(file, 'utf8').replace(
      '    type: wasm-rpc\n',
      '    type: wasm-rpc\n  - path: ./lib/helper.wasm\n    type: wasm\n  - url: https://example.com/x.wasm\n    type: wasm\n  - target: example:provider\n    type: static-wasm-rpc\n',
    );
    writeFileSync(file, text);
    const before = snapshotTree(root);
    const dry = runCli(['remove', 'dependency', 'example:caller', '--path', 'lib/helper.wasm', '--dry-run'], { cwd: root, env });
    expect(dry.code).toBe(0);
    expect(dry.stdout).toContain('Would remove dependency example:caller → ./lib/helper.wasm (wasm)');
    expect(dry.stdout).toContain('Dry run:');
    expect(snapshotTree(root)).toEqual(before);

    expect(runCli(['remove', 'dependency', 'example:caller', '--path', 'lib/helper.wasm'], { cwd: root, env }).code).toBe(0);
    expect(read(root, 'components-ts/example-caller/wit-generated/deps/acme_helper/helper.wit')).toContain('package acme:helper@1.0.0;'); // the url's copy
    expect(runCli(['remove', 'dependency', 'example:caller', '--url', 'https://example.com/x.wasm'], { cwd: root, env }).code).toBe(0);
    expect(existsSync(join(root, 'components-ts/example-caller/wit-generated/deps/acme_helper'))).toBe(false);
    expect(runCli(['remove', 'dependency', 'example:caller', 'example:provider', '--type', 'static-wasm-rpc'], { cwd: root, env }).code).toBe(0);
    expect(read(root, CALLER)).toBe(
      text.replace(
        '  - path: ./lib/helper.wasm\n    type: wasm\n  - url: https://example.com/x.wasm\n    type: wasm\n  - target: example:provider\n    type: static-wasm-rpc\n',
        '',
      ),
    );
    expect(deps(root)).toEqual(['example:caller -> example:provider (wasm-rpc)']);
  });

  it('bad requests: one error line (or the JSON error), nothing changed', () => {
    const root = callerApp();
    const before = snapshotTree(root);
    const cases: [string[], number, RegExp][] = [
      [['remove', 'dependency', 'example:caller', 'example:nope'], 1, /^example:caller has no dependency on example:nope\.$/],
      [['remove', 'dependency', 'example:provider', 'example:caller'], 1, /^example:provider has no dependency on example:caller\.$/],
      [['remove', 'dependency', 'example:nobody', 'example:caller'], 1, /^unknown component 'example:nobody'/],
      [['remove', 'dependency', 'example:caller', 'example:provider', '--path', 'x.wasm'], 2, /^give only one of a target, --path\.$/],
      [['remove', 'dependency', 'example:caller'], 2, /^missing argument <target>\.$/],
      [['remove', 'dependency', 'example:caller', 'example:provider', '--type', 'rpc'], 1, /^unknown --type 'rpc'\.$/],
    ];
    for (const [args, code, line] of cases) {
      const r = runCli(args, { cwd: root });
      expect(r.code, args.join(' ')).toBe(code);
      expect(errorOf(r.stderr).line).toMatch(line);
      const json = runCli([...args, '--json'], { cwd: root });
      expect(json.code).toBe(code);
      expect(json.stderr).toBe('');
      expect(expectJson<{ error: { message: string } }>('error', json.stdout).error.message).toMatch(line);
    }
    expect(errorOf(runCli(['remove', 'dependency', 'example:caller', 'example:nope'], { cwd: root }).stderr).hint).toBe('Its dependencies: example:provider (wasm-rpc).');
    expect(snapshotTree(root)).toEqual(before);
  });
});

describe('remove component (CLI)', () => {
  it('deletes the folder, every dependency on it, its client and base WIT; the caller is regenerated; the rest is byte-identical', async () => {
    const root = callerApp('ts', ['--dependency', 'example:caller=example:caller', '--dependency', 'example:provider=example:provider']);
    // A dependency on it declared in the root golem.yaml too.
    const rootBefore = read(root, 'golem.yaml');
    writeFileSync(join(root, 'golem.yaml'), `${rootBefore}\ndependencies:\n  example:caller:\n  - target: example:provider\n    type: static-wasm-rpc\n`);
    const before = userFiles(root);
    const callerBefore = read(root, CALLER);

    const r = runCli(['remove', 'component', 'example:provider', '--yes'], { cwd: root });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('remove component deletes user sources: the folder components-ts/example-provider/');
    expect(r.stdout).toContain('Removed example:provider: deleted components-ts/example-provider/');

    expect(existsSync(join(root, 'components-ts/example-provider'))).toBe(false);
    expect(existsSync(join(root, 'golem-temp/client/example_provider'))).toBe(false);
    expect(existsSync(join(root, 'golem-temp/generated-base-wit/example_provider'))).toBe(false);
    expect(deps(root)).toEqual(['example:caller -> example:caller (wasm-rpc)']);
    expect(read(root, CALLER)).toBe(callerBefore.replace('  - target: example:provider\n    type: wasm-rpc\n', ''));
    expect(read(root, 'golem.yaml')).toBe(rootBefore);
    const after = userFiles(root);
    for (const [path, bytes] of before) {
      if (path.startsWith('components-ts/example-provider/')) expect(after.has(path), path).toBe(false);
      else if (path !== CALLER && path !== 'golem.yaml') expect(after.get(path), path).toBe(bytes);
    }
    const generated = join(root, 'components-ts/example-caller/wit-generated');
    expect(existsSync(join(generated, 'deps/example_provider-client'))).toBe(false);
    expect(await checkWitDir(generated)).toEqual({ ok: true });
    // What remains is consistent: nothing to regenerate, and the app loads.
    expect(runCli(['generate'], { cwd: root }).stdout).toMatch(/^generated WIT up to date/m);
    expect([...loadApp(root).components.keys()]).toEqual(['example:caller']);
    // And doctor finds nothing: no leftovers, nothing to regenerate (the tools and packages as stand-ins).
    installStandInPackages(root, ['components-ts/example-caller/package.json']);
    const doctor = runCli(['doctor', '--json'], { cwd: root, env: { PATH: standInTools(TS_TOOLS) } });
    expect(expectJson('doctor', doctor.stdout)).toMatchObject({ errors: 0, warnings: 0, findings: [], notes: [] });
    expect(doctor.code).toBe(0);
  });

  it('add component (called by another) then remove component gives back every file, generated ones included', () => {
    const root = callerApp();
    const before = snapshotTree(root);
    const added = runCli(['add', 'component', 'ts', 'example:extra', '--called-by', 'example:caller'], { cwd: root });
    expect(added.code).toBe(0);
    expect(deps(root)).toContain('example:caller -> example:extra (wasm-rpc)');
    const removed = runCli(['remove', 'component', 'example:extra', '--yes'], { cwd: root });
    expect(removed.code).toBe(0);
    expect(snapshotTree(root)).toEqual(before);
  });

  it('asks for --yes without a terminal; --dry-run lists and writes nothing; --json matches its schema', () => {
    const root = callerApp();
    const before = snapshotTree(root);
    const refused = runCli(['remove', 'component', 'example:provider'], { cwd: root });
    expect(refused.code).toBe(2);
    expect(errorOf(refused.stderr)).toEqual({
      line: 'remove component deletes components-ts/example-provider/ with its sources: confirm with --yes.',
      hint: 'Run it in a terminal to be asked, or add --yes; --dry-run lists what would go.',
    });
    const dry = runCli(['remove', 'component', 'example:provider', '--dry-run'], { cwd: root });
    expect(dry.code).toBe(0);
    expect(dry.stdout).toContain('components-ts/example-provider/  (');
    expect(dry.stdout).toContain('dependency example:caller → example:provider (wasm-rpc) in components-ts/example-caller/golem.yaml');
    expect(dry.stdout).toMatch(/^ {2}remove {4}components-ts\/example-provider\/$/m);
    expect(snapshotTree(root)).toEqual(before);

    const dryJson = expectJson<{ dryRun: boolean }>('remove-component', runCli(['remove', 'component', 'example:provider', '--dry-run', '--json'], { cwd: root }).stdout);
    expect(dryJson.dryRun).toBe(true);
    expect(snapshotTree(root)).toEqual(before);
    const json = runCli(['remove', 'component', 'example:provider', '--json'], { cwd: root });
    expect(json.code).toBe(2);
    expect(expectJson<{ error: { code: string } }>('error', json.stdout).error.code).toBe('E_USAGE');

    const done = runCli(['remove', 'component', 'example:provider', '--yes', '--json'], { cwd: root });
    expect(done.code).toBe(0);
    const result = expectJson<Record<string, unknown>>('remove-component', done.stdout);
    expect(result).toMatchObject({
      dryRun: false,
      component: { name: 'example:provider', language: 'ts', template: 'ts', type: 'durable', folder: 'components-ts/example-provider' },
      dependencies: [{ caller: 'example:caller', type: 'wasm-rpc', target: 'example:provider', manifest: 'components-ts/example-caller/golem.yaml' }],
      callers: ['example:caller'],
    });
  });

  it('refuses a component whose folder is not its own, and an unknown one; nothing changes', () => {
    const root = callerApp();
    // A component declared in the root golem.yaml: its folder would be the whole app. (Not from the
    // ts template: its linkedWasm, ../../golem-temp/…, would leave the app from the root, which loading refuses first.)
    writeFileSync(
      join(root, 'golem.yaml'),
      `${read(root, 'golem.yaml')}\ncomponents:\n  example:rooted:\n    sourceWit: wit\n    generatedWit: wit-generated\n    componentWasm: rooted.wasm\n`,
    );
    // Two components in one golem.yaml.
    writeFileSync(join(root, CALLER), read(root, CALLER).replace('    template: ts\n', '    template: ts\n  example:twin:\n    template: ts\n'));
    const before = snapshotTree(root);
    const rooted = runCli(['remove', 'component', 'example:rooted', '--yes'], { cwd: root });
    expect(rooted.code).toBe(1);
    expect(errorOf(rooted.stderr).line).toMatch(/golem\.yaml:\d+:3: cannot remove example:rooted: it is declared in the root golem\.yaml, so its folder is the whole app\.$/);
    const twin = runCli(['remove', 'component', 'example:twin', '--yes'], { cwd: root });
    expect(errorOf(twin.stderr).line).toMatch(/cannot remove example:twin: its folder components-ts\/example-caller\/ also holds example:caller\.$/);
    const unknown = runCli(['remove', 'component', 'example:nope', '--yes'], { cwd: root });
    expect(errorOf(unknown.stderr).line).toMatch(/^unknown component 'example:nope'/);
    expect(snapshotTree(root)).toEqual(before);
  });

  it('a component folder that is a symlink: the link goes, what it points to stays', () => {
    const root = callerApp();
    const outside = tempDir('cga-rm-outside-');
    renameSync(join(root, 'components-ts/example-provider'), join(outside, 'provider'));
    symlinkSync(join(outside, 'provider'), join(root, 'components-ts/example-provider'));
    // Named without a wildcard: include globs do not follow a link matched by one (as Golem's walk).
    writeFileSync(
      join(root, 'golem.yaml'),
      read(root, 'golem.yaml').replace('- components-*/*/golem.yaml\n', '- components-*/*/golem.yaml\n- components-ts/example-provider/golem.yaml\n'),
    );
    const kept = snapshotTree(outside);
    const r = runCli(['remove', 'component', 'example:provider', '--yes'], { cwd: root });
    expect(r.code).toBe(0);
    expect(existsSync(join(root, 'components-ts/example-provider'))).toBe(false);
    expect(snapshotTree(outside)).toEqual(kept);
    expect([...loadApp(root).components.keys()]).toEqual(['example:caller']);
  });

  it('a folder that also holds another golem.yaml is refused', () => {
    const root = callerApp();
    mkdirSync(join(root, 'components-ts/example-provider/nested'));
    writeFileSync(join(root, 'golem.yaml'), read(root, 'golem.yaml').replace('- components-*/*/golem.yaml\n', '- components-*/*/golem.yaml\n- components-*/*/nested/golem.yaml\n'));
    writeFileSync(join(root, 'components-ts/example-provider/nested/golem.yaml'), 'customCommands:\n  hi:\n  - command: echo hi\n');
    const r = runCli(['remove', 'component', 'example:provider', '--yes'], { cwd: root });
    expect(r.code).toBe(1);
    expect(errorOf(r.stderr).line).toMatch(/its folder components-ts\/example-provider\/ also holds components-ts\/example-provider\/nested\/golem\.yaml\.$/);
    expect(existsSync(join(root, 'components-ts/example-provider/src'))).toBe(true);
  });
});
