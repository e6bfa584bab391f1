/**
 * `generate --check` through the built CLI: writes nothing, ever; exit 0 when the generated WIT,
 * clients and TypeScript declarations are current, 1 listing each file that `generate` would
 * change (a WIT change, a dependency removed by hand); --json against schemas/generate.schema.json.
 */
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { GenerateResult } from '../../src/commands/generate.js';
import { callerProviderApp, errorOf, runCli, snapshotTree, tempDir } from '../helpers/cli.js';
import { expectJson } from '../helpers/json-schemas.js';
import { installStandInJco, installStandInPackages } from '../helpers/stand-ins.js';

const CALLER = 'components-ts/example-caller/golem.yaml';
const PROVIDER_WIT = 'components-ts/example-provider/wit/main.wit';

let base: string;
beforeAll(() => {
  base = callerProviderApp('cga-check-');
});

function app(): string {
  const root = join(tempDir('cga-check-app-'), 'app');
  cpSync(base, root, { recursive: true });
  return root;
}

const read = (root: string, rel: string) => readFileSync(join(root, rel), 'utf8');
/** A function added to the provider's interface: its exports, its client and the caller's copy of that client change. */
const changeProviderWit = (root: string) => writeFileSync(join(root, PROVIDER_WIT), read(root, PROVIDER_WIT).replace(/(\n\s*)(get: func\(\) -> u64;)/, '$1$2$1reset: func();'));

const check = (root: string, args: string[] = []) => runCli(['generate', '--check', ...args], { cwd: root });

describe('generate --check', () => {
  it('a fresh app: exit 0, nothing written', () => {
    const root = app();
    const before = snapshotTree(root);
    const r = check(root);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^generated files up to date \(\d+ checked\)$/m);
    const json = check(root, ['--json']);
    expect(json.code).toBe(0);
    expect(expectJson<GenerateResult>('generate', json.stdout)).toMatchObject({ app: root, check: true, dryRun: false, upToDate: true, added: [], changed: [], removed: [] });
    expect(snapshotTree(root)).toEqual(before);
  });

  it('after a WIT change: exit 1 listing each file that would change, sorted, and nothing written', () => {
    const root = app();
    changeProviderWit(root);
    const before = snapshotTree(root);
    const r = check(root);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(
      [
        'generated files out of date: 4 files would change (nothing written):',
        '  replace components-ts/example-caller/wit-generated/deps/example_provider-client/client.wit',
        '  replace components-ts/example-provider/wit-generated/deps/example_provider-exports/exports.wit',
        '  replace golem-temp/client/example_provider/wit/client.wit',
        '  replace golem-temp/generated-base-wit/example_provider/deps/example_provider-exports/exports.wit',
        'Run create-golem-app generate to update them.',
      ].join('\n'),
    );
    const json = check(root, ['--json']);
    expect(json.code).toBe(1);
    const result = expectJson<GenerateResult>('generate', json.stdout);
    expect(result).toMatchObject({ check: true, upToDate: false, added: [], removed: [] });
    expect(result.changed).toHaveLength(4);
    expect(snapshotTree(root)).toEqual(before);
    // generate then writes exactly those, and the check passes.
    const g = runCli(['generate', '--json'], { cwd: root });
    expect(expectJson<GenerateResult>('generate', g.stdout)).toMatchObject({ check: false, upToDate: false, changed: result.changed });
    expect(check(root).code).toBe(0);
  });

  it('a dependency removed by hand: its client would go (remove lines); --component narrows to one caller', () => {
    const root = app();
    writeFileSync(join(root, CALLER), read(root, CALLER).replace('dependencies:\n  example:caller:\n  - target: example:provider\n    type: wasm-rpc\n', ''));
    const before = snapshotTree(root);
    const r = check(root);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^ {2}remove {2}golem-temp\/client\/example_provider\/wit\/client\.wit$/m);
    expect(r.stdout).toMatch(/^ {2}replace components-ts\/example-caller\/wit-generated\/main\.wit$/m);
    // Only the provider: its own files are current, but the stale client goes whatever is chosen (as generate does).
    const provider = check(root, ['--component', 'example:provider']);
    expect(provider.stdout).not.toContain('example-caller/wit-generated');
    expect(provider.stdout).toContain('remove  golem-temp/client/example_provider/wit/client.wit');
    expect(snapshotTree(root)).toEqual(before);
  });

  it('TypeScript declarations are checked when the app can generate them (its jco installed)', () => {
    const root = app();
    installStandInPackages(root, ['components-ts/example-caller/package.json', 'components-ts/example-provider/package.json']);
    installStandInJco(root);
    // Without their declarations yet: generate would write them.
    const missing = check(root);
    expect(missing.code).toBe(1);
    expect(missing.stdout).toMatch(/^ {2}create {2}components-ts\/example-provider\/src\/generated\/index\.d\.ts$/m);
    expect(runCli(['generate'], { cwd: root }).code).toBe(0);
    expect(read(root, 'components-ts/example-provider/src/generated/index.d.ts')).toContain('export function get(): void;');
    expect(check(root).code).toBe(0);

    changeProviderWit(root);
    const before = snapshotTree(root);
    const r = check(root);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^ {2}replace components-ts\/example-provider\/src\/generated\/index\.d\.ts$/m);
    expect(r.stdout).toMatch(/^ {2}replace golem-temp\/ts-declarations\/example_provider\.json$/m);
    expect(snapshotTree(root)).toEqual(before);
    // doctor sees the same, as a finding of its own.
    const doctor = runCli(['doctor', '--json'], { cwd: root });
    expect(JSON.parse(doctor.stdout).findings.map((f: { message: string }) => f.message)).toContain('the TypeScript declarations of example:provider are out of date');
  });

  it('without the packages, the declarations are not compared (a warning says so), the WIT still is', () => {
    const root = app();
    const r = check(root);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain("warning: TypeScript declarations of example:caller, example:provider not checked: the app's packages are not installed (npm install).");
  });

  it('--check with --dry-run is a usage error; outside an app an error line; nothing written', () => {
    const root = app();
    const before = snapshotTree(root);
    const both = check(root, ['--dry-run']);
    expect(both.code).toBe(2);
    expect(errorOf(both.stderr).line).toBe('--check and --dry-run do not go together.');
    const outside = check(tempDir('cga-check-none-'));
    expect(outside.code).toBe(1);
    expect(errorOf(outside.stderr).line).toMatch(/^no golem\.yaml in /);
    expect(snapshotTree(root)).toEqual(before);
  });
});
