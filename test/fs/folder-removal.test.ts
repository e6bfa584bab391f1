/**
 * The one removal of user files a Plan knows: a component's folder (`remove component`). The view
 * hides it at once; the commit moves it aside, writes everything else, then deletes it; a failure
 * puts it back; a symlinked folder loses only the link.
 */
import { existsSync, mkdirSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { commitPlan, inspectPlan, Plan } from '../../src/fs/plan.js';
import { snapshotTree, tempDir } from '../helpers/cli.js';

/** An app folder with `c/x/` (a component's sources) and `keep.txt`. */
function app(): string {
  const root = tempDir('cga-rmdir-');
  mkdirSync(join(root, 'c/x/src'), { recursive: true });
  writeFileSync(join(root, 'c/x/golem.yaml'), 'components:\n  a:x: {}\n');
  writeFileSync(join(root, 'c/x/src/main.ts'), 'export {};\n');
  writeFileSync(join(root, 'keep.txt'), 'keep\n');
  return root;
}

describe('Plan.removeComponentFolder', () => {
  test('the view shows nothing below it; writes there are refused; removals there are dropped', () => {
    const root = app();
    const plan = new Plan(root);
    plan.remove({ path: 'c/x/src/main.ts', generated: true, pruneUpTo: 'c/x' });
    plan.removeComponentFolder({ path: 'c/x', component: 'a:x' });
    expect(plan.isFile(join(root, 'c/x/golem.yaml'))).toBe(false);
    expect(plan.read(join(root, 'c/x/golem.yaml'))).toBeUndefined();
    expect(plan.isDir(join(root, 'c/x'))).toBe(false);
    expect(plan.list(join(root, 'c'))).toEqual([]);
    expect(plan.walk(root)).toEqual(['keep.txt']);
    expect(plan.removed).toEqual([]);
    expect(plan.removedFolderOf('c/x/src/main.ts')).toBe('c/x');
    expect(plan.removedFolderOf('c/xy')).toBeUndefined();
    expect(() => plan.write({ path: 'c/x/new.txt', content: Buffer.from('x'), onExisting: 'fail' })).toThrow(/its folder c\/x\/ is being removed/);
    expect(inspectPlan(plan)).toEqual([{ path: 'c/x/', action: 'remove' }]);
  });

  test('a folder with planned writes inside cannot be removed', () => {
    const root = app();
    const plan = new Plan(root);
    plan.write({ path: 'c/x/new.txt', content: Buffer.from('x'), onExisting: 'fail' });
    expect(() => plan.removeComponentFolder({ path: 'c/x', component: 'a:x' })).toThrow(/c\/x\/new\.txt is planned to be written/);
    expect(() => plan.removeComponentFolder({ path: '..', component: 'a:x' })).toThrow(/unsafe path/);
  });

  test('the commit deletes it with everything in it and leaves no trace', () => {
    const root = app();
    const plan = new Plan(root);
    plan.removeComponentFolder({ path: 'c/x', component: 'a:x' });
    plan.write({ path: 'keep.txt', content: Buffer.from('changed\n'), onExisting: 'replace' });
    expect(commitPlan(plan).outcomes).toEqual([
      { path: 'c/x/', action: 'remove' },
      { path: 'keep.txt', action: 'replace' },
    ]);
    expect(readdirSync(join(root, 'c'))).toEqual([]);
    expect([...snapshotTree(root).keys()]).toEqual(['keep.txt']);
  });

  test('a failing write later in the commit puts the folder back, byte for byte', () => {
    const root = app();
    // `blocker` is a file: creating `blocker/new.txt` fails when written (ENOTDIR), even as root.
    writeFileSync(join(root, 'blocker'), 'b');
    const before = snapshotTree(root);
    const plan = new Plan(root);
    plan.removeComponentFolder({ path: 'c/x', component: 'a:x' });
    plan.write({ path: 'keep.txt', content: Buffer.from('changed\n'), onExisting: 'replace' });
    plan.write({ path: 'blocker/new.txt', content: Buffer.from('n'), onExisting: 'fail' });
    expect(() => commitPlan(plan)).toThrow(/could not write/);
    expect(snapshotTree(root)).toEqual(before);
    expect(readdirSync(join(root, 'c'))).toEqual(['x']);
  });

  test('a conflict found before writing leaves the folder in place', () => {
    const root = app();
    writeFileSync(join(root, 'taken.txt'), 'mine');
    const before = snapshotTree(root);
    const plan = new Plan(root);
    plan.removeComponentFolder({ path: 'c/x', component: 'a:x' });
    plan.write({ path: 'taken.txt', content: Buffer.from('theirs'), onExisting: 'fail' });
    expect(() => commitPlan(plan)).toThrow(/taken\.txt already exists/);
    expect(snapshotTree(root)).toEqual(before);
  });

  test('a symlinked folder: the link goes, its target stays', () => {
    const root = app();
    const outside = tempDir('cga-rmdir-out-');
    writeFileSync(join(outside, 'precious.txt'), 'p');
    symlinkSync(outside, join(root, 'c/y'));
    const plan = new Plan(root);
    plan.removeComponentFolder({ path: 'c/y', component: 'a:y' });
    commitPlan(plan);
    expect(existsSync(join(root, 'c/y'))).toBe(false);
    expect(readdirSync(outside)).toEqual(['precious.txt']);
  });

  test('a folder that vanished since it was planned is a clear error, nothing written', () => {
    const root = app();
    const plan = new Plan(root);
    plan.removeComponentFolder({ path: 'c/z', component: 'a:z' });
    expect(() => commitPlan(plan)).toThrow(/c\/z disappeared since it was read/);
  });
});
