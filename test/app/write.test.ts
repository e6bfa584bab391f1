/** Atomic, all-or-nothing commits of planned golem.yaml edits, keeping modes; read-only files refused even as root. */
import { spawnSync } from 'node:child_process';
import { chmodSync, chownSync, lstatSync, readdirSync, readFileSync, renameSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { addDependency, type Edit } from '../../src/app/index.js';
import { AppSession } from '../../src/app/session.js';
import { UserError } from '../../src/errors.js';
import { commitPlan } from '../../src/fs/plan.js';
import { snapshotTree } from '../helpers/cli.js';
import { makeTsApp } from './app-fixture.js';

const CALLER = 'components-ts/example-caller/golem.yaml';
const PROVIDER = 'components-ts/example-provider/golem.yaml';

/** The edits, planned in one session (each on the files as the previous left them). */
function planEdits(root: string, ...deps: [string, string][]): { session: AppSession; edits: Edit[] } {
  const session = AppSession.open(root);
  const edits = deps.map(([caller, target]) => {
    const edit = addDependency(session.app, caller, target, 'wasm-rpc', { source: session });
    session.edit(edit);
    return edit;
  });
  return { session, edits };
}

const writeEdits = (session: AppSession) => commitPlan(session.plan);

function thrown(fn: () => unknown): UserError {
  try {
    fn();
  } catch (e) {
    if (e instanceof UserError) return e;
    throw e;
  }
  throw new Error('expected a UserError');
}

describe('committing golem.yaml edits', () => {
  it('keeps the file mode and leaves no temp file behind', () => {
    const root = makeTsApp();
    const file = join(root, CALLER);
    chmodSync(file, 0o640);
    writeEdits(planEdits(root, ['example:caller', 'example:provider']).session);
    expect(statSync(file).mode & 0o777).toBe(0o640);
    expect(readFileSync(file, 'utf8')).toContain('  - target: example:provider\n');
    expect(readdirSync(join(root, 'components-ts/example-caller')).sort()).toEqual(['golem.yaml', 'wit']);
  });

  it('refuses a golem.yaml without any write bit, even as root, and writes nothing', () => {
    const root = makeTsApp();
    chmodSync(join(root, CALLER), 0o444);
    const before = snapshotTree(root);
    const { session } = planEdits(root, ['example:caller', 'example:provider']);
    const error = thrown(() => writeEdits(session));
    expect(error.message).toBe(`${join(root, CALLER)} is read-only (mode 444)`);
    expect(snapshotTree(root)).toEqual(before);
  });

  it('refuses a file changed since it was planned', () => {
    const root = makeTsApp();
    const {
      session,
      edits: [edit],
    } = planEdits(root, ['example:caller', 'example:provider']);
    writeFileSync(join(root, CALLER), `${edit!.before}# touched\n`);
    expect(thrown(() => writeEdits(session)).message).toMatch(/changed since it was read$/);
    expect(readFileSync(join(root, CALLER), 'utf8')).toBe(`${edit!.before}# touched\n`);
  });

  it('writes nothing when verification of the result fails', () => {
    const root = makeTsApp();
    const before = snapshotTree(root);
    const {
      session,
      edits: [, b],
    } = planEdits(root, ['example:caller', 'example:provider'], ['example:provider', 'example:caller']);
    // A broken result: the session re-loads the app from the planned bytes and refuses it before any write.
    session.edit({ ...b!, before: b!.after, after: b!.after.replace('type: wasm-rpc', 'type: wasm-rpc-static') });
    const error = thrown(() => session.app);
    expect(error.message).toBe("unknown dependency type 'wasm-rpc-static'");
    expect(snapshotTree(root)).toEqual(before);
  });

  const chattr = spawnSync('chattr', ['--help']).error === undefined && process.getuid?.() === 0;
  it.skipIf(!chattr)('puts back the files already replaced when a later rename fails', () => {
    const root = makeTsApp();
    const {
      session,
      edits: [a, b],
    } = planEdits(root, ['example:caller', 'example:provider'], ['example:provider', 'example:caller']);
    const providerDir = join(root, 'components-ts/example-provider');
    // Append-only folder: a temp file can be created there, but renaming over golem.yaml fails.
    expect(spawnSync('chattr', ['+a', providerDir]).status).toBe(0);
    try {
      const error = thrown(() => writeEdits(session));
      expect(error.message).toMatch(/^operation not permitted on .*example-provider\/golem\.yaml$/);
      expect(error.hint).toMatch(/^Nothing was changed; /);
    } finally {
      spawnSync('chattr', ['-a', providerDir]);
    }
    expect(readFileSync(join(root, CALLER), 'utf8')).toBe(a!.before);
    expect(readFileSync(join(root, PROVIDER), 'utf8')).toBe(b!.before);
  });
});

describe('committing golem.yaml edits, links and owners', () => {
  it('writes through a symlinked golem.yaml, which stays a symlink', () => {
    const root = makeTsApp();
    const file = join(root, CALLER);
    const real = join(root, 'real-caller.yaml');
    renameSync(file, real);
    symlinkSync(real, file);
    writeEdits(planEdits(root, ['example:caller', 'example:provider']).session);
    expect(lstatSync(file).isSymbolicLink()).toBe(true);
    expect(readFileSync(real, 'utf8')).toContain('  - target: example:provider\n');
  });

  it.skipIf(process.getuid?.() !== 0)('keeps the owner of a golem.yaml when running as root', () => {
    const root = makeTsApp();
    const file = join(root, CALLER);
    chownSync(file, 4321, 4321);
    writeEdits(planEdits(root, ['example:caller', 'example:provider']).session);
    expect([statSync(file).uid, statSync(file).gid]).toEqual([4321, 4321]);
  });
});
