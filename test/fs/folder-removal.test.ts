/**
 * The one removal of user files a Plan knows: a component's folder (`remove component`). The view
 * hides it at once; the commit moves it aside, writes everything else, then deletes it; a failure
 * puts it back; a symlinked folder loses only the link.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { LOCK_FILE } from '../../src/fs/lock.js';
import { commitPlan, inspectPlan, Plan } from '../../src/fs/plan.js';
import { JOURNAL_FILE, Transaction } from '../../src/fs/transaction.js';
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
    const before = snapshotTree(root);
    const plan = new Plan(root);
    plan.removeComponentFolder({ path: 'c/x', component: 'a:x' });
    plan.write({ path: 'keep.txt', content: Buffer.from('changed\n'), onExisting: 'replace' });
    // A name longer than the file system allows passes every check and fails only when written
    // (ENAMETOOLONG, even as root), after the folder was moved aside: the transaction's removals come first.
    plan.write({ path: `${'n'.repeat(300)}.txt`, content: Buffer.from('n'), onExisting: 'fail' });
    expect(() => commitPlan(plan)).toThrow(/name is too long/);
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

  test('in an open transaction the folder waits aside, recorded in the journal; abort puts it back', () => {
    const root = app();
    const before = snapshotTree(root);
    const plan = new Plan(root);
    plan.transaction = Transaction.beginSync(root);
    plan.removeComponentFolder({ path: 'c/x', component: 'a:x' });
    plan.write({ path: 'keep.txt', content: Buffer.from('changed\n'), onExisting: 'replace' });
    commitPlan(plan);
    expect(existsSync(join(root, 'c/x'))).toBe(false);
    const aside = readdirSync(join(root, 'c'));
    expect(aside).toEqual([expect.stringMatching(/^\.x\.cga-\d+-[0-9a-z]+\.old$/)]);
    // What a later run needs to put it back after a kill (test/transaction/interrupt.test.ts kills one).
    const journal = JSON.parse(readFileSync(join(root, JOURNAL_FILE), 'utf8')) as { removed: unknown[] };
    expect(journal.removed).toEqual([{ path: join(root, 'c/x'), backup: join(root, 'c', aside[0]!), folder: true }]);
    plan.transaction.abort();
    expect(snapshotTree(root)).toEqual(before);
    expect(readdirSync(join(root, 'c'))).toEqual(['x']);
  });

  const chattr = spawnSync('chattr', ['--help']).error === undefined && process.getuid?.() === 0;
  test.skipIf(!chattr)('files that cannot be deleted after the commit point: everything else done, one error naming where they are left', () => {
    const root = app();
    mkdirSync(join(root, 'c/x/stuck'));
    writeFileSync(join(root, 'c/x/stuck/f'), 'f');
    if (spawnSync('chattr', ['+i', join(root, 'c/x/stuck')]).status !== 0) {
      console.warn('skipping: chattr +i is not supported on this file system');
      return;
    }
    const plan = new Plan(root);
    plan.removeComponentFolder({ path: 'c/x', component: 'a:x' });
    plan.write({ path: 'keep.txt', content: Buffer.from('changed\n'), onExisting: 'replace' });
    try {
      expect(() => commitPlan(plan)).toThrow(/^removed .*\/c\/x, but could not delete all of its files, left in .*\/c\/\.x\.cga-\d+-[0-9a-z]+\.old: E[A-Z]+$/);
      expect(existsSync(join(root, 'c/x'))).toBe(false);
      expect(readFileSync(join(root, 'keep.txt'), 'utf8')).toBe('changed\n');
      expect(readdirSync(root).filter((n) => n === LOCK_FILE || n.startsWith(JOURNAL_FILE))).toEqual([]);
    } finally {
      for (const name of readdirSync(join(root, 'c'))) spawnSync('chattr', ['-i', join(root, 'c', name, 'stuck')]);
    }
  });
});
