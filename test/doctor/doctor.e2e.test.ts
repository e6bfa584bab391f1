/**
 * `doctor` through the built CLI, on apps made by create-golem-app and then broken on purpose:
 * every finding at once with file:line:column, severity and hint; `--fix` (the schema typo,
 * regenerating, leftovers of removed dependencies and components) lists each change and leaves
 * every other file byte-identical; toolchain checks against stand-in programs on PATH; `--json`
 * against schemas/doctor.schema.json; exit 1 with errors, 0 without.
 */
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { DoctorResult, Finding } from '../../src/commands/doctor.js';
import { callerProviderApp, errorOf, runCli, snapshotTree, tempDir } from '../helpers/cli.js';
import { installStandInPackages, standInTools, TS_TOOLS } from '../helpers/stand-ins.js';
import { expectJson } from '../helpers/json-schemas.js';

const CALLER = 'components-ts/example-caller/golem.yaml';
const PROVIDER = 'components-ts/example-provider/golem.yaml';
const PROVIDER_WIT = 'components-ts/example-provider/wit/main.wit';
const PACKAGES = ['components-ts/example-caller/package.json', 'components-ts/example-provider/package.json'];

let base: string;
let tools: string;
beforeAll(() => {
  base = callerProviderApp('cga-doctor-');
  tools = standInTools(TS_TOOLS);
});

/** A copy of the base app (its packages installed as stand-ins unless `installed` is false). */
function app(installed = true): string {
  const root = join(tempDir('cga-doctor-app-'), 'app');
  cpSync(base, root, { recursive: true });
  if (installed) installStandInPackages(root, PACKAGES);
  return root;
}

const read = (root: string, rel: string) => readFileSync(join(root, rel), 'utf8');
const write = (root: string, rel: string, text: string) => {
  mkdirSync(join(root, rel, '..'), { recursive: true });
  writeFileSync(join(root, rel), text);
};
/** 1-based line of the first line containing `needle`. */
const lineOf = (text: string, needle: string) => text.split('\n').findIndex((l) => l.includes(needle)) + 1;

function doctor(root: string, args: string[] = [], path = tools) {
  return runCli(['doctor', ...args], { cwd: root, env: { PATH: path } });
}

function doctorJson(root: string, args: string[] = [], path = tools): { result: DoctorResult; code: number } {
  const r = doctor(root, ['--json', ...args], path);
  return { result: expectJson<DoctorResult>('doctor', r.stdout), code: r.code };
}

/** `severity file:line:col message` of each finding, paths app-relative. */
const brief = (root: string, findings: Finding[]) =>
  findings.map((f) => `${f.severity} ${f.file === null ? '-' : f.file.slice(root.length + 1)}${f.line === null ? '' : `:${f.line}:${f.column}`} ${f.message}`);

describe('doctor', () => {
  it('a clean app: no findings, exit 0, nothing written', () => {
    const root = app();
    const before = snapshotTree(root);
    const r = doctor(root);
    expect(r.stdout).toMatch(/^✔ no problems found in \.$/m);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const { result, code } = doctorJson(root);
    expect(code).toBe(0);
    expect(result).toMatchObject({ app: root, fix: false, errors: 0, warnings: 0, findings: [], fixed: [], notes: [] });
    expect(result.toolchain).toEqual([
      { tool: 'golem', neededFor: 'golem app build and deploy', found: true, version: '1.2.5' },
      { tool: 'node', neededFor: 'TypeScript components', found: true, version: '20.11.1' },
      { tool: 'npm', neededFor: 'TypeScript components', found: true, version: '10.8.2' },
    ]);
    expect(snapshotTree(root)).toEqual(before);
  });

  it('is a command: `doctor` inside an app runs it, and --help lists it', () => {
    const root = app();
    expect(runCli(['--help']).stdout).toMatch(/^ {2}doctor +every problem of the app at once/m);
    expect(runCli(['doctor', '--help']).stdout).toContain('--fix');
    expect(doctor(join(root, 'components-ts')).code).toBe(0); // found upward, as every app command finds its app
  });

  it('the schema typo wasm-rpc-static: an error at the value, fixable; --fix writes static-wasm-rpc and nothing else', () => {
    const root = app();
    const text = read(root, CALLER);
    write(root, CALLER, text.replace('    type: wasm-rpc\n', '    type: "wasm-rpc-static" # as the schema says\n'));
    const before = snapshotTree(root);
    const line = lineOf(read(root, CALLER), 'wasm-rpc-static');

    const r = doctor(root);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(`error: ${CALLER}:${line}:11: unknown dependency type 'wasm-rpc-static'.\n  Use 'static-wasm-rpc'`);
    expect(r.stdout).toContain('create-golem-app doctor --fix fixes it.');
    expect(r.stdout).toMatch(/^1 error, 0 warnings in \.; 1 fixable with create-golem-app doctor --fix$/m);
    const { result } = doctorJson(root);
    expect(result.findings).toEqual([
      expect.objectContaining({ severity: 'error', category: 'manifest', line, column: 11, fix: 'type: static-wasm-rpc', changes: [{ path: CALLER, action: 'replace' }] }),
    ]);
    expect(result.notes).toEqual(['WIT and generated files were not checked: golem.yaml has errors (above).']);
    expect(snapshotTree(root)).toEqual(before); // without --fix nothing is written

    const fixed = doctor(root, ['--fix']);
    expect(fixed.code).toBe(0);
    expect(fixed.stdout).toContain(`fixed: ${CALLER}:${line}:11: unknown dependency type 'wasm-rpc-static': type: static-wasm-rpc.\n  replace ${CALLER}\n`);
    // The quoting and the comment stay; only the value changed. Static or not, the generated WIT is the same.
    expect(read(root, CALLER)).toBe(text.replace('    type: wasm-rpc\n', '    type: "static-wasm-rpc" # as the schema says\n'));
    const after = snapshotTree(root);
    for (const [path, bytes] of before) if (path !== CALLER) expect(after.get(path), path).toBe(bytes);
    expect(doctorJson(root).result.findings).toEqual([]);
  });

  it('every problem of every golem.yaml at once, each at its place, in one run', () => {
    const root = app();
    write(
      root,
      CALLER,
      read(root, CALLER).replace(
        '    type: wasm-rpc\n',
        '    type: wasm-rpc\n  - target: example:provider\n    type: wasm-rcp\n  - target: example:nobody\n    type: wasm-rpc\n  - target: example:provider\n    type: wasm-rpc\n',
      ),
    );
    write(root, PROVIDER, read(root, PROVIDER).replace('    template: ts\n', '    template: ts\n    sourceWitt: wit\n'));
    write(root, 'golem.yaml', `${read(root, 'golem.yaml')}\ntempDirr: tmp\n`);
    const { result, code } = doctorJson(root);
    expect(code).toBe(1);
    const caller = read(root, CALLER);
    const second = lineOf(caller, 'wasm-rcp') - 1;
    expect(brief(root, result.findings)).toEqual([
      `error golem.yaml:${lineOf(read(root, 'golem.yaml'), 'tempDirr')}:1 unknown key 'tempDirr' in the manifest`,
      `error ${CALLER}:${second + 1}:11 unknown dependency type 'wasm-rcp'`,
      expect.stringMatching(new RegExp(`^error ${CALLER}:${second + 4}:5 dependency example:caller → example:provider \\(wasm-rpc\\) is declared twice`)),
      expect.stringMatching(new RegExp(`^error ${CALLER}:${second + 2}:5 dependency target 'example:nobody' of 'example:caller' is not a component of this app`)),
      `error ${PROVIDER}:${lineOf(read(root, PROVIDER), 'sourceWitt')}:5 unknown key 'sourceWitt' in component 'example:provider'`,
    ]);
    expect(result.findings.map((f) => f.hint)).toEqual([
      "Did you mean 'tempDir'? (Golem rejects unknown keys.)",
      "Did you mean 'wasm-rpc'? Known types: wasm-rpc, static-wasm-rpc, wasm.",
      'Keep only one of the two declarations.',
      'Known components: example:caller, example:provider.',
      "Did you mean 'sourceWit'? (Golem rejects unknown keys.)",
    ]);
    expect(result.findings.every((f) => f.fix === null && f.category === 'manifest')).toBe(true);
    // The text output: one line per finding with its hint below, then the count.
    const r = doctor(root);
    expect(r.stdout.split('\n').filter((l) => l.startsWith('error: '))).toHaveLength(5);
    expect(r.stdout).toMatch(/^5 errors, 0 warnings in \.$/m);
  });

  it("Golem's type rules: a library calls no workers, wasm links only libraries, one target under two rpc types, a wasm file that is not there", () => {
    const root = app();
    write(root, PROVIDER, read(root, PROVIDER).replace('    template: ts\n', '    template: ts\n    componentType: library\n'));
    write(
      root,
      PROVIDER,
      `${read(root, PROVIDER)}\ndependencies:\n  example:provider:\n  - target: example:caller\n    type: wasm-rpc\n  - path: lib/missing.wasm\n    type: wasm\n`,
    );
    write(
      root,
      CALLER,
      read(root, CALLER).replace(
        '    type: wasm-rpc\n',
        '    type: wasm-rpc\n  - target: example:provider\n    type: static-wasm-rpc\n  - target: example:caller\n    type: wasm\n',
      ),
    );
    const { result, code } = doctorJson(root);
    expect(code).toBe(1);
    const caller = read(root, CALLER);
    const provider = read(root, PROVIDER);
    const rpc = lineOf(caller, 'target: example:provider');
    const deps = brief(
      root,
      result.findings.filter((f) => f.category === 'dependency'),
    );
    expect(deps).toEqual([
      `error ${CALLER}:${rpc}:5 the target component type Library is not compatible with the selected dependency type wasm-rpc`,
      `error ${CALLER}:${rpc + 2}:5 the target component type Library is not compatible with the selected dependency type static-wasm-rpc`,
      `error ${CALLER}:${rpc + 4}:5 the target component type Durable is not compatible with the selected dependency type wasm`,
      `error ${PROVIDER}:${lineOf(provider, 'target: example:caller')}:5 the requested wasm-rpc dependency type is not valid for example:provider component, valid dependency types: wasm`,
      `error ${PROVIDER}:${lineOf(provider, 'lib/missing.wasm')}:5 WASM component dependency example:provider - lib/missing.wasm references unknown target component: lib/missing.wasm`,
      expect.stringMatching(
        new RegExp(`^error ${CALLER}:${rpc + 2}:5 example:caller depends on example:provider twice, as wasm-rpc \\(.*golem.yaml:${rpc}\\) and as static-wasm-rpc$`),
      ),
    ]);
    expect(result.findings.find((f) => f.message.includes('not valid for example:provider'))?.hint).toMatch(/library component: .*Use type 'wasm'/);
  });

  it('WIT the toolkit rejects, for each component; a package missing from wit/deps at the line that uses it', () => {
    const root = app();
    const wit = read(root, PROVIDER_WIT);
    write(root, PROVIDER_WIT, wit.replace('-> u64;', '-> strin;'));
    const callerWit = 'components-ts/example-caller/wit/main.wit';
    write(root, callerWit, read(root, callerWit).replace(/interface ([a-z-]+) \{\n/, 'interface $1 {\n  use wasi:nothere/types@0.2.3.{thing};\n'));
    const { result, code } = doctorJson(root);
    expect(code).toBe(1);
    const wits = result.findings.filter((f) => f.category === 'wit');
    expect(brief(root, wits)).toEqual([
      expect.stringMatching(new RegExp(`^error ${callerWit}:${lineOf(read(root, callerWit), 'wasi:nothere')}:7 package wasi:nothere@0.2.3 not found, WIT folders searched: `)),
      `error ${PROVIDER_WIT}:${lineOf(read(root, PROVIDER_WIT), 'strin')}:${read(root, PROVIDER_WIT).split('\n')[lineOf(read(root, PROVIDER_WIT), 'strin') - 1]!.indexOf('strin') + 1} name \`strin\` does not exist`,
    ]);
    expect(wits[0]!.hint).toBe("Add the package to a witDeps folder of golem.yaml or to the component's wit/deps/.");
    expect(result.notes).toEqual(['Generated files were not compared: the WIT above does not resolve.']);
    // Nothing to fix here: --fix writes nothing.
    const before = snapshotTree(root);
    expect(doctor(root, ['--fix']).code).toBe(1);
    expect(snapshotTree(root)).toEqual(before);
  });

  it('generated WIT and clients out of date after a WIT change; --fix regenerates, listing each change; then all is current', () => {
    const root = app();
    write(root, PROVIDER_WIT, read(root, PROVIDER_WIT).replace(/(\n\s*)(get: func\(\) -> u64;)/, '$1$2$1reset: func();'));
    const before = snapshotTree(root);
    const { result, code } = doctorJson(root);
    expect(code).toBe(1);
    const callerLine = lineOf(read(root, CALLER), 'example:caller:');
    expect(brief(root, result.findings)).toEqual([
      `error ${CALLER}:${callerLine}:3 the generated WIT of example:caller is out of date`,
      `error ${PROVIDER}:${lineOf(read(root, PROVIDER), 'example:provider:')}:3 the generated WIT of example:provider is out of date`,
      `error ${CALLER}:${lineOf(read(root, CALLER), 'target: example:provider')}:5 the generated client of example:provider is out of date`,
    ]);
    expect(result.findings.map((f) => f.changes)).toEqual([
      [{ path: 'components-ts/example-caller/wit-generated/deps/example_provider-client/client.wit', action: 'replace' }],
      [
        { path: 'golem-temp/generated-base-wit/example_provider/deps/example_provider-exports/exports.wit', action: 'replace' },
        { path: 'components-ts/example-provider/wit-generated/deps/example_provider-exports/exports.wit', action: 'replace' },
      ],
      [{ path: 'golem-temp/client/example_provider/wit/client.wit', action: 'replace' }],
    ]);
    expect(snapshotTree(root)).toEqual(before);

    const r = doctor(root, ['--fix']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(
      `fixed: ${CALLER}:${callerLine}:3: the generated WIT of example:caller is out of date: regenerated.\n  replace components-ts/example-caller/wit-generated/deps/example_provider-client/client.wit\n`,
    );
    expect(read(root, 'golem-temp/client/example_provider/wit/client.wit')).toContain('reset: func()');
    expect(doctorJson(root).result.findings).toEqual([]);
    expect(runCli(['generate', '--check'], { cwd: root }).code).toBe(0);
  });

  it('leftovers: the client of a dependency removed by hand, the generated WIT of a component removed by hand; --fix removes only them', () => {
    const root = app();
    write(root, CALLER, read(root, CALLER).replace('dependencies:\n  example:caller:\n  - target: example:provider\n    type: wasm-rpc\n', ''));
    // A component removed by hand: its folder and its golem.yaml gone, its generated base WIT left.
    cpSync(join(root, 'golem-temp/generated-base-wit/example_provider'), join(root, 'golem-temp/generated-base-wit/example_gone'), { recursive: true });
    const { result } = doctorJson(root);
    const leftovers = result.findings.filter((f) => f.fix === 'removed');
    expect(brief(root, leftovers)).toEqual([
      'error golem-temp/client/example_provider a generated client is left behind: no dependency targets it any more',
      'error golem-temp/generated-base-wit/example_gone generated WIT is left behind by a removed component',
    ]);
    expect(leftovers.every((f) => f.changes.length > 0 && f.changes.every((c) => c.action === 'remove'))).toBe(true);
    // The caller's wit-generated still holds the old client: regenerating takes it out.
    expect(result.findings.find((f) => f.message === 'the generated WIT of example:caller is out of date')?.changes).toContainEqual({
      path: 'components-ts/example-caller/wit-generated/deps/example_provider-client/client.wit',
      action: 'remove',
    });

    const before = snapshotTree(root);
    const { result: fixed, code } = doctorJson(root, ['--fix']);
    expect(code).toBe(0);
    expect(fixed.findings).toEqual([]);
    expect(fixed.fixed.map((f) => f.fix)).toEqual(['regenerated', 'removed', 'removed']);
    expect(existsSync(join(root, 'golem-temp/client/example_provider'))).toBe(false);
    expect(existsSync(join(root, 'golem-temp/generated-base-wit/example_gone'))).toBe(false);
    const after = snapshotTree(root);
    const changed = new Map(fixed.fixed.flatMap((f) => f.changes.map((c) => [c.path, c.action])));
    expect(changed.get('components-ts/example-caller/wit-generated/main.wit')).toBe('replace'); // the client's import goes
    for (const [path, bytes] of before) {
      if (changed.get(path) === 'remove') expect(after.has(path), path).toBe(false);
      else if (!changed.has(path)) expect(after.get(path), path).toBe(bytes);
    }
  });

  it('write paths that would leave the app: one finding per component and for tempDir; --fix writes nothing', () => {
    const root = app();
    write(root, PROVIDER, read(root, PROVIDER).replace('    template: ts\n', '    template: ts\n    generatedWit: ../../../elsewhere\n'));
    write(root, CALLER, read(root, CALLER).replace('    template: ts\n', '    template: ts\n    componentWasm: /tmp/caller.wasm\n'));
    write(root, 'golem.yaml', `${read(root, 'golem.yaml')}\ntempDir: ../outside-temp\n`);
    const before = snapshotTree(root);
    const { result, code } = doctorJson(root, ['--fix']);
    expect(code).toBe(1);
    expect(brief(root, result.findings)).toEqual([
      expect.stringMatching(new RegExp(`^error golem\\.yaml:${lineOf(read(root, 'golem.yaml'), 'tempDir')}:1 tempDir resolves to .*outside-temp, outside the app folder`)),
      expect.stringMatching(
        new RegExp(`^error ${CALLER}:${lineOf(read(root, CALLER), 'componentWasm')}:20 componentWasm of component 'example:caller' resolves to /tmp/caller\\.wasm, outside`),
      ),
      expect.stringMatching(
        new RegExp(`^error ${PROVIDER}:${lineOf(read(root, PROVIDER), 'generatedWit')}:19 generatedWit of component 'example:provider' resolves to .*elsewhere, outside`),
      ),
    ]);
    expect(result.fixed).toEqual([]);
    expect(snapshotTree(root)).toEqual(before);
  });

  it('TS packages not installed: one warning naming the components; warnings alone exit 0', () => {
    const root = app(false);
    const { result, code } = doctorJson(root);
    expect(code).toBe(0);
    expect(result.errors).toBe(0);
    expect(brief(root, result.findings)).toEqual([
      expect.stringMatching(/^warning package\.json the npm packages of example:caller and example:provider are not installed \(@golemcloud\/golem-ts, .* and \d+ more\)$/),
    ]);
    expect(result.findings[0]!.hint).toBe(`Run npm install in ${root} (the app's npm workspace).`);
    // A component's own package missing is its own finding.
    installStandInPackages(root, PACKAGES);
    write(root, PACKAGES[0]!, JSON.stringify({ name: 'example-caller', dependencies: { 'left-pad': '1.3.0' } }));
    expect(brief(root, doctorJson(root).result.findings)).toEqual([`warning ${PACKAGES[0]} the npm packages of example:caller are not installed (left-pad)`]);
  });
});

describe('doctor: the toolchain, with stand-in programs on PATH', () => {
  const toolFindings = (path: string, root = app()) => doctorJson(root, [], path).result.findings.filter((f) => f.category === 'toolchain');

  it('golem missing, older, newer, or without a version', () => {
    const golem = (output: string | null) => toolFindings(standInTools({ ...TS_TOOLS, golem: output }));
    expect(golem(null)).toEqual([expect.objectContaining({ severity: 'warning', message: 'the Golem CLI (golem) is not on PATH', file: null, line: null })]);
    expect(golem(null)[0]!.hint).toContain('https://github.com/golemcloud/golem-cli/releases/tag/v1.2.5');
    expect(golem('golem-cli 1.2.4 (built 2025-05-01)')[0]!.message).toBe("golem 1.2.4 is on PATH, older than 1.2.5, the release this app's layout and golem.yaml follow");
    // The first semver of the output is the version, whatever comes before it.
    expect(golem('golem 1.3.0-rc.1\nwasm-rpc 1.2.5')[0]!.message).toMatch(/^golem 1\.3\.0-rc\.1 is on PATH, newer than 1\.2\.5/);
    expect(golem('golem-cli unknown')[0]!.message).toBe("cannot tell the version of golem from 'golem --version'");
    expect(golem('golem-cli 1.2.5')).toEqual([]);
  });

  it('Node.js 20 or later and npm for TypeScript components', () => {
    expect(toolFindings(standInTools({ ...TS_TOOLS, node: 'v18.19.0' })).map((f) => f.message)).toEqual([
      'node 18.19.0 is too old: TypeScript components need Node.js 20 or later',
    ]);
    expect(toolFindings(standInTools({ ...TS_TOOLS, node: 'v22.3.0' }))).toEqual([]);
    expect(toolFindings(standInTools({ ...TS_TOOLS, node: null, npm: null })).map((f) => f.message)).toEqual([
      'node is not on PATH: TypeScript components build with Node.js',
      "npm is not on PATH: a TypeScript app's packages are installed with it",
    ]);
    // The text output names each tool checked.
    const r = doctor(app(), [], standInTools({ ...TS_TOOLS, npm: null }));
    expect(r.stdout).toMatch(/^tools: golem 1\.2\.5, node 20\.11\.1, npm \(not found\)$/m);
    expect(r.stdout).toMatch(/^warning: npm is not on PATH/m);
    expect(r.code).toBe(0);
  });

  it('Rust: cargo-component 0.20.0 and the wasm32-wasip1 target; no Node.js needed', () => {
    const parent = tempDir('cga-doctor-rust-');
    expect(runCli(['app', '--yes', '--no-git', '--component', 'example:rusty', '-t', 'rust'], { cwd: parent }).code).toBe(0);
    const root = join(parent, 'app');
    const rustup = (targets: string) => `${targets}\nx86_64-unknown-linux-gnu`;
    const ready = { golem: 'golem-cli 1.2.5', 'cargo-component': 'cargo-component 0.20.0 (wasi:0.2.3)', rustup: rustup('wasm32-wasip1') };
    const { result } = doctorJson(root, [], standInTools(ready));
    expect(result.findings).toEqual([]);
    expect(result.toolchain.map((t) => `${t.tool} ${t.found} ${t.version}`)).toEqual(['golem true 1.2.5', 'cargo-component true 0.20.0', 'wasm32-wasip1 true wasm32-wasip1']);
    expect(toolFindings(standInTools({ ...ready, 'cargo-component': null, rustup: rustup('wasm32-unknown-unknown') }), root).map((f) => [f.message, f.hint])).toEqual([
      ['cargo-component is not on PATH: Rust components build with cargo component build', 'Install it: cargo install --force --locked cargo-component@0.20.0'],
      ['the Rust target wasm32-wasip1 is not installed: Rust components build for it', 'Install it: rustup target add wasm32-wasip1'],
    ]);
    expect(toolFindings(standInTools({ ...ready, 'cargo-component': 'cargo-component 0.19.1', rustup: null }), root).map((f) => f.message)).toEqual([
      'cargo-component 0.19.1 is on PATH; Golem 1.2.5 builds with cargo-component 0.20.0',
      'rustup is not on PATH: cannot check the Rust target wasm32-wasip1',
    ]);
  });
});

describe('doctor: bad places', () => {
  it('outside an app: one error line, exit 1, no JSON findings', () => {
    const r = doctor(tempDir('cga-doctor-none-'));
    expect(r.code).toBe(1);
    expect(errorOf(r.stderr).line).toMatch(/golem\.yaml/);
    const j = doctor(tempDir('cga-doctor-none-'), ['--json']);
    expect(expectJson('error', j.stdout)).toMatchObject({ error: { code: expect.stringMatching(/^E_/) } });
  });

  it('a root golem.yaml that is not YAML: that one finding, nothing else checked', () => {
    const root = app();
    write(root, 'golem.yaml', 'includes: [\n');
    const { result, code } = doctorJson(root);
    expect(code).toBe(1);
    expect(brief(root, result.findings)).toEqual([expect.stringMatching(/^error golem\.yaml:\d+:\d+ invalid YAML/)]);
    rmSync(join(root, 'golem.yaml'));
  });
});
