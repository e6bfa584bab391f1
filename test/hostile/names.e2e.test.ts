/** Component names too long for golem.yaml keys and file names: one error line, nothing written. */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { callerProviderApp, errorOf, runCli, snapshotTree, tempDir } from '../helpers/cli.js';

describe('very long component names', () => {
  it.each([300, 5000])('create refuses a %i-character name before planning (no YAML error blamed on the template)', (n) => {
    const parent = tempDir('cga-hostile-');
    const r = runCli(['app', '--yes', '--no-git', '--component', `a:${'b'.repeat(n)}`], { cwd: parent });
    expect(r.code).not.toBe(0);
    expect(errorOf(r.stderr).line).toBe(`invalid component name 'a:${'b'.repeat(38)}…': ${n + 2} characters, at most 200 (it names the component's folder and files).`);
    expect(existsSync(join(parent, 'app'))).toBe(false);
  });

  it('add component refuses it, the app unchanged', () => {
    const root = callerProviderApp('cga-hostile-');
    const before = snapshotTree(root);
    const r = runCli(['add', 'component', 'ts', `a:${'b'.repeat(2000)}`], { cwd: root });
    expect(r.code).not.toBe(0);
    expect(errorOf(r.stderr).line).toMatch(/^invalid component name 'a:b+…': 2002 characters, at most 200/);
    expect(snapshotTree(root)).toEqual(before);
  });
});
