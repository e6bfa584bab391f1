/**
 * `wasm` dependencies through the built CLI, with real component binaries built in the test from
 * WIT: a library by path, by URL (served by a local HTTP server), and a library component of the
 * app. Their WIT lands where golem-cli 1.2.5 puts it (`generated-base-wit/<c>/deps/<ns>_<name>/
 * <name>.wit`, then `wit-generated`), and wit-parser accepts every generated folder. Decoding
 * runs through `wasm-tools` on PATH (a stand-in here, see helpers/components.ts) or jco's
 * `componentWit` installed in the app; with neither, one line says what to install.
 */
import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadApp } from '../../src/app/index.js';
import { BIN, ROOT, runCli, snapshotTree, tempDir } from '../helpers/cli.js';
import { buildComponent, pathWith, type WitPackages, wasmToolsStandIn } from '../helpers/components.js';
import type { DoctorResult, Finding } from '../../src/commands/doctor.js';
import { expectJson, schemaProblems } from '../helpers/json-schemas.js';
import { checkWitDir, stopOracle } from '../helpers/wit-oracle.js';

const CALLER = 'components-ts/example-caller';
const PROVIDER = 'components-ts/example-provider';
const BASE = 'golem-temp/generated-base-wit/example_caller';
const GENERATED = `${CALLER}/wit-generated`;

/** A library as golem:llm is one: it exports an interface of its own package that uses wasi:io. */
const LLM: WitPackages = {
  'acme:llm@1.0.0': `interface llm {
  use wasi:io/poll@0.2.0.{pollable};
  record answer { text: string, tokens: u32 }
  send: func(prompt: string) -> answer;
  subscribe: func() -> pollable;
}
world lib { export llm; }`,
  'wasi:io@0.2.0': 'interface poll { resource pollable { block: func(); } }',
};

let template: string;
let work: string;
let bin: string;
let llm: Uint8Array;

beforeAll(async () => {
  work = tempDir('cga-wasm-');
  const created = runCli(['app', '--yes', '--no-git', '--component', 'example:provider', '--component', 'example:caller'], { cwd: work });
  expect(created.code, created.stderr).toBe(0);
  template = join(work, 'app');
  bin = wasmToolsStandIn(join(work, 'bin'));
  llm = await buildComponent(join(work, 'llm.wasm'), 'acme:llm/lib@1.0.0', LLM);
}, 120_000);
afterAll(async () => {
  await stopOracle();
  rmSync(work, { recursive: true, force: true });
});

let apps = 0;
/** A fresh copy of the app, with the library binary at `libs/llm.wasm`. */
function newApp(): string {
  const root = join(work, `app-${apps++}`);
  cpSync(template, root, { recursive: true });
  mkdirSync(join(root, 'libs'));
  cpSync(join(work, 'llm.wasm'), join(root, 'libs/llm.wasm'));
  return root;
}

/** No decoder anywhere but what a test puts there: PATH without wasm-tools, no global npm packages. */
const bare = (extra: Record<string, string> = {}) => ({ PATH: process.env.PATH ?? '', npm_config_prefix: join(work, 'no-global'), XDG_CACHE_HOME: join(work, 'cache'), ...extra });
const withWasmTools = (extra: Record<string, string> = {}) => bare({ PATH: pathWith(bin), ...extra });

const read = (root: string, rel: string) => readFileSync(join(root, rel), 'utf8');
const files = (dir: string): string[] =>
  existsSync(dir)
    ? readdirSync(dir, { recursive: true, withFileTypes: true })
        .filter((e) => e.isFile())
        .map((e) => join(e.parentPath, e.name).slice(dir.length + 1))
        .sort()
    : [];

/** The caller's source WIT imports the library's interface (as gitpulse's component imports golem:llm). */
function importLlm(root: string): void {
  const main = join(root, CALLER, 'wit/main.wit');
  writeFileSync(main, read(root, `${CALLER}/wit/main.wit`).replace('  export example-caller-api;', '  import acme:llm/llm@1.0.0;\n  export example-caller-api;'));
}

/** The error line and hint of a failed run, exit 1, nothing else on stderr. */
function failure(r: { code: number | null; stderr: string }): string[] {
  expect(r.code).toBe(1);
  const lines = r.stderr.trimEnd().split('\n');
  expect(lines[0]).toMatch(/^error: /);
  expect(lines.length).toBeLessThanOrEqual(2);
  return lines;
}

/** What doctor finds about the app's dependencies, WIT and generated files (not the tools and packages of this machine). */
const appFindings = (stdout: string): Finding[] =>
  expectJson<DoctorResult>('doctor', stdout).findings.filter((f) => ['manifest', 'dependency', 'wit', 'generated'].includes(f.category));
const briefly = (root: string, f: Finding) => `${f.severity} ${f.category} ${f.file === null ? '' : `${f.file.slice(root.length + 1)}:${f.line}`} ${f.message}`;
const lineOf = (text: string, needle: string) => text.split('\n').findIndex((l) => l.includes(needle)) + 1;

/** The WIT golem puts into generated-base-wit and wit-generated for the library. */
async function expectLibraryWit(root: string): Promise<void> {
  for (const dir of [BASE, GENERATED]) {
    // The library's own package, printed alone, under Golem's folder name; the decoded root package beside it.
    expect(read(root, `${dir}/deps/acme_llm/llm.wit`)).toMatch(/^package acme:llm@1\.0\.0;\n[\s\S]*interface llm \{[\s\S]*send: func\(prompt: string\) -> answer;/);
    expect(read(root, `${dir}/deps/root_component/component.wit`)).toContain('export acme:llm/llm@1.0.0;');
    // wasi:io is one of the app's witDeps packages: copied from there, whole, not as decoded.
    expect(files(join(root, dir, 'deps/io'))).toEqual(readdirSync(join(root, 'wit/deps/io')).sort());
    expect(await checkWitDir(join(root, dir))).toEqual({ ok: true });
  }
}

describe('a wasm dependency on a component file (--path)', () => {
  it("is written in Golem's shape and its packages land where Golem puts them", async () => {
    const root = newApp();
    importLlm(root);
    // Without the dependency, the import cannot be resolved (the gitpulse symptom).
    const before = runCli(['generate'], { cwd: root, env: withWasmTools() });
    expect(failure(before)[0]).toContain('package acme:llm@1.0.0 not found');

    const r = runCli(['add', 'dependency', 'example:caller', '--path', 'libs/llm.wasm', '--json'], { cwd: root, env: withWasmTools() });
    expect(r.stderr).not.toMatch(/error|warning/);
    expect(r.code).toBe(0);
    const summary = JSON.parse(r.stdout);
    expect(summary.dependencies).toEqual([expect.objectContaining({ caller: 'example:caller', path: 'libs/llm.wasm', type: 'wasm', status: 'added' })]);
    expect(schemaProblems('add-dependency', summary)).toEqual([]);
    expect(read(root, `${CALLER}/golem.yaml`)).toContain('dependencies:\n  example:caller:\n  - path: libs/llm.wasm\n    type: wasm\n');
    expect(loadApp(root).dependencies.map((d) => [d.source, d.path, d.type])).toEqual([['example:caller', 'libs/llm.wasm', 'wasm']]);
    await expectLibraryWit(root);
    expect(read(root, `${GENERATED}/main.wit`)).toContain('import acme:llm/llm@1.0.0;');

    // Generation again changes nothing.
    const snapshot = snapshotTree(root);
    const again = runCli(['generate'], { cwd: root, env: withWasmTools() });
    expect(again.code, again.stderr).toBe(0);
    expect(snapshotTree(root)).toEqual(snapshot);
  });

  it('takes a path relative to the folder it is run in, writes it relative to the app root', () => {
    const root = newApp();
    const r = runCli(['add', 'dependency', 'example:caller', '--path', '../../libs/llm.wasm'], { cwd: join(root, CALLER), env: withWasmTools() });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('Added dependency example:caller → libs/llm.wasm (wasm)');
    expect(read(root, `${CALLER}/golem.yaml`)).toContain('  - path: libs/llm.wasm\n    type: wasm\n');
  });

  it('is declared once: adding it again changes nothing; remove dependency takes it and its WIT away', () => {
    const root = newApp();
    const original = read(root, `${CALLER}/golem.yaml`);
    expect(runCli(['add', 'dependency', 'example:caller', '--path', 'libs/llm.wasm'], { cwd: root, env: withWasmTools() }).code).toBe(0);
    const twice = runCli(['add', 'dependency', 'example:caller', '--path', './libs/llm.wasm'], { cwd: root, env: withWasmTools() });
    expect(twice.code, twice.stderr).toBe(0);
    expect(twice.stdout).toContain('is already declared');
    const removed = runCli(['remove', 'dependency', 'example:caller', '--path', 'libs/llm.wasm'], { cwd: root, env: withWasmTools() });
    expect(removed.code, removed.stderr).toBe(0);
    expect(read(root, `${CALLER}/golem.yaml`)).toBe(original);
    expect(existsSync(join(root, BASE, 'deps/acme_llm'))).toBe(false);
    expect(existsSync(join(root, GENERATED, 'deps/root_component'))).toBe(false);
  });

  it('doctor and generate --check know it: current after add; a changed binary is out-of-date WIT --fix regenerates; a missing file is one finding at its declaration', async () => {
    const root = newApp();
    importLlm(root);
    const env = withWasmTools();
    expect(runCli(['add', 'dependency', 'example:caller', '--path', 'libs/llm.wasm'], { cwd: root, env }).code).toBe(0);
    const doctor = (...args: string[]) => runCli(['doctor', '--json', ...args], { cwd: root, env });
    expect(appFindings(doctor().stdout)).toEqual([]);
    expect(runCli(['generate', '--check'], { cwd: root, env }).code).toBe(0);

    // The binary changes (a new function): its decoded WIT no longer matches what was generated.
    const changed = { ...LLM, 'acme:llm@1.0.0': LLM['acme:llm@1.0.0']!.replace('  send:', '  ping: func();\n  send:') };
    await buildComponent(join(root, 'libs/llm.wasm'), 'acme:llm/lib@1.0.0', changed);
    const check = runCli(['generate', '--check'], { cwd: root, env });
    expect(check.code).toBe(1);
    expect(check.stdout).toMatch(new RegExp(`replace +${GENERATED}/deps/acme_llm/llm\\.wit`));
    const stale = appFindings(doctor().stdout);
    expect(stale.map((f) => briefly(root, f))).toEqual([
      `error generated ${CALLER}/golem.yaml:${lineOf(read(root, `${CALLER}/golem.yaml`), '  example:caller:')} the generated WIT of example:caller is out of date`,
    ]);
    expect(stale[0]!.fix).toBe('regenerated');
    const fixed = expectJson<DoctorResult>('doctor', doctor('--fix').stdout);
    expect(fixed.fixed.map((f) => f.message)).toEqual(['the generated WIT of example:caller is out of date']);
    expect(read(root, `${GENERATED}/deps/acme_llm/llm.wit`)).toContain('ping: func();');
    expect(runCli(['generate', '--check'], { cwd: root, env }).code).toBe(0);
    expect(await checkWitDir(join(root, GENERATED))).toEqual({ ok: true });

    // The file is gone: Golem's rule, said once at the declaration (not again by generation).
    rmSync(join(root, 'libs/llm.wasm'));
    const gone = appFindings(doctor().stdout);
    expect(gone.map((f) => briefly(root, f))).toEqual([
      `error dependency ${CALLER}/golem.yaml:${lineOf(read(root, `${CALLER}/golem.yaml`), 'path: libs/llm.wasm')} WASM component dependency example:caller - libs/llm.wasm references unknown target component: libs/llm.wasm`,
    ]);
  });

  it('doctor without a decoder: one finding at the declaration says what to install', () => {
    const root = newApp();
    importLlm(root);
    expect(runCli(['add', 'dependency', 'example:caller', '--path', 'libs/llm.wasm'], { cwd: root, env: withWasmTools() }).code).toBe(0);
    const snapshot = snapshotTree(root);
    const found = appFindings(runCli(['doctor', '--json'], { cwd: root, env: bare() }).stdout);
    expect(found.map((f) => briefly(root, f))).toEqual([
      `error wit ${CALLER}/golem.yaml:${lineOf(read(root, `${CALLER}/golem.yaml`), 'path: libs/llm.wasm')} no WebAssembly component decoder is installed to read the WIT of libs/llm.wasm`,
    ]);
    expect(found[0]!.hint).toMatch(/wasm-tools|jco/);
    expect(snapshotTree(root)).toEqual(snapshot);
  });

  it('is refused when the file is no component, naming the declaration; nothing changes', () => {
    const root = newApp();
    writeFileSync(join(root, 'libs/broken.wasm'), 'not wasm');
    const snapshot = snapshotTree(root);
    const r = runCli(['add', 'dependency', 'example:caller', '--path', 'libs/broken.wasm'], { cwd: root, env: withWasmTools() });
    const [line] = failure(r);
    expect(line).toMatch(/^error: .*golem\.yaml:\d+:\d+: cannot decode .*broken\.wasm as a WebAssembly component \(wasm-tools: /);
    expect(snapshotTree(root)).toEqual(snapshot);
  });
});

describe('decoders', () => {
  it('without wasm-tools or jco, one line says what to install; nothing changes', () => {
    const root = newApp();
    const snapshot = snapshotTree(root);
    const r = runCli(['add', 'dependency', 'example:caller', '--path', 'libs/llm.wasm'], { cwd: root, env: bare() });
    const [line, hint] = failure(r);
    expect(line).toMatch(/golem\.yaml:\d+:\d+: no WebAssembly component decoder is installed to read the WIT of libs\/llm\.wasm\.$/);
    expect(hint).toMatch(/^ {2}Install wasm-tools and put it on PATH/);
    expect(snapshotTree(root)).toEqual(snapshot);
  });

  it("jco installed in the app decodes the component's world; packages the app's witDeps hold come from there", async () => {
    const root = newApp();
    mkdirSync(join(root, 'node_modules/@bytecodealliance'), { recursive: true });
    for (const pkg of ['jco-transpile', 'preview2-shim', 'preview3-shim']) {
      symlinkSync(join(ROOT, 'node_modules/@bytecodealliance', pkg), join(root, 'node_modules/@bytecodealliance', pkg));
    }
    // A library exporting an interface of a package in the app's witDeps.
    mkdirSync(join(root, 'wit/deps/acme-shared'));
    writeFileSync(join(root, 'wit/deps/acme-shared/shared.wit'), 'package acme:shared@1.0.0;\n\ninterface counter {\n  add: func(n: u32) -> u32;\n}\n');
    await buildComponent(join(root, 'libs/counter.wasm'), 'acme:shared/lib@1.0.0', {
      'acme:shared@1.0.0': 'interface counter { add: func(n: u32) -> u32; }\nworld lib { export counter; }',
    });
    const ok = runCli(['add', 'dependency', 'example:caller', '--path', 'libs/counter.wasm'], { cwd: root, env: bare() });
    expect(ok.code, ok.stderr).toBe(0);
    expect(read(root, `${GENERATED}/deps/acme-shared/shared.wit`)).toBe(read(root, 'wit/deps/acme-shared/shared.wit'));
    expect(read(root, `${GENERATED}/deps/root_component/component.wit`)).toContain('export acme:shared/counter@1.0.0;');
    expect(await checkWitDir(join(root, GENERATED))).toEqual({ ok: true });

    // A package only the binary defines needs wasm-tools: one line says so.
    const snapshot = snapshotTree(root);
    const r = runCli(['add', 'dependency', 'example:caller', '--path', 'libs/llm.wasm'], { cwd: root, env: bare() });
    const [line, hint] = failure(r);
    expect(line).toMatch(
      /the WIT package acme:llm@1\.0\.0 of libs\/llm\.wasm is only inside the binary, and @bytecodealliance\/jco-transpile [\d.]+ prints a component's world, not its packages\.$/,
    );
    expect(hint).toMatch(/Install wasm-tools/);
    expect(snapshotTree(root)).toEqual(snapshot);
  });
});

describe('a wasm dependency on a URL (--url)', () => {
  let server: Server;
  let base = '';
  const hits = new Map<string, number>();
  beforeAll(async () => {
    server = createServer((req, res) => {
      hits.set(req.url!, (hits.get(req.url!) ?? 0) + 1);
      // A query gives a test a URL of its own (its own cache entry and hit count).
      if (req.url!.split('?')[0] === '/llm.wasm') {
        res.writeHead(200, { 'content-type': 'application/wasm', 'content-length': llm.length });
        res.end(Buffer.from(llm));
      } else if (req.url === '/huge.wasm') {
        res.writeHead(200, { 'content-length': String(300 * 1024 * 1024) });
        res.write(Buffer.alloc(16));
      } else {
        res.writeHead(404);
        res.end();
      }
    });
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
    base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  });
  afterAll(() => {
    server.closeAllConnections();
    server.close();
  });

  /** The CLI in its own process while this one serves HTTP. */
  function run(args: string[], cwd: string, env: Record<string, string>): Promise<{ code: number | null; stdout: string; stderr: string }> {
    return new Promise((done) => {
      const child = spawn(process.execPath, [BIN, ...args], {
        cwd,
        env: { ...process.env, NO_COLOR: '1', HTTP_PROXY: '', http_proxy: '', ...env },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (d) => (stdout += d));
      child.stderr.on('data', (d) => (stderr += d));
      child.on('close', (code) => done({ code, stdout, stderr }));
    });
  }

  it('is downloaded once into the cache, decoded, and its WIT lands where Golem puts it', async () => {
    const root = newApp();
    importLlm(root);
    const cache = tempDir('cga-cache-');
    const env = withWasmTools({ XDG_CACHE_HOME: cache });
    const url = `${base}/llm.wasm`;
    // A dry run downloads it into the cache (it needs its WIT to plan), writes nothing into the app.
    const snapshot = snapshotTree(root);
    const dry = await run(['add', 'dependency', 'example:caller', '--url', url, '--dry-run'], root, env);
    expect(dry.code, dry.stderr).toBe(0);
    expect(snapshotTree(root)).toEqual(snapshot);
    expect(hits.get('/llm.wasm')).toBe(1);
    const [key] = readdirSync(join(cache, 'create-golem-app/wasm')).filter((n) => !n.startsWith('.'));
    expect(readFileSync(join(cache, 'create-golem-app/wasm', key!, 'component.wasm'))).toEqual(Buffer.from(llm));

    const r = await run(['add', 'dependency', 'example:caller', '--url', url], root, env);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(hits.get('/llm.wasm')).toBe(1); // from the cache
    expect(read(root, `${CALLER}/golem.yaml`)).toContain(`  - url: ${url}\n    type: wasm\n`);
    await expectLibraryWit(root);

    // --offline uses the cached copy.
    const offline = await run(['generate', '--offline'], root, env);
    expect(offline.code, offline.stderr).toBe(0);
    expect(hits.get('/llm.wasm')).toBe(1);
  });

  it('doctor knows it: the cached copy checks out offline; with no cached copy --offline is a finding at the declaration', async () => {
    const root = newApp();
    importLlm(root);
    const url = `${base}/llm.wasm?doctor`;
    const cache = tempDir('cga-cache-');
    expect((await run(['add', 'dependency', 'example:caller', '--url', url], root, withWasmTools({ XDG_CACHE_HOME: cache }))).code).toBe(0);
    expect(hits.get('/llm.wasm?doctor')).toBe(1);
    const current = await run(['doctor', '--json', '--offline', '--timeout', '5'], root, withWasmTools({ XDG_CACHE_HOME: cache }));
    expect(appFindings(current.stdout)).toEqual([]);
    expect((await run(['generate', '--check', '--offline'], root, withWasmTools({ XDG_CACHE_HOME: cache }))).code).toBe(0);
    expect(hits.get('/llm.wasm?doctor')).toBe(1);

    const snapshot = snapshotTree(root);
    const uncached = await run(['doctor', '--json', '--offline'], root, withWasmTools({ XDG_CACHE_HOME: tempDir('cga-cache-') }));
    expect(uncached.code).toBe(1);
    const found = appFindings(uncached.stdout);
    expect(found.map((f) => briefly(root, f))).toEqual([
      `error wit ${CALLER}/golem.yaml:${lineOf(read(root, `${CALLER}/golem.yaml`), 'llm.wasm?doctor')} offline mode is enabled, but the remote component '${url}' is not downloaded yet`,
    ]);
    expect(hits.get('/llm.wasm?doctor')).toBe(1);
    expect(snapshotTree(root)).toEqual(snapshot);
  });

  it('remove dependency and remove component take --offline: the url binary left is decoded from the cache, never fetched', async () => {
    const root = newApp();
    const url = `${base}/llm.wasm?remove`;
    const cache = tempDir('cga-cache-');
    expect((await run(['add', 'dependency', 'example:caller', '--url', url], root, withWasmTools({ XDG_CACHE_HOME: cache }))).code).toBe(0);
    expect((await run(['add', 'dependency', 'example:caller', 'example:provider'], root, withWasmTools({ XDG_CACHE_HOME: cache }))).code).toBe(0);
    expect(hits.get('/llm.wasm?remove')).toBe(1);

    const snapshot = snapshotTree(root);
    const uncached = withWasmTools({ XDG_CACHE_HOME: tempDir('cga-cache-') });
    for (const args of [
      ['remove', 'dependency', 'example:caller', 'example:provider', '--offline'],
      ['remove', 'component', 'example:provider', '--yes', '--offline'],
    ]) {
      const r = await run(args, root, uncached);
      expect(r.code, args.join(' ')).toBe(1);
      expect(r.stderr, args.join(' ')).toContain(`offline mode is enabled, but the remote component '${url}' is not downloaded yet`);
      expect(snapshotTree(root)).toEqual(snapshot);
    }
    const removed = await run(['remove', 'dependency', 'example:caller', 'example:provider', '--offline', '--timeout', '5'], root, withWasmTools({ XDG_CACHE_HOME: cache }));
    expect(removed.code, removed.stderr).toBe(0);
    expect(read(root, `${CALLER}/golem.yaml`)).not.toContain('example:provider');
    expect(hits.get('/llm.wasm?remove')).toBe(1);
  });

  it("--offline without a cached copy is refused in Golem's words; nothing changes", async () => {
    const root = newApp();
    const snapshot = snapshotTree(root);
    const url = `${base}/llm.wasm?offline`;
    const r = await run(['add', 'dependency', 'example:caller', '--url', url, '--offline'], root, withWasmTools({ XDG_CACHE_HOME: tempDir('cga-cache-') }));
    const [line, hint] = failure(r);
    expect(line).toMatch(new RegExp(`offline mode is enabled, but the remote component '${url.replace(/[.?]/g, '\\$&')}' is not downloaded yet\\.$`));
    expect(hint).toBe('  Run once without --offline to download it.');
    expect(hits.get('/llm.wasm?offline')).toBeUndefined();
    expect(snapshotTree(root)).toEqual(snapshot);
  });

  it('a failed download leaves nothing: not in the cache, not in the app', async () => {
    for (const [path, expected] of [
      ['/missing.wasm', /answered HTTP 404/],
      ['/huge.wasm', /it is larger than 256 MiB/],
    ] as const) {
      const root = newApp();
      const cache = tempDir('cga-cache-');
      const snapshot = snapshotTree(root);
      const r = await run(['add', 'dependency', 'example:caller', '--url', `${base}${path}`], root, withWasmTools({ XDG_CACHE_HOME: cache }));
      expect(failure(r)[0]).toMatch(expected);
      expect(snapshotTree(root)).toEqual(snapshot);
      expect(files(join(cache, 'create-golem-app/wasm')).filter((f) => !f.endsWith('.lock'))).toEqual([]);
    }
  });
});

describe('a wasm dependency on a library component of the app', () => {
  it("defaults to type wasm, is written as Golem writes it, and the library's exports package reaches the caller", async () => {
    const root = newApp();
    const provider = join(root, PROVIDER, 'golem.yaml');
    writeFileSync(provider, read(root, `${PROVIDER}/golem.yaml`).replace('    template: ts\n', '    template: ts\n    componentType: library\n'));
    const main = join(root, CALLER, 'wit/main.wit');
    writeFileSync(
      main,
      read(root, `${CALLER}/wit/main.wit`).replace('  export example-caller-api;', '  import example:provider-exports/example-provider-api;\n  export example-caller-api;'),
    );
    const r = runCli(['add', 'dependency', 'example:caller', 'example:provider'], { cwd: root, env: bare() });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('Added dependency example:caller → example:provider (wasm)');
    expect(read(root, `${CALLER}/golem.yaml`)).toContain('  - target: example:provider\n    type: wasm\n');
    // No client: a library is linked, not called.
    expect(existsSync(join(root, 'golem-temp/client/example_provider'))).toBe(false);
    expect(read(root, `${GENERATED}/deps/example_provider-exports/exports.wit`)).toContain('interface example-provider-api');
    expect(await checkWitDir(join(root, GENERATED))).toEqual({ ok: true });
  });
});

describe("Golem's dependency rules, each refused with one line and a hint; nothing changes", () => {
  /** The app with example:provider made a library, and a second library example:util. */
  function rulesApp(): string {
    const root = newApp();
    const provider = join(root, PROVIDER, 'golem.yaml');
    writeFileSync(provider, read(root, `${PROVIDER}/golem.yaml`).replace('    template: ts\n', '    template: ts\n    componentType: library\n'));
    return root;
  }
  const cases: [string, string[], RegExp, RegExp][] = [
    [
      'a library calling workers (wasm-rpc from a library)',
      ['example:provider', 'example:caller', '--type', 'wasm-rpc'],
      /^error: the requested wasm-rpc dependency type is not valid for example:provider component, valid dependency types: wasm\.$/,
      /library component: it is composed into others and cannot call workers/,
    ],
    [
      'static-wasm-rpc from a library',
      ['example:provider', 'example:caller', '--type', 'static-wasm-rpc'],
      /^error: the requested static-wasm-rpc dependency type is not valid for example:provider component, valid dependency types: wasm\.$/,
      /Use type 'wasm'/,
    ],
    [
      'wasm-rpc to a library component',
      ['example:caller', 'example:provider', '--type', 'wasm-rpc'],
      /^error: the target component type Library is not compatible with the selected dependency type wasm-rpc\.$/,
      /Use a different target component or dependency type/,
    ],
    [
      'wasm to a durable component',
      ['example:provider', 'example:caller', '--type', 'wasm'],
      /^error: the target component type Durable is not compatible with the selected dependency type wasm\.$/,
      /to call example:caller's workers use type 'wasm-rpc'/,
    ],
    [
      'wasm-rpc to a file',
      ['example:caller', '--type', 'wasm-rpc', '--path', 'libs/llm.wasm'],
      /^error: WASM RPC dependency example:caller - libs\/llm\.wasm: this dependency type only supports local component targets\.$/,
      /use type 'wasm' to link a WASM file/,
    ],
    [
      'static-wasm-rpc to a url',
      ['example:caller', '--type', 'static-wasm-rpc', '--url', 'https://example.com/x.wasm'],
      /^error: Statically composed WASM RPC dependency example:caller - https:\/\/example\.com\/x\.wasm: this dependency type only supports local component targets\.$/,
      /Name a component of this app/,
    ],
    [
      'a target and a path at once',
      ['example:caller', 'example:provider', '--path', 'libs/llm.wasm'],
      /^error: only one of the target\/path\/url fields can be specified for a component dependency\.$/,
      /Keep one of target, path/,
    ],
    [
      'a path that names no file',
      ['example:caller', '--path', 'libs/none.wasm'],
      /^error: WASM component dependency example:caller - libs\/none\.wasm references unknown target component: libs\/none\.wasm\.$/,
      /paths are relative to the app root/,
    ],
    ['a url that is not one', ['example:caller', '--url', 'not a url'], /^error: invalid URL for component dependency: not a url\.$/, /absolute URL/],
    [
      'an unknown target',
      ['example:caller', 'example:provder', '--type', 'wasm'],
      /^error: target component 'example:provder' not found, available components: example:caller, example:provider\.$/,
      /Did you mean 'example:provider'\?/,
    ],
    [
      'an unknown component',
      ['example:calller', '--path', 'libs/llm.wasm'],
      /^error: component 'example:calller' not found, available components: example:caller, example:provider\.$/,
      /Did you mean 'example:caller'\?/,
    ],
    ['an unknown type', ['example:caller', 'example:provider', '--type', 'wasm-rpc-static'], /^error: unknown --type 'wasm-rpc-static'\.$/, /Use 'static-wasm-rpc'/],
  ];
  for (const [name, args, line, hint] of cases) {
    it(name, () => {
      const root = rulesApp();
      const snapshot = snapshotTree(root);
      const r = runCli(['add', 'dependency', ...args], { cwd: root, env: withWasmTools() });
      const [error, help] = failure(r);
      expect(error).toMatch(line);
      expect(help).toMatch(hint);
      expect(r.stdout).toBe('');
      expect(snapshotTree(root)).toEqual(snapshot);
    });
  }
});
