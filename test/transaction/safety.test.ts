/**
 * The write path's safety rules, through the built CLI: links inside generated folders are
 * removed, never followed; generatedWit, tempDir and includes that would write outside the app
 * or over sources are refused with file:line; include globs end on link loops; FIFOs are errors;
 * deep nesting is a clear error; bytes that are not UTF-8 survive an edit.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, lstatSync, mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli, tempDir } from '../helpers/cli.js';
import { baseApp, leftovers, tree } from './helpers.js';

let generated: ReturnType<typeof baseApp>;
let plain: ReturnType<typeof baseApp>;
/** The app with its clients generated, as `generate` leaves it. */
let reference: Map<string, string>;

beforeAll(() => {
  generated = baseApp(['--dependency', 'a:c=a:p']);
  plain = baseApp();
  reference = tree(generated.copy());
});

const CALLER = 'components-ts/a-c/golem.yaml';
const GENERATED = 'components-ts/a-c/wit-generated';

/** A folder outside every app, with a file in it, to prove nothing there is touched. */
function outside(): { dir: string; snapshot: () => Map<string, string> } {
  const dir = tempDir('cga-tx-outside-');
  writeFileSync(join(dir, 'keep.wit'), 'package keep:me;\n');
  writeFileSync(join(dir, 'notes.txt'), 'mine\n');
  return { dir, snapshot: () => tree(dir) };
}

/** Runs the CLI and expects one error line (and the exit code 1), with no stack trace. */
function fails(args: string[], cwd: string): string {
  const r = runCli(args, { cwd });
  expect(r.code, r.stdout + r.stderr).toBe(1);
  expect(r.stderr).toMatch(/^error: /);
  expect(r.stderr).not.toMatch(/\n\s+at |unexpected failure|Maximum call stack/);
  return r.stderr;
}

const edit = (app: string, file: string, change: (text: string) => string) => writeFileSync(join(app, file), change(readFileSync(join(app, file), 'utf8')));

describe('links inside generated folders', () => {
  it('are removed or replaced, never followed: nothing outside the app changes', () => {
    const app = generated.copy();
    const out = outside();
    const before = out.snapshot();
    // A generated package folder that is a link to a folder outside, a stale link to a file outside, a stale link to a folder outside.
    rmSync(join(app, GENERATED, 'deps/io'), { recursive: true });
    symlinkSync(out.dir, join(app, GENERATED, 'deps/io'));
    symlinkSync(join(out.dir, 'keep.wit'), join(app, GENERATED, 'stale.wit'));
    symlinkSync(out.dir, join(app, GENERATED, 'deps/zzz'));
    symlinkSync(out.dir, join(app, 'golem-temp/client/a_p/wit/deps/extra'));
    const r = runCli(['generate'], { cwd: app });
    expect(r.code, r.stderr).toBe(0);
    expect(out.snapshot()).toEqual(before);
    expect(lstatSync(join(app, GENERATED, 'deps/io')).isDirectory()).toBe(true);
    expect(tree(app)).toEqual(reference);
    expect(leftovers(app)).toEqual([]);
  });

  it('a tempDir that is a link to a folder outside is refused; nothing is written there', () => {
    const app = generated.copy();
    const out = outside();
    rmSync(join(app, 'golem-temp'), { recursive: true });
    symlinkSync(out.dir, join(app, 'golem-temp'));
    const before = tree(app);
    const outBefore = out.snapshot();
    expect(fails(['generate'], app)).toMatch(/links outside/);
    expect(out.snapshot()).toEqual(outBefore);
    expect(tree(app)).toEqual(before);
  });
});

describe('generatedWit and tempDir', () => {
  it('generatedWit: src (the sources) is refused, naming a source file; nothing is deleted', () => {
    const app = generated.copy();
    edit(app, CALLER, (t) => t.replace('    template: ts\n', '    template: ts\n    generatedWit: src\n'));
    const before = tree(app);
    expect(fails(['generate'], app)).toMatch(/components-ts\/a-c\/src\/main\.ts is not generated WIT/);
    expect(tree(app)).toEqual(before);
  });

  it.each([
    ['wit', /generatedWit of component 'a:c' \(components-ts\/a-c\/wit\) would hold its sourceWit components-ts\/a-c\/wit/],
    ['.', /generatedWit of component 'a:c' \(components-ts\/a-c\) would hold the component's own folder/],
    ['../../../elsewhere', /generatedWit of component 'a:c' resolves to .*\/elsewhere, outside the app folder/],
    ['..', /generatedWit of component 'a:c' \(components-ts\) would hold the component's own folder components-ts\/a-c/],
  ])('generatedWit: %s is refused with file:line', (value, message) => {
    const app = generated.copy();
    edit(app, CALLER, (t) => t.replace('    template: ts\n', `    template: ts\n    generatedWit: ${JSON.stringify(value)}\n`));
    const line =
      readFileSync(join(app, CALLER), 'utf8')
        .split('\n')
        .findIndex((l) => l.includes('generatedWit:')) + 1;
    const before = tree(app);
    const stderr = fails(['add', 'dependency', 'a:c', 'a:c'], app);
    expect(stderr).toMatch(message);
    expect(stderr).toContain(`${join(app, CALLER)}:${line}:19: `);
    expect(tree(app)).toEqual(before);
  });

  it('a profile whose rendered generatedWit leaves the app is refused, naming the profile', () => {
    const app = plain.copy();
    writeFileSync(
      join(app, 'components-ts/a-c/golem.yaml'),
      [
        'templates:',
        '  split:',
        '    profiles:',
        '      debug:',
        '        generatedWit: wit-generated',
        '      release:',
        '        generatedWit: ../../../out/{{ component_name | to_snake_case }}',
        '    defaultProfile: debug',
        'components:',
        '  a:c:',
        '    template: split',
        '',
      ].join('\n'),
    );
    const stderr = fails(['generate'], app);
    expect(stderr).toMatch(/generatedWit of component 'a:c' \(profile 'release'\) resolves to .*\/out\/a_c, outside the app folder/);
    expect(stderr).toContain('golem.yaml:7:23: ');
  });

  it('tempDir outside the app is refused with file:line', () => {
    const app = plain.copy();
    writeFileSync(join(app, 'golem.yaml'), `${readFileSync(join(app, 'golem.yaml'), 'utf8')}\ntempDir: ../elsewhere\n`);
    const before = tree(app);
    const stderr = fails(['generate'], app);
    expect(stderr).toMatch(/tempDir resolves to .*elsewhere, outside the app folder/);
    expect(stderr).toMatch(/golem\.yaml:\d+:1: /);
    expect(tree(app)).toEqual(before);
    expect(existsSync(join(dirname(app), 'elsewhere'))).toBe(false);
  });

  it('a component reached through includes outside the app is refused: its generated WIT would be written there', () => {
    const app = plain.copy();
    const other = join(dirname(app), 'other', 'x');
    mkdirSync(other, { recursive: true });
    writeFileSync(join(other, 'golem.yaml'), 'components:\n  a:x:\n    template: ts\n');
    edit(app, 'golem.yaml', (t) => t.replace('- components-*/*/golem.yaml\n', '- components-*/*/golem.yaml\n- ../other/*/golem.yaml\n'));
    const stderr = fails(['generate'], app);
    expect(stderr).toMatch(/generatedWit of component 'a:x' resolves to .*other\/x\/wit-generated, outside the app folder/);
    expect(existsSync(join(other, 'wit-generated'))).toBe(false);
  });
});

describe('include globs', () => {
  it('end on a symlink loop under **', () => {
    const app = generated.copy();
    edit(app, 'golem.yaml', (t) => t.replace(/includes:\n(- .*\n)+/, 'includes:\n- "**/golem.yaml"\n'));
    symlinkSync('..', join(app, 'components-ts/loop'));
    symlinkSync('.', join(app, 'self'));
    const r = runCli(['generate'], { cwd: app });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/generated WIT up to date/);
  });
});

const mkfifo = (path: string) => expect(spawnSync('mkfifo', [path]).status).toBe(0);

describe('FIFOs', () => {
  it('a FIFO named golem.yaml is an error naming it, not a wait', () => {
    const dir = tempDir('cga-tx-fifo-');
    mkfifo(join(dir, 'golem.yaml'));
    expect(fails(['generate'], dir)).toContain(`${join(dir, 'golem.yaml')} is a FIFO, not a regular file`);
  });

  it('an included golem.yaml that is a FIFO is an error naming it', () => {
    const app = generated.copy();
    mkdirSync(join(app, 'components-ts/a-f'));
    mkfifo(join(app, 'components-ts/a-f/golem.yaml'));
    expect(fails(['generate'], app)).toContain('components-ts/a-f/golem.yaml is a FIFO, not a regular file');
  });

  it('a FIFO named *.wit in a WIT folder is an error naming it', () => {
    const app = generated.copy();
    mkfifo(join(app, 'components-ts/a-p/wit/extra.wit'));
    const before = tree(app);
    expect(fails(['generate'], app)).toContain('components-ts/a-p/wit/extra.wit is a FIFO, not a regular file');
    expect(tree(app)).toEqual(before);
  });
});

describe('nesting depth', () => {
  it.each([
    ['100,000 levels of flow sequences', `x: ${'['.repeat(100_000)}${']'.repeat(100_000)}\n`],
    ['200 levels of block mappings', `${Array.from({ length: 200 }, (_, i) => `${' '.repeat(i)}k${i}:`).join('\n')} 1\n`],
    ['100,000 compact block sequences', `x:\n${'- '.repeat(100_000)}1\n`],
  ])('%s in golem.yaml is a clear error', (_what, text) => {
    const app = plain.copy();
    writeFileSync(join(app, CALLER), `${readFileSync(join(app, CALLER), 'utf8')}${text}`);
    expect(fails(['generate'], app)).toMatch(/golem\.yaml:\d+:\d+: golem\.yaml nests collections more than 128 levels deep/);
  });

  it('a 10,000-long WIT type alias chain is followed without overflowing the stack', () => {
    const app = plain.copy();
    const chain = Array.from({ length: 10_000 }, (_, i) => `  type a${i} = a${i + 1};`).join('\n');
    const wit = join(app, 'components-ts/a-p/wit/main.wit');
    writeFileSync(
      wit,
      readFileSync(wit, 'utf8').replace(/interface [a-z-]+ \{\n/, (open) => `${open}${chain}\n  type a10000 = u32;\n  chained: func(x: a0) -> a0;\n`),
    );
    const r = runCli(['add', 'dependency', 'a:c', 'a:p'], { cwd: app });
    expect(r.code, r.stderr).toBe(0);
    expect(readFileSync(join(app, 'golem-temp/client/a_p/wit/client.wit'), 'utf8')).toContain('chained: func(x: a0) -> a0;');
    expect(leftovers(app)).toEqual([]);
  });
});

describe('bytes that are not UTF-8', () => {
  it('in golem.yaml comments are kept byte for byte through an edit', () => {
    const app = plain.copy();
    const file = join(app, CALLER);
    const head = Buffer.from([0x23, 0x20, 0x63, 0x61, 0x66, 0xe9, 0x20, 0xff, 0xfe, 0x0a]); // "# café ÿþ" in Latin-1, then invalid bytes
    const tail = Buffer.from([0x23, 0x20, 0xc3, 0x28, 0x20, 0xed, 0xa0, 0x80, 0x0a]); // a broken two-byte sequence, an encoded surrogate
    const original = Buffer.concat([head, readFileSync(file), tail]);
    writeFileSync(file, original);
    const r = runCli(['add', 'dependency', 'a:c', 'a:p'], { cwd: app });
    expect(r.code, r.stderr).toBe(0);
    const after = readFileSync(file);
    expect(after.subarray(0, head.length)).toEqual(head);
    expect(after.subarray(after.length - tail.length)).toEqual(tail);
    expect(after.includes(Buffer.from([0xef, 0xbf, 0xbd]))).toBe(false); // no U+FFFD anywhere
    expect(after.length).toBeGreaterThan(original.length);
  });
});

describe('the create target', () => {
  it('a dangling symbolic link is refused and kept', () => {
    const cwd = tempDir('cga-tx-dangling-');
    symlinkSync(join(cwd, 'nowhere'), join(cwd, 'app'));
    expect(fails(['app', '--yes'], cwd)).toMatch(/app is a broken symbolic link|app exists and is not a folder/);
    expect(lstatSync(join(cwd, 'app')).isSymbolicLink()).toBe(true);
    expect(existsSync(join(cwd, 'nowhere'))).toBe(false);
  });
});
