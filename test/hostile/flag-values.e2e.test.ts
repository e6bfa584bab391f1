/**
 * Flag values that are slips: an empty value (`--app ''`), a value that looks like an option
 * (`--timeout -1`), a template id with parts after its name. One error line, one hint, exit code
 * 2 for usage, nothing written anywhere.
 */
import { describe, expect, it } from 'vitest';
import { callerProviderApp, errorOf, listFiles, runCli, snapshotTree, tempDir } from '../helpers/cli.js';

describe('empty flag values are usage errors, on every command that takes one', () => {
  it.each([
    [['generate', '--app', ''], '--app needs <dir>, not an empty string.'],
    [['doctor', '--app', ''], '--app needs <dir>, not an empty string.'],
    [['list', '--app='], '--app needs <dir>, not an empty string.'],
    [['add', 'dependency', 'example:caller', 'example:provider', '--path', ''], '--path needs <file.wasm>, not an empty string.'],
    [['add', 'dependency', 'example:caller', '--url', ''], '--url needs <url>, not an empty string.'],
    [['add', 'component', 'ts', 'x:y', '--target', ''], '--target needs <component>, not an empty string.'],
    [['generate', '--component', 'example:caller', '--component', ''], '--component needs <name>, not an empty string.'],
    [['generate', '--timeout', ''], '--timeout needs <seconds>, not an empty string.'],
  ])('%j', (args, line) => {
    const root = callerProviderApp('cga-hostile-flags-');
    const before = snapshotTree(root);
    const r = runCli(args, { cwd: root });
    expect(r.code, r.stderr).toBe(2);
    expect(errorOf(r.stderr).line).toBe(line);
    expect(r.stdout).toBe('');
    expect(snapshotTree(root)).toEqual(before);
  });

  it('create with an empty --component, --template or --dependency writes no app', () => {
    for (const flag of ['--component', '--template', '--dependency']) {
      const parent = tempDir('cga-hostile-flags-');
      const r = runCli(['app', '--yes', '--no-git', flag, ''], { cwd: parent });
      expect(r.code, r.stderr).toBe(2);
      expect(errorOf(r.stderr).line).toMatch(new RegExp(`^${flag} needs <[^>]+>.*, not an empty string\\.$`));
      expect(listFiles(parent)).toEqual([]);
    }
  });
});

describe('a value that reads as an option', () => {
  it.each([
    [['generate', '--timeout', '-1'], "--timeout got '-1', which reads as an option.", "Write a value that starts with '-' after '=': --timeout=-1"],
    [['app', '--yes', '-t', '-x'], "-t got '-x', which reads as an option.", "Write a value that starts with '-' after '=': --template=-x"],
    [['add', 'dependency', 'a:b', 'c:d', '--type', '--wasm'], "--type got '--wasm', which reads as an option.", "Write a value that starts with '-' after '=': --type=--wasm"],
  ])('%j: one sentence and how to write it', (args, line, hint) => {
    const parent = tempDir('cga-hostile-flags-');
    const r = runCli(args, { cwd: parent });
    expect(r.code, r.stderr).toBe(2);
    expect(errorOf(r.stderr)).toEqual({ line, hint });
    expect(listFiles(parent)).toEqual([]);
  });

  it('written after =, the value reaches the check of its own', () => {
    const r = runCli(['generate', '--timeout=-1'], { cwd: callerProviderApp('cga-hostile-flags-') });
    expect(r.code).toBe(1);
    expect(errorOf(r.stderr).line).toBe("invalid --timeout '-1': expected a number of seconds greater than 0.");
  });
});

describe('template ids', () => {
  it.each(['ts/default/x', 'rust/default/', 'ts//default', 'ts/caller/extra/parts'])('%s names no template: refused, nothing written', (id) => {
    const parent = tempDir('cga-hostile-flags-');
    const r = runCli(['app', '--yes', '--no-git', '--component', 'a:b', '-t', id], { cwd: parent });
    expect(r.code, r.stderr).toBe(1);
    expect(errorOf(r.stderr).line).toBe(`unknown template '${id}'.`);
    expect(listFiles(parent)).toEqual([]);
  });
});
