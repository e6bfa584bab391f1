/** App creation end to end: the built CLI in real temp folders. */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { errorOf, listFiles, runCli, snapshotTree, tempDir, ROOT } from '../helpers/cli.js';
import { schemaErrors } from '../helpers/schema.js';
import { checkWitDir, stopOracle } from '../helpers/wit-oracle.js';

afterAll(stopOracle);

const HEADER = [
  '# Schema for IDEA:',
  '# $schema: https://schema.golem.cloud/app/golem/1.2.5/golem.schema.json',
  '# Schema for vscode-yaml',
  '# yaml-language-server: $schema=https://schema.golem.cloud/app/golem/1.2.5/golem.schema.json',
];

function golemYamls(dir: string): string[] {
  return listFiles(dir).filter((f) => f.endsWith('golem.yaml') && !f.includes('node_modules'));
}

function expectValidManifests(dir: string) {
  for (const f of golemYamls(dir)) {
    expect({ file: f, errors: schemaErrors(readFileSync(join(dir, f), 'utf8')) }).toEqual({ file: f, errors: [] });
  }
}

describe('create a TypeScript app', () => {
  const base = tempDir();
  const app = join(base, 'my-app');
  let result: ReturnType<typeof runCli>;
  beforeAll(() => {
    result = runCli(['my-app', '--yes', '--no-git'], { cwd: base });
  });

  test('exits 0 and prints next steps', () => {
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('cd my-app');
    expect(result.stdout).toContain('npm install');
    expect(result.stdout).toContain('golem app build');
  });

  test('lays out the app as golem app new + component new would', () => {
    const files = listFiles(app);
    for (const f of [
      'golem.yaml',
      '.gitignore',
      'package.json',
      'wit/common.wit',
      'wit/deps/golem-rpc/wasm-rpc.wit',
      'wit/deps/io/poll.wit',
      'wit/deps/golem-1.x/golem-host.wit',
      'common-ts/golem.yaml',
      'components-ts/.gitignore',
      'components-ts/my-app-provider/golem.yaml',
      'components-ts/my-app-provider/package.json',
      'components-ts/my-app-provider/src/main.ts',
      'components-ts/my-app-provider/wit/main.wit',
    ]) {
      expect(files).toContain(f);
    }
    expect(files.some((f) => f.includes('metadata.json'))).toBe(false);
    expect(files.some((f) => f.endsWith('_gitignore'))).toBe(false);
  });

  test('root golem.yaml has the schema header, includes and witDeps', () => {
    const root = readFileSync(join(app, 'golem.yaml'), 'utf8');
    for (const line of HEADER) expect(root).toContain(line);
    expect(root).toMatch(/includes:\s*\n\s*- common-\*\/golem\.yaml\s*\n\s*- components-\*\/\*\/golem\.yaml/);
    expect(root).toMatch(/witDeps:\s*\n\s*- wit\/deps/);
  });

  test('golem.yaml keeps Golem minijinja values verbatim and names the component', () => {
    const common = readFileSync(join(app, 'common-ts/golem.yaml'), 'utf8');
    expect(common).toContain('{{ component_name | to_snake_case }}');
    const component = readFileSync(join(app, 'components-ts/my-app-provider/golem.yaml'), 'utf8');
    expect(component).toMatch(/components:\s*\n\s+my-app:provider:\s*\n\s+template: ts/);
    expect(component).toContain('#  my-app:provider:');
  });

  test('every golem.yaml validates against Golem schema 1.2.5', () => expectValidManifests(app));

  test('the component WIT and wit-generated are accepted by wit-parser', async () => {
    const generated = join(app, 'components-ts/my-app-provider/wit-generated');
    expect(existsSync(generated)).toBe(true);
    expect(await checkWitDir(generated)).toEqual({ ok: true });
    const main = readFileSync(join(generated, 'main.wit'), 'utf8');
    expect(main).toContain('export my-app:provider-exports/my-app-provider-api;');
  });
});

test('Rust app', async () => {
  const base = tempDir();
  const r = runCli(['rusty', '--yes', '--no-git', '--template', 'rust', '--component', 'demo:counter'], { cwd: base });
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  const app = join(base, 'rusty');
  const files = listFiles(app);
  for (const f of [
    'Cargo.toml',
    'golem.yaml',
    'common-rust/golem.yaml',
    'components-rust/demo-counter/Cargo.toml',
    'components-rust/demo-counter/src/lib.rs',
    'components-rust/demo-counter/wit/demo-counter.wit',
  ]) {
    expect(files).toContain(f);
  }
  expect(files.some((f) => f.endsWith('Cargo.toml._'))).toBe(false);
  expect(readFileSync(join(app, 'components-rust/demo-counter/src/lib.rs'), 'utf8')).toContain('exports::demo::counter_exports::demo_counter_api');
  expect(r.stdout).not.toContain('npm install');
  expectValidManifests(app);
  expect(await checkWitDir(join(app, 'components-rust/demo-counter/wit-generated'))).toEqual({ ok: true });
});

test('two components of different languages share one app', () => {
  const base = tempDir();
  const r = runCli(['mixed', '--no-git', '--component', 'shop:cart', '--template', 'ts', '--component', 'shop:stock', '--template', 'rust'], { cwd: base });
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  const files = listFiles(join(base, 'mixed'));
  expect(files).toContain('common-ts/golem.yaml');
  expect(files).toContain('common-rust/golem.yaml');
  expect(files).toContain('components-ts/shop-cart/src/main.ts');
  expect(files).toContain('components-rust/shop-stock/src/lib.rs');
  expect(readFileSync(join(base, 'mixed/.gitignore'), 'utf8').split('\n')).toEqual(expect.arrayContaining(['/golem-temp', '/target', '/node_modules']));
  expectValidManifests(join(base, 'mixed'));
});

test('--dry-run prints the plan and writes nothing', () => {
  const base = tempDir();
  const r = runCli(['dry', '--yes', '--dry-run'], { cwd: base });
  expect(r.code).toBe(0);
  expect(r.stdout).toContain('components-ts/dry-provider/src/main.ts');
  expect(readdirSync(base)).toEqual([]);
});

test('a non-empty folder is refused without --overwrite, and kept byte-identical', () => {
  const base = tempDir();
  const app = join(base, 'busy');
  mkdirSync(app);
  writeFileSync(join(app, 'notes.txt'), 'mine\n');
  const before = snapshotTree(base);
  const r = runCli(['busy', '--yes', '--no-git'], { cwd: base });
  expect(r.code).toBe(1);
  expect(errorOf(r.stderr)).toEqual({ line: 'folder busy is not empty.', hint: expect.stringContaining('--overwrite') });
  expect(snapshotTree(base)).toEqual(before);

  const ok = runCli(['busy', '--yes', '--no-git', '--overwrite'], { cwd: base });
  expect(ok.code).toBe(0);
  expect(readFileSync(join(app, 'notes.txt'), 'utf8')).toBe('mine\n');
});

test('a file where the app folder should be is a clear error', () => {
  const base = tempDir();
  writeFileSync(join(base, 'taken'), 'x');
  const r = runCli(['taken', '--yes', '--no-git'], { cwd: base });
  expect(r.code).toBe(1);
  expect(r.stderr).toBe('error: taken exists and is not a folder.\n  Choose another name for the app folder.\n');
});

test('an app inside another app is refused, as golem app new does', () => {
  const base = tempDir();
  expect(runCli(['outer', '--yes', '--no-git'], { cwd: base }).code).toBe(0);
  const before = snapshotTree(base);
  const r = runCli(['inner', '--yes', '--no-git'], { cwd: join(base, 'outer', 'components-ts') });
  expect(r.code).toBe(1);
  expect(errorOf(r.stderr).line).toBe(`inner would be inside the Golem app at ${join(base, 'outer')}.`);
  expect(snapshotTree(base)).toEqual(before);
});

test('what counts as an enclosing app: a golem.yaml file or a link to one; not a folder named golem.yaml, nor a dangling link', () => {
  const base = tempDir();
  const cases: [string, (dir: string) => void, boolean][] = [
    ['file', (dir) => writeFileSync(join(dir, 'golem.yaml'), 'components: {}\n'), true],
    [
      'link to a file',
      (dir) => {
        writeFileSync(join(dir, 'real.yaml'), 'components: {}\n');
        symlinkSync('real.yaml', join(dir, 'golem.yaml'));
      },
      true,
    ],
    ['folder', (dir) => mkdirSync(join(dir, 'golem.yaml')), false],
    ['dangling link', (dir) => symlinkSync('nowhere.yaml', join(dir, 'golem.yaml')), false],
  ];
  for (const [name, make, refused] of cases) {
    const outer = join(base, name.replace(/ /g, '-'));
    mkdirSync(join(outer, 'sub'), { recursive: true });
    make(outer);
    const r = runCli(['inner', '--yes', '--no-git'], { cwd: join(outer, 'sub') });
    expect(r.code, `${name}: ${r.stderr}`).toBe(refused ? 1 : 0);
    if (refused) expect(errorOf(r.stderr).line).toBe(`inner would be inside the Golem app at ${outer}.`);
    expect(existsSync(join(outer, 'sub', 'inner', 'golem.yaml')), name).toBe(!refused);
  }
});

test('a component that exists is refused and nothing changes', () => {
  const base = tempDir();
  expect(runCli(['dup', '--yes', '--no-git', '--component', 'dup:one'], { cwd: base }).code).toBe(0);
  const before = snapshotTree(base);
  const r = runCli(['dup', '--yes', '--no-git', '--overwrite', '--component', 'dup:one'], { cwd: base });
  expect(r.code).toBe(1);
  expect(r.stderr).toContain('already exists');
  expect(snapshotTree(base)).toEqual(before);
});

test('bad component names get a clear error with an example', () => {
  const base = tempDir();
  for (const bad of ['Example:Provider', 'noseparator', 'a:1b', 'a:b:c', 'a-:b']) {
    const r = runCli(['x', '--yes', '--no-git', '--component', bad], { cwd: base });
    expect(r.code, bad).toBe(1);
    expect(r.stderr, bad).toMatch(/example:provider|e\.g\./);
    errorOf(r.stderr);
  }
  expect(readdirSync(base)).toEqual([]);
});

test('without a TTY nothing is asked: defaults are used, no hang', () => {
  const base = tempDir();
  const r = runCli(['quiet-app'], { cwd: base });
  expect(r.code).toBe(0);
  expect(existsSync(join(base, 'quiet-app/components-ts/quiet-app-provider/src/main.ts'))).toBe(true);
});

test('git: init and first commit, even without a configured identity', () => {
  const base = tempDir();
  const home = tempDir('home-');
  const env = { HOME: home, XDG_CONFIG_HOME: home, GIT_CONFIG_NOSYSTEM: '1', GIT_CONFIG_GLOBAL: join(home, 'none') };
  const r = runCli(['gitted', '--yes'], { cwd: base, env });
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  const log = execFileSync('git', ['log', '--format=%an|%s'], { cwd: join(base, 'gitted'), env: { ...process.env, ...env } }).toString();
  expect(log).toContain('Initial commit from create-golem-app');
  const status = execFileSync('git', ['status', '--porcelain'], { cwd: join(base, 'gitted') }).toString();
  expect(status).toBe('');
});

test('git is skipped inside an existing work tree', () => {
  const base = tempDir();
  execFileSync('git', ['init', '-q'], { cwd: base });
  const r = runCli(['inner', '--yes'], { cwd: base });
  expect(r.code).toBe(0);
  expect(existsSync(join(base, 'inner/.git'))).toBe(false);
});

test('a missing git warns and continues', () => {
  const base = tempDir();
  const r = runCli(['nogit', '--yes'], { cwd: base, env: { PATH: '/nonexistent' } });
  expect(r.code).toBe(0);
  expect(r.stderr).toContain('git was not found');
  expect(existsSync(join(base, 'nogit/golem.yaml'))).toBe(true);
});

describe('usage', () => {
  test('--help lists the working commands, --version prints the version', () => {
    const help = runCli(['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('Usage: create-golem-app [dir] [options]');
    expect(help.stdout).toContain('--component <ns:name>');
    const version = runCli(['--version']);
    expect(version.stdout.trim()).toBe(JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).version);
  });

  test('an unknown flag gets a clear error, the usage line and exit code 2', () => {
    const r = runCli(['--frobnicate']);
    expect(r.code).toBe(2);
    expect(errorOf(r.stderr)).toEqual({ line: "unknown option '--frobnicate'.", hint: expect.stringMatching(/^Usage: create-golem-app \[dir\] \[options\]\. /) });
  });

  test('an unknown command gets exit code 2', () => {
    const r = runCli(['frob', 'nicate']);
    expect(r.code).toBe(2);
    expect(errorOf(r.stderr).line).toBe("unknown command 'frob'.");
  });
});

describe('callers and dependencies at creation', () => {
  const base = tempDir();
  const app = join(base, 'rpc-app');
  let r: ReturnType<typeof runCli>;
  beforeAll(() => {
    r = runCli(
      [
        'rpc-app',
        '--no-git',
        '--component',
        'ex:provider',
        '--component',
        'ex:caller',
        '-t',
        'ts',
        '-t',
        'ts/caller',
        '--target',
        'ex:provider',
        '--dependency',
        'ex:caller=ex:caller',
      ],
      { cwd: base },
    );
  });

  test('the caller is created from its target, with both dependencies written', () => {
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const yaml = readFileSync(join(app, 'components-ts/ex-caller/golem.yaml'), 'utf8');
    expect(yaml).toMatch(/dependencies:\n {2}ex:caller:\n {2}- target: ex:provider\n {4}type: wasm-rpc\n {2}- target: ex:caller\n {4}type: wasm-rpc\n/);
    const main = readFileSync(join(app, 'components-ts/ex-caller/src/main.ts'), 'utf8');
    expect(main).toContain('ex:provider-client/ex-provider-client');
    expectValidManifests(app);
  });

  test("the caller's wit-generated imports both clients and is accepted by wit-parser", async () => {
    const generated = join(app, 'components-ts/ex-caller/wit-generated');
    const world = readFileSync(join(generated, 'main.wit'), 'utf8');
    expect(world).toContain('import ex:provider-client/ex-provider-client;');
    expect(world).toContain('import ex:caller-client/ex-caller-client;');
    expect(await checkWitDir(generated)).toEqual({ ok: true });
    expect(await checkWitDir(join(app, 'golem-temp/client/ex_provider/wit'))).toEqual({ ok: true });
  });

  test('a caller template without a target, or a stray --target, is a clear error', () => {
    const b = tempDir();
    const noTarget = runCli(['x', '--no-git', '--component', 'x:c', '-t', 'ts/caller'], { cwd: b });
    expect(noTarget.code).toBe(1);
    expect(noTarget.stderr).toContain('needs a target');
    const stray = runCli(['x', '--no-git', '--component', 'x:p', '--target', 'x:q'], { cwd: b });
    expect(stray.code).toBe(1);
    expect(stray.stderr).toContain('--target x:q has no caller component');
    const badDep = runCli(['x', '--no-git', '--component', 'x:p', '--dependency', 'x:p'], { cwd: b });
    expect(badDep.code).toBe(2);
    expect(readdirSync(b)).toEqual([]);
  });
});

test('a local template folder started with `templates init --role caller` works as a caller', () => {
  const base = tempDir();
  const init = runCli(['templates', 'init', join(base, 'my-caller'), '--language', 'ts', '--role', 'caller'], { cwd: base });
  expect(init.stderr).toBe('');
  expect(init.code).toBe(0);
  const r = runCli(['app', '--no-git', '--component', 'x:provider', '--component', 'x:caller', '-t', 'ts', '-t', './my-caller', '--target', 'x:provider'], { cwd: base });
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  expect(readFileSync(join(base, 'app/components-ts/x-caller/golem.yaml'), 'utf8')).toContain('- target: x:provider');
});
