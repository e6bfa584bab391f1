/** `add component --called-by`: the flag equivalent of the prompt "should an existing component call it?". */
import { afterAll, expect, test } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { errorOf, runCli, snapshotTree, tempDir } from '../helpers/cli.js';
import { checkWitDir, stopOracle } from '../helpers/wit-oracle.js';

afterAll(stopOracle);

test('add component --called-by writes the dependency and wires the client into the caller', async () => {
  const base = tempDir();
  expect(runCli(['app', '--yes', '--no-git', '--component', 's:a'], { cwd: base }).code).toBe(0);
  const app = join(base, 'app');
  const r = runCli(['add', 'component', 'ts', 's:b', '--called-by', 's:a'], { cwd: join(app, 'components-ts') });
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  expect(readFileSync(join(app, 'components-ts/s-a/golem.yaml'), 'utf8')).toContain('dependencies:\n  s:a:\n  - target: s:b\n    type: wasm-rpc\n');
  const generated = join(app, 'components-ts/s-a/wit-generated');
  expect(readFileSync(join(generated, 'main.wit'), 'utf8')).toContain('import s:b-client/s-b-client;');
  expect(await checkWitDir(generated)).toEqual({ ok: true });
});

test('an unknown --called-by component is refused and nothing changes', () => {
  const base = tempDir();
  expect(runCli(['app', '--yes', '--no-git', '--component', 's:a'], { cwd: base }).code).toBe(0);
  const before = snapshotTree(base);
  const r = runCli(['add', 'component', 'ts', 's:b', '--called-by', 's:nope'], { cwd: join(base, 'app') });
  expect(r.code).toBe(1);
  expect(r.stderr).toContain('s:nope');
  errorOf(r.stderr);
  expect(snapshotTree(base)).toEqual(before);
});
