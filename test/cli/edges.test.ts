/**
 * The CLI's edges, driven as a user drives them (real processes of the built CLI, real folders,
 * real pipes): near-miss commands and their escapes, broken pipes, the error format on usage and
 * input mistakes, folder names, folder collisions, and dry runs that write nothing.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, test } from 'vitest';
import { loadApp } from '../../src/app/index.js';
import { editDistance } from '../../src/text/distance.js';
import { slug } from '../../src/text/case.js';
import { BIN, errorOf, runCli, snapshotTree, tempDir } from '../helpers/cli.js';

const ENV = { ...process.env, NO_COLOR: '1', npm_config_user_agent: undefined };

/** A fresh app with a counter provider and a caller of it. */
function newApp(): string {
  const base = tempDir('cga-edges-');
  const r = runCli(['app', '--yes', '--no-git', '--component', 'app:provider', '--component', 'app:caller', '-t', 'ts', '-t', 'ts/caller', '--target', 'app:provider'], {
    cwd: base,
  });
  expect(r.code, r.stderr).toBe(0);
  return join(base, 'app');
}

describe('words that are commands', () => {
  test('Damerau-Levenshtein distance counts a swap of neighbours as one edit', () => {
    expect(editDistance('generate', 'generat')).toBe(1);
    expect(editDistance('generate', 'genreate')).toBe(1);
    expect(editDistance('templates', 'tempaltes')).toBe(1);
    expect(editDistance('registry', 'REGISTRY')).toBe(0);
    expect(editDistance('registry', 'rgistyr')).toBe(2);
    expect(editDistance('generate', 'my-app')).toBeGreaterThan(2);
  });

  it.each([
    ['generat', 'generate'],
    ['genreate', 'generate'],
    ['Generate', 'generate'],
    ['templats', 'templates'],
    ['tempaltes', 'templates'],
    ['registy', 'registry'],
    ['adds', 'add'],
    ['lsit', 'list'],
    ['grpah', 'graph'],
    ['remov', 'remove'],
  ])("'%s' is refused as a command typo (did you mean '%s'?), exit 2, nothing created", (word, command) => {
    const base = tempDir();
    const r = runCli([word, '--yes'], { cwd: base });
    expect(r.code).toBe(2);
    expect(errorOf(r.stderr)).toEqual({
      line: `unknown command '${word}' — did you mean '${command}'?`,
      hint: `To create a folder named ${word}, write ./${word}.`,
    });
    expect(readdirSync(base)).toEqual([]);
  });

  it('a command word after an option is a misplaced command, not a folder', () => {
    const base = tempDir();
    const r = runCli(['--yes', 'generate'], { cwd: base });
    expect(r.code).toBe(2);
    expect(errorOf(r.stderr).line).toBe("'generate' is a command: write it first (create-golem-app generate …).");
    expect(readdirSync(base)).toEqual([]);
  });

  it.each([
    ['./generat', 'generat'],
    ['generat/', 'generat'],
    ['--', 'generat'],
    ['--', 'generate'],
  ])('written as %s %s, a word is always the folder', (first, second) => {
    const base = tempDir();
    const args = first === '--' ? ['--yes', '--no-git', '--', second] : ['--yes', '--no-git', first];
    const r = runCli(args, { cwd: base });
    expect(r.code, r.stderr).toBe(0);
    expect(readdirSync(base)).toEqual([second]);
    expect(existsSync(join(base, second, 'golem.yaml'))).toBe(true);
  });

  it.each(['gen', 'my-app', 'demo', 'shop', 'test', 'inst'])("'%s' (short, or far from every command) is a folder", (word) => {
    const base = tempDir();
    expect(runCli([word, '--yes', '--no-git'], { cwd: base }).code).toBe(0);
    expect(readdirSync(base)).toEqual([word]);
  });

  it('a mistyped subcommand and a mistyped flag get their suggestion; help <command> shows that command', () => {
    const sub = runCli(['add', 'componnt', 'ts', 'a:b']);
    expect(sub.code).toBe(2);
    expect(errorOf(sub.stderr)).toEqual({ line: "unknown command 'add componnt'.", hint: "Did you mean 'add component'?" });
    const flag = runCli(['x', '--dry-rn']);
    expect(flag.code).toBe(2);
    expect(errorOf(flag.stderr)).toEqual({ line: "unknown option '--dry-rn'.", hint: 'Did you mean --dry-run?' });
    const group = runCli(['add']);
    expect(group.code).toBe(2);
    expect(errorOf(group.stderr)).toEqual({ line: "'add' needs a subcommand.", hint: 'Use one of: add component, add dependency.' });
    const help = runCli(['help', 'add', 'component']);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/^Usage: create-golem-app add component \[template\] \[ns:name\] \[options\]/);
    expect(runCli(['help']).stdout).toMatch(/^Usage: create-golem-app \[dir\] \[options\]/);
  });
});

describe('pipes', () => {
  it('`templates list | head -1` prints one line, no EPIPE trace, and create-golem-app exits 0', () => {
    const r = spawnSync('bash', ['-c', `"${process.execPath}" "${BIN}" templates list --json | head -1; echo "status=\${PIPESTATUS[0]}" >&2`], { encoding: 'utf8', env: ENV });
    expect(r.stdout).toBe('[\n');
    expect(r.stderr).toBe('status=0\n');
  });

  /** Runs the CLI with a stream whose reader is already gone: every write to it meets EPIPE. */
  function withClosedReader(args: string[], cwd: string, closed: 'stdout' | 'stderr'): Promise<{ code: number | null; other: string }> {
    return new Promise((done) => {
      const child = spawn(process.execPath, [BIN, ...args], { cwd, env: ENV, stdio: ['ignore', 'pipe', 'pipe'] });
      child[closed].destroy();
      let other = '';
      child[closed === 'stdout' ? 'stderr' : 'stdout'].on('data', (d: Buffer) => (other += d.toString()));
      child.on('close', (code) => done({ code, other }));
    });
  }

  it('generate with its output unread still generates every file and exits 0, quietly', async () => {
    const app = newApp();
    const generated = join(app, 'components-ts/app-caller/wit-generated');
    rmSync(generated, { recursive: true });
    const r = await withClosedReader(['generate'], app, 'stdout');
    expect(r).toEqual({ code: 0, other: '' });
    expect(readFileSync(join(generated, 'main.wit'), 'utf8')).toContain('import app:provider-client/');
  });

  it('an error with stderr unread keeps its exit code and writes nothing', async () => {
    const app = newApp();
    const before = snapshotTree(app);
    const r = await withClosedReader(['add', 'dependency', 'app:caller', 'app:nope'], app, 'stderr');
    expect(r).toEqual({ code: 1, other: '' });
    expect(snapshotTree(app)).toEqual(before);
  });

  it('a long listing into a closed pipe exits 0 with nothing on stderr', async () => {
    const r = await withClosedReader(['templates', 'list', '--json'], tempDir(), 'stdout');
    expect(r).toEqual({ code: 0, other: '' });
  });
});

describe('errors as sentences: one error line, at most one hint line, everywhere', () => {
  const app = newApp();
  const cases: [string, string[], number][] = [
    ['unknown flag', ['--frobnicate'], 2],
    ['unknown flag of a subcommand', ['generate', '--frob'], 2],
    ['missing argument', ['templates', 'validate'], 2],
    ['extra argument', ['generate', 'extra'], 2],
    ['bad component name', ['x', '--yes', '--component', 'Bad_Name'], 1],
    ['unknown template', ['x', '--yes', '--component', 'a:b', '-t', 'ts/nope'], 1],
    ['templates count mismatch', ['x', '--yes', '--component', 'a:b', '--component', 'a:c', '-t', 'ts', '-t', 'ts', '-t', 'rust'], 2],
    ['bad --dependency', ['x', '--yes', '--dependency', 'nonsense'], 2],
    ['not inside an app', ['generate', '--app', '/'], 1],
    ['unknown component', ['generate', '--component', 'x:y', '--app', app], 1],
    ['unknown dependency type', ['add', 'dependency', 'app:caller', 'app:provider', '--type', 'grpc', '--app', app], 1],
    ['missing registry', ['templates', 'publish', '.'], 2],
  ];
  it.each(cases)('%s', (_name, args, code) => {
    const cwd = tempDir();
    const r = runCli(args, { cwd });
    expect(r.code, r.stderr).toBe(code);
    const { line } = errorOf(r.stderr);
    expect(line).not.toMatch(/\n|^\s/);
    expect(r.stderr).not.toMatch(/\n\s+at /); // no stack trace
    expect(readdirSync(cwd)).toEqual([]);
  });
});

describe('names and folders', () => {
  test.each([
    ['Café-Bar', 'cafe-bar'],
    ['Straße', 'strasse'],
    ['Ærø Shop', 'aero-shop'],
    ['naïve app', 'naive-app'],
    ['日本', ''],
  ])('slug(%j) is %j', (text, expected) => {
    expect(slug(text)).toBe(expected);
  });

  it('a folder named Café-Bar gets the namespace cafe-bar', () => {
    const base = tempDir();
    const r = runCli(['Café-Bar', '--yes', '--no-git'], { cwd: base });
    expect(r.code, r.stderr).toBe(0);
    expect([...loadApp(join(base, 'Café-Bar'), { explicitRoot: true }).components.keys()]).toEqual(['cafe-bar:provider']);
  });

  it('a folder name with nothing a namespace can use is refused clearly, nothing written', () => {
    const base = tempDir();
    const r = runCli(['日本', '--yes', '--no-git'], { cwd: base });
    expect(r.code).toBe(1);
    expect(errorOf(r.stderr)).toEqual({
      line: "the folder name '日本' has nothing a WIT namespace can be made of (letters a-z, then letters, digits and single dashes).",
      hint: 'Name the component yourself, e.g. --component my-app:provider.',
    });
    expect(readdirSync(base)).toEqual([]);
  });

  it('two components whose folders collide are reported as such (create)', () => {
    const base = tempDir();
    const r = runCli(['app', '--yes', '--no-git', '--component', 'a-b:c', '--component', 'a:b-c'], { cwd: base });
    expect(r.code).toBe(1);
    expect(errorOf(r.stderr).line).toBe('components a-b:c and a:b-c would share the folder components-ts/a-b-c.');
    expect(readdirSync(base)).toEqual([]);
  });

  it('two components whose folders collide are reported as such (add component), the app unchanged', () => {
    const app = newApp();
    expect(runCli(['add', 'component', 'ts', 'app-x:y'], { cwd: app }).code).toBe(0);
    const before = snapshotTree(app);
    const r = runCli(['add', 'component', 'rust', 'app:x-y'], { cwd: app });
    expect(r.code, r.stderr).toBe(0); // another language: another folder, no collision
    const again = runCli(['add', 'component', 'ts', 'app:x-y2'], { cwd: app });
    expect(again.code).toBe(0);
    const collide = runCli(['add', 'component', 'ts', 'app-x:y2'], { cwd: app });
    expect(collide.code).toBe(1);
    expect(errorOf(collide.stderr)).toEqual({
      line: 'components app:x-y2 and app-x:y2 would share the folder components-ts/app-x-y2.',
      hint: "Names that differ only in where ':' and '-' are map to the same folder; choose another name for app-x:y2.",
    });
    expect(snapshotTree(app).get('golem.yaml')).toEqual(before.get('golem.yaml'));
  });

  it('--overwrite merges .gitignore by appending the missing entries, every byte of the user kept', () => {
    const base = tempDir();
    const dir = join(base, 'app');
    mkdirSync(dir);
    const mine = '# my editor\r\n.idea/\r\n\r\n/golem-temp\r\n';
    writeFileSync(join(dir, '.gitignore'), mine);
    const r = runCli(['app', '--yes', '--no-git', '--overwrite'], { cwd: base });
    expect(r.code, r.stderr).toBe(0);
    expect(readFileSync(join(dir, '.gitignore'), 'utf8')).toBe(`${mine}/dist\r\n/node_modules\r\n`);
  });
});

describe('--dry-run on add component, add dependency and generate', () => {
  it('add component --dry-run lists the plan, dependency included, and writes nothing', () => {
    const app = newApp();
    const before = snapshotTree(app);
    const r = runCli(['add', 'component', 'ts/caller', 'app:second', '--target', 'app:provider', '--dry-run'], { cwd: app });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^Dry run: \d+ files would be written in \. \(nothing written\):$/m);
    expect(r.stdout).toMatch(/^ {2}create {4}components-ts\/app-second\/src\/main\.ts$/m);
    expect(r.stdout).toMatch(/^ {2}create {4}components-ts\/app-second\/wit-generated\/main\.wit$/m);
    expect(r.stdout).toContain('dependency app:second → app:provider (wasm-rpc)');
    expect(r.stdout).not.toMatch(/Added|Next steps/);
    expect(snapshotTree(app)).toEqual(before);
  });

  it('add dependency --dry-run shows the golem.yaml edit and the files, and writes nothing', () => {
    const app = newApp();
    const before = snapshotTree(app);
    const r = runCli(['add', 'dependency', 'app:provider', 'app:provider', '--dry-run'], { cwd: app });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('Would add dependency app:provider → app:provider (wasm-rpc) in components-ts/app-provider/golem.yaml');
    expect(r.stdout).toMatch(/^ +\d+ \+ {3}- target: app:provider$/m);
    expect(r.stdout).toMatch(/^ {2}replace {3}components-ts\/app-provider\/golem\.yaml$/m);
    expect(r.stdout).toMatch(/^ {2}create {4}components-ts\/app-provider\/wit-generated\/deps\/app_provider-client\/client\.wit$/m);
    expect(snapshotTree(app)).toEqual(before);
  });

  it('generate --dry-run lists what generation would change, and writes nothing', () => {
    const app = newApp();
    rmSync(join(app, 'components-ts/app-caller/wit-generated'), { recursive: true });
    const before = snapshotTree(app);
    const r = runCli(['generate', '--dry-run'], { cwd: app });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^ {2}create {4}components-ts\/app-caller\/wit-generated\/main\.wit$/m);
    expect(r.stdout).toMatch(/^ {2}\(\d+ files unchanged\)$/m);
    expect(snapshotTree(app)).toEqual(before);
    // The same run for real writes what the dry run listed.
    expect(runCli(['generate'], { cwd: app }).code).toBe(0);
    expect(existsSync(join(app, 'components-ts/app-caller/wit-generated/main.wit'))).toBe(true);
  });

  it('a dry run finds the conflicts a real run would', () => {
    const app = newApp();
    mkdirSync(join(app, 'components-ts/app-third/src'), { recursive: true });
    writeFileSync(join(app, 'components-ts/app-third/src/main.ts'), '// mine\n');
    const before = snapshotTree(app);
    const r = runCli(['add', 'component', 'ts', 'app:third', '--dry-run'], { cwd: app });
    expect(r.code).toBe(1);
    expect(errorOf(r.stderr).line).toMatch(/already exists/);
    expect(snapshotTree(app)).toEqual(before);
  });
});
