/** Atomic, all-or-nothing writes of planned edits, keeping modes; read-only files refused even as root. */
import { spawnSync } from 'node:child_process';
import { chmodSync, chownSync, lstatSync, readdirSync, readFileSync, renameSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { addDependency, loadApp, writeEdits } from '../../src/app/index.js';
import { UserError } from '../../src/errors.js';
import { snapshotTree } from '../helpers/cli.js';
import { makeTsApp } from './app-fixture.js';

const CALLER = 'components-ts/example-caller/golem.yaml';
const PROVIDER = 'components-ts/example-provider/golem.yaml';

function thrown(fn: () => unknown): UserError {
  try {
    fn();
  } catch (e) {
    if (e instanceof UserError) return e;
    throw e;
  }
  throw new Error('expected a UserError');
}

describe('writeEdits', () => {
  it('keeps the file mode and leaves no temp file behind', () => {
    const root = makeTsApp();
    const file = join(root, CALLER);
    chmodSync(file, 0o640);
    writeEdits([addDependency(loadApp(root), 'example:caller', 'example:provider', 'wasm-rpc')]);
    expect(statSync(file).mode & 0o777).toBe(0o640);
    expect(readFileSync(file, 'utf8')).toContain('  - target: example:provider\n');
    expect(readdirSync(join(root, 'components-ts/example-caller')).sort()).toEqual(['golem.yaml', 'wit']);
  });

  it('refuses a golem.yaml without any write bit, even as root, and writes nothing', () => {
    const root = makeTsApp();
    chmodSync(join(root, CALLER), 0o444);
    const before = snapshotTree(root);
    const edit = addDependency(loadApp(root), 'example:caller', 'example:provider', 'wasm-rpc');
    const error = thrown(() => writeEdits([edit]));
    expect(error.message).toBe(`${join(root, CALLER)} is read-only (mode 444)`);
    expect(snapshotTree(root)).toEqual(before);
  });

  it('refuses a file changed since it was planned', () => {
    const root = makeTsApp();
    const edit = addDependency(loadApp(root), 'example:caller', 'example:provider', 'wasm-rpc');
    writeFileSync(join(root, CALLER), edit.before + '# touched\n');
    expect(thrown(() => writeEdits([edit])).message).toMatch(/changed since it was read$/);
    expect(readFileSync(join(root, CALLER), 'utf8')).toBe(edit.before + '# touched\n');
  });

  it('writes nothing when verification of the result fails', () => {
    const root = makeTsApp();
    const before = snapshotTree(root);
    const a = addDependency(loadApp(root), 'example:caller', 'example:provider', 'wasm-rpc');
    const b = addDependency(loadApp(root), 'example:provider', 'example:caller', 'wasm-rpc');
    // A verifier that rejects: the real one (re-loading the app) refuses a broken result the same way.
    const broken = { ...b, after: b.after.replace('type: wasm-rpc', 'type: wasm-rpc-static') };
    const error = thrown(() => writeEdits([a, broken], { verify: (texts) => loadApp(root, { overrides: texts }) }));
    expect(error.message).toBe("unknown dependency type 'wasm-rpc-static'");
    expect(snapshotTree(root)).toEqual(before);
  });

  const chattr = spawnSync('chattr', ['--help']).error === undefined && process.getuid?.() === 0;
  it.skipIf(!chattr)('puts back the files already replaced when a later rename fails', () => {
    const root = makeTsApp();
    const a = addDependency(loadApp(root), 'example:caller', 'example:provider', 'wasm-rpc');
    const b = addDependency(loadApp(root), 'example:provider', 'example:caller', 'wasm-rpc');
    const providerDir = join(root, 'components-ts/example-provider');
    // Append-only folder: a temp file can be created there, but renaming over golem.yaml fails.
    expect(spawnSync('chattr', ['+a', providerDir]).status).toBe(0);
    try {
      const error = thrown(() => writeEdits([a, b]));
      expect(error.message).toMatch(/^could not write .*: EPERM$/);
    } finally {
      spawnSync('chattr', ['-a', providerDir]);
    }
    expect(readFileSync(join(root, CALLER), 'utf8')).toBe(a.before);
    expect(readFileSync(join(root, PROVIDER), 'utf8')).toBe(b.before);
  });
});

describe('writeEdits, links and owners', () => {
  it('writes through a symlinked golem.yaml, which stays a symlink', () => {
    const root = makeTsApp();
    const file = join(root, CALLER);
    const real = join(root, 'real-caller.yaml');
    renameSync(file, real);
    symlinkSync(real, file);
    writeEdits([addDependency(loadApp(root), 'example:caller', 'example:provider', 'wasm-rpc')]);
    expect(lstatSync(file).isSymbolicLink()).toBe(true);
    expect(readFileSync(real, 'utf8')).toContain('  - target: example:provider\n');
  });

  it.skipIf(process.getuid?.() !== 0)('keeps the owner of a golem.yaml when running as root', () => {
    const root = makeTsApp();
    const file = join(root, CALLER);
    chownSync(file, 4321, 4321);
    writeEdits([addDependency(loadApp(root), 'example:caller', 'example:provider', 'wasm-rpc')]);
    expect([statSync(file).uid, statSync(file).gid]).toEqual([4321, 4321]);
  });
});
