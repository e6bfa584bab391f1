import { describe, expect, test } from 'vitest';
import { existsSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { commitPlan, inspectPlan, mergeLines, Plan, type PlannedWrite } from '../../src/fs/plan.js';
import { resolveInside } from '../../src/fs/paths.js';
import { Transaction } from '../../src/fs/transaction.js';
import { UserError } from '../../src/errors.js';
import { snapshotTree, tempDir } from '../helpers/cli.js';
import { detectPackageManager } from '../../src/commands/shared/package-manager.js';

const file = (path: string, text: string, onExisting: PlannedWrite['onExisting'] = 'fail'): PlannedWrite => ({ path, content: Buffer.from(text), onExisting });

/** A plan of `files` under `root`. */
function planOf(root: string, files: PlannedWrite[]): Plan {
  const plan = new Plan(root);
  for (const f of files) plan.write(f);
  return plan;
}

const applyPlan = (root: string, files: PlannedWrite[]) => commitPlan(planOf(root, files));

describe('commitPlan', () => {
  test('creates folders and files, and says what it did', () => {
    const root = join(tempDir(), 'app');
    const applied = applyPlan(root, [file('a/b/c.txt', 'c'), file('d.txt', 'd')]);
    expect(readFileSync(join(root, 'a/b/c.txt'), 'utf8')).toBe('c');
    expect(applied.outcomes).toEqual([
      { path: 'a/b/c.txt', action: 'create' },
      { path: 'd.txt', action: 'create' },
    ]);
  });

  test('a conflict is found before anything is written', () => {
    const root = tempDir();
    writeFileSync(join(root, 'z.txt'), 'mine');
    const before = snapshotTree(root);
    expect(() => applyPlan(root, [file('a.txt', 'a'), file('z.txt', 'theirs')])).toThrow(/z\.txt already exists/);
    expect(snapshotTree(root)).toEqual(before);
  });

  test('skip keeps, merge-lines appends the missing entries, replace replaces', () => {
    const root = tempDir();
    writeFileSync(join(root, 'keep'), 'old');
    writeFileSync(join(root, '.gitignore'), '/target\n/golem-temp\n');
    writeFileSync(join(root, 'r'), 'old');
    applyPlan(root, [file('keep', 'new', 'skip'), file('.gitignore', '/node_modules\n/golem-temp\n', 'merge-lines'), file('r', 'new', 'replace')]);
    expect(readFileSync(join(root, 'keep'), 'utf8')).toBe('old');
    expect(readFileSync(join(root, '.gitignore'), 'utf8')).toBe('/target\n/golem-temp\n/node_modules\n');
    expect(readFileSync(join(root, 'r'), 'utf8')).toBe('new');
  });

  test('abort removes created files and folders and restores replaced bytes', () => {
    const root = tempDir();
    writeFileSync(join(root, 'r'), 'old');
    const before = snapshotTree(root);
    const plan = planOf(root, [file('x/y/z', 'z'), file('r', 'new', 'replace')]);
    plan.transaction = Transaction.beginSync(root);
    commitPlan(plan);
    expect(readFileSync(join(root, 'r'), 'utf8')).toBe('new');
    plan.transaction.abort();
    expect(snapshotTree(root)).toEqual(before);
    expect(existsSync(join(root, 'x'))).toBe(false);
  });

  test('a write failure midway rolls back everything', () => {
    const root = tempDir();
    // A file where a folder is needed fails even as root (permissions would not).
    writeFileSync(join(root, 'blocker'), '');
    const before = snapshotTree(root);
    expect(() => applyPlan(root, [file('a.txt', 'a'), file('new/b.txt', 'b'), file('blocker/inside.txt', 'c')])).toThrow(UserError);
    expect(snapshotTree(root)).toEqual(before);
    expect(existsSync(join(root, 'new'))).toBe(false);
  });

  test('refuses to write through a symlinked folder that points outside', () => {
    const root = tempDir();
    const outside = tempDir();
    symlinkSync(outside, join(root, 'link'));
    expect(() => applyPlan(root, [file('link/evil.txt', 'x')])).toThrow(/links outside/);
    expect(existsSync(join(outside, 'evil.txt'))).toBe(false);
  });

  test('inspectPlan is the dry-run listing', () => {
    const root = tempDir();
    writeFileSync(join(root, 'keep'), 'old');
    expect(inspectPlan(planOf(root, [file('keep', 'x', 'skip'), file('new', 'y')]))).toEqual([
      { path: 'keep', action: 'skip' },
      { path: 'new', action: 'create' },
    ]);
  });
});

describe('what is in the way of generated output', () => {
  const generated = (path: string, owner: string): PlannedWrite => ({ ...file(path, path, 'replace'), generated: true, owner });

  test('below its owner a file or link is removed, above it a link to a folder is followed, whatever was decided for other files', () => {
    const root = tempDir();
    mkdirSync(join(root, 'a/real/gen'), { recursive: true });
    symlinkSync(join(root, 'a/real'), join(root, 'a/ln'));
    mkdirSync(join(root, 'o'));
    writeFileSync(join(root, 'o/blocker'), '');
    expect(
      inspectPlan(
        planOf(root, [
          generated('a/ln/gen/x.wit', 'a/ln/gen'),
          generated('a/ln/gen/y.wit', 'a/ln/gen'),
          generated('a/ln/gen/v.wit', 'a'),
          generated('o/blocker/deep/z.wit', 'o'),
          generated('o/blocker/deep/w.wit', 'o'),
        ]),
      ),
    ).toEqual([
      { path: 'a/ln/gen/x.wit', action: 'create' },
      { path: 'a/ln/gen/y.wit', action: 'create' },
      { path: 'a/ln', action: 'remove' },
      { path: 'a/ln/gen/v.wit', action: 'create' },
      { path: 'o/blocker', action: 'remove' },
      { path: 'o/blocker/deep/z.wit', action: 'create' },
      { path: 'o/blocker/deep/w.wit', action: 'create' },
    ]);
  });

  test('above its owner a file where a folder is needed is a conflict', () => {
    const root = tempDir();
    mkdirSync(join(root, 'a'));
    writeFileSync(join(root, 'a/f'), '');
    expect(() => inspectPlan(planOf(root, [generated('a/g/x.wit', 'a/g'), generated('a/f/g/x.wit', 'a/f/g')]))).toThrow(/cannot write a\/f: a file is in the way/);
  });
});

test('walkEntries shows the folder as the commit will leave it: planned files and folders over what is on disk', () => {
  const root = tempDir();
  const g = join(root, 'g');
  mkdirSync(join(g, 'sub'), { recursive: true });
  mkdirSync(join(g, 'd'));
  writeFileSync(join(g, 'a.wit'), 'old');
  writeFileSync(join(g, 'sub/b.wit'), 'b');
  writeFileSync(join(g, 'd/e.wit'), 'e');
  writeFileSync(join(g, 'f'), 'a file where a folder is planned');
  for (const name of ['ln', 'ln2', 'ln3']) symlinkSync(join(g, 'sub'), join(g, name));
  const plan = planOf(root, [
    file('g/a.wit', 'new', 'replace'),
    file('g/d', 'x', 'replace'),
    file('g/f/c.wit', 'c'),
    file('g/ln/y.wit', 'y'),
    file('g/ln3', 'z', 'replace'),
    file('g/new/x.wit', 'x'),
  ]);
  plan.remove({ path: 'g/sub/b.wit', generated: true, pruneUpTo: 'g' });
  expect(plan.walkEntries(g)).toEqual([
    { path: 'a.wit', kind: 'file' },
    { path: 'd/e.wit', kind: 'file' },
    { path: 'f/c.wit', kind: 'file' },
    { path: 'ln/y.wit', kind: 'file' },
    { path: 'ln2', kind: 'link' },
    { path: 'ln3', kind: 'file' },
    { path: 'new/x.wit', kind: 'file' },
  ]);
});

test('mergeLines keeps CRLF files CRLF', () => {
  expect(mergeLines(Buffer.from('b\r\na\r\n'), Buffer.from('c\n')).toString()).toBe('b\r\na\r\nc\r\n');
});

describe("mergeLines keeps the user's bytes and appends what is missing", () => {
  const merge = (existing: string | Buffer, added: string) => mergeLines(Buffer.from(existing), Buffer.from(added));
  test('comments, blank lines, order and duplicates of the user stay as they are', () => {
    const mine = '# build output\n/target\n\n# editors\n.idea/\n/target\n';
    expect(merge(mine, '/golem-temp\n/target\n').toString()).toBe(`${mine}/golem-temp\n`);
  });
  test('nothing missing: the very same bytes', () => {
    const mine = Buffer.from('/b\n  /a  \n');
    expect(merge(mine, '/a\n/b\n').equals(mine)).toBe(true);
  });
  test('a file without a final newline gets one before the appended entries', () => {
    expect(merge('/a', '/b\n').toString()).toBe('/a\n/b\n');
  });
  test('comments and blank lines of the template are not entries; repeated entries are added once', () => {
    expect(merge('/a\n', '# generated\n\n/b\n/b\n/a\n').toString()).toBe('/a\n/b\n');
  });
  test('bytes that are not UTF-8 survive untouched', () => {
    const mine = Buffer.from([0x2f, 0xe9, 0x74, 0xe9, 0x0a]); // "/été" in Latin-1
    const merged = mergeLines(mine, Buffer.from('/golem-temp\n'));
    expect(merged.subarray(0, mine.length).equals(mine)).toBe(true);
    expect(merged.subarray(mine.length).toString()).toBe('/golem-temp\n');
  });
  test('an empty file gets the entries', () => {
    expect(merge('', '/a\n/b\n').toString()).toBe('/a\n/b\n');
  });
});

test.each(['../x', '/etc/passwd', 'a/../../x', 'C:\\x', 'a\0b', ''])('resolveInside refuses %j', (p) => {
  expect(() => resolveInside('/tmp/root', p)).toThrow(UserError);
});

test.each([
  ['npm/11.0.0 node/v20', 'npm'],
  ['pnpm/9.1.0 npm/? node/v20', 'pnpm'],
  ['yarn/4.0.0 npm/? node/v20', 'yarn'],
  ['bun/1.1.0', 'bun'],
  [undefined, 'npm'],
] as const)('package manager from %j', (ua, pm) => {
  expect(detectPackageManager(ua)).toBe(pm);
});
