/**
 * Operating-system errors end in one line that says what and where, a hint, exit 1, and nothing
 * changed: a full disk (a small tmpfs), permissions (the CLI run as nobody, an immutable folder),
 * a read-only file system, a name too long, a file where a folder is needed, a file that appeared
 * meanwhile, a link loop. Mounts and chattr need root; without them those tests are skipped with
 * the reason printed.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, readFileSync, rmSync, statfsSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BIN, ROOT, runCli, tempDir } from '../helpers/cli.js';
import { expectJson } from '../helpers/json-schemas.js';
import { baseApp, leftovers, Run, tree } from './helpers.js';

/** Checks the one error line (and at most one hint line), exit 1, no stack trace. */
function oneLine(r: { code: number; stderr: string; stdout?: string }, message: RegExp): void {
  expect(r.code, r.stderr).toBe(1);
  expect(r.stderr).toMatch(/^error: /);
  expect(r.stderr.trimEnd().split('\n').length).toBeLessThanOrEqual(2);
  expect(r.stderr).not.toMatch(/unexpected failure|\n\s+at |E[A-Z]{3,}:/);
  expect(r.stderr).toMatch(message);
}

const mounts: string[] = [];
/** A fresh tmpfs of `size` at a new folder, or the reason it cannot be mounted. */
function tmpfs(size: string, options = ''): string | { skipped: string } {
  const dir = tempDir('cga-tx-mnt-');
  const r = spawnSync('mount', ['-t', 'tmpfs', '-o', `size=${size}${options}`, 'tmpfs', dir], { encoding: 'utf8' });
  if (r.status !== 0) return { skipped: `cannot mount a tmpfs here (${(r.stderr || r.error?.message || '').trim()})` };
  mounts.push(dir);
  return dir;
}
const probe = tmpfs('64k');
const canMount = typeof probe === 'string';
if (!canMount) console.warn(`skipping the full-disk and read-only tests: ${probe.skipped}`);

afterAll(() => {
  for (const dir of mounts.reverse()) spawnSync('umount', ['-l', dir]);
});

let base: ReturnType<typeof baseApp>;
beforeAll(() => {
  base = baseApp();
});

describe('a full disk (ENOSPC)', () => {
  it.skipIf(!canMount)('create into a small tmpfs: "no space left", nothing left behind', () => {
    const disk = tmpfs('96k') as string;
    const r = runCli(['app', '--component', 'a:p', '--component', 'a:c', '--dependency', 'a:c=a:p', '--yes'], { cwd: disk });
    oneLine(r, /^error: no space left on the device for [^\n]*\S\s+Nothing was changed; free some space/);
    expect(tree(disk).size).toBe(0);
  });

  it.skipIf(!canMount)('add dependency when the generated clients do not fit: golem.yaml unchanged, no generated file, no temp file', () => {
    const disk = tmpfs('2m') as string;
    const app = join(disk, 'app');
    spawnSync('cp', ['-a', base.copy(), app]);
    const before = tree(app);
    // Leave room for the lock and journal, not for the clients.
    const free = statfsSync(disk).bavail * statfsSync(disk).bsize;
    writeFileSync(join(disk, 'filler'), Buffer.alloc(Math.max(0, free - 24 * 1024)));
    const r = runCli(['add', 'dependency', 'a:c', 'a:p'], { cwd: app });
    oneLine(r, /^error: no space left on the device for /);
    expect(tree(app)).toEqual(before);
    expect(leftovers(app)).toEqual([]);
    rmSync(join(disk, 'filler'));
    const again = runCli(['add', 'dependency', 'a:c', 'a:p'], { cwd: app });
    expect(again.code, again.stderr).toBe(0);
  });
});

describe('EROFS', () => {
  it.skipIf(!canMount)('create on a read-only file system', () => {
    const disk = tmpfs('64k', ',ro') as string;
    oneLine(runCli(['app', '--yes'], { cwd: disk }), /^error: .*app is on a read-only file system/);
  });
});

describe('EACCES and EPERM', () => {
  it.skipIf(process.getuid?.() !== 0)('create into a folder the user may not write (run as nobody)', () => {
    const cwd = tempDir('cga-tx-acces-');
    chmodSync(cwd, 0o755); // root's, not writable by nobody
    const home = tempDir('cga-tx-home-');
    chmodSync(home, 0o777);
    const r = spawnSync(process.execPath, [BIN, 'app', '--yes', '--no-git'], {
      cwd,
      uid: 65534,
      gid: 65534,
      encoding: 'utf8',
      env: { PATH: process.env.PATH, HOME: home, NO_COLOR: '1' },
      timeout: 60_000,
    });
    oneLine({ code: r.status ?? -1, stderr: r.stderr }, new RegExp(`^error: permission denied: ${cwd}/app`));
    expect(tree(cwd).size).toBe(0);
  });

  const chattr = spawnSync('chattr', ['--help']).error === undefined && process.getuid?.() === 0;
  it.skipIf(!chattr)('create into an immutable folder (chattr +i)', () => {
    const cwd = tempDir('cga-tx-perm-');
    const folder = join(cwd, 'locked');
    mkdirSync(folder);
    if (spawnSync('chattr', ['+i', folder]).status !== 0) {
      console.warn('skipping: chattr +i is not supported on this file system');
      return;
    }
    try {
      oneLine(runCli(['locked/app', '--yes'], { cwd }), /^error: operation not permitted on .*locked\/app/);
    } finally {
      spawnSync('chattr', ['-i', folder]);
    }
  });
});

describe('names and paths', () => {
  it('ENAMETOOLONG: a folder name longer than the file system allows', () => {
    const cwd = tempDir('cga-tx-long-');
    const name = 'a'.repeat(300);
    oneLine(runCli([name, '--component', 'x:y', '--yes'], { cwd }), /^error: a name is too long for the file system: .*a{300}\.\s+Nothing was changed\. Use a shorter/);
    expect(tree(cwd).size).toBe(0);
  });

  it('ENAMETOOLONG with --json: the same sentence as a JSON error on stdout (E_FS), nothing on stderr', () => {
    const cwd = tempDir('cga-tx-long-json-');
    const r = runCli(['a'.repeat(300), '--component', 'x:y', '--yes', '--json'], { cwd });
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('');
    const { error } = expectJson<{ error: { code: string; message: string; hint: string } }>('error', r.stdout);
    expect(error).toMatchObject({ code: 'E_FS', hint: 'Nothing was changed. Use a shorter folder or component name.' });
    expect(error.message).toMatch(/^a name is too long for the file system: .*a{300}\.$/);
    expect(tree(cwd).size).toBe(0);
  });

  it('ENOTDIR: XDG_CONFIG_HOME is a file', () => {
    const cwd = tempDir('cga-tx-notdir-');
    writeFileSync(join(cwd, 'config'), 'not a folder\n');
    const r = runCli(['registry', 'add', 'mine', join(cwd, 'x')], { cwd, env: { XDG_CONFIG_HOME: join(cwd, 'config') } });
    expect(r.stderr).not.toMatch(/ENOTDIR|unexpected failure/);
    // `registry add` checks the source first; a source that is a registry reaches the config.
    const ok = runCli(['registry', 'add', 'mine', ROOT], { cwd, env: { XDG_CONFIG_HOME: join(cwd, 'config') } });
    oneLine(ok, new RegExp(`^error: ${join(cwd, 'config')} is a file, not a folder \\(needed for .*create-golem-app\\)`));
    expect(readFileSync(join(cwd, 'config'), 'utf8')).toBe('not a folder\n');
  });

  it('ENOTDIR: a file where the app folder would need a parent folder', () => {
    const cwd = tempDir('cga-tx-notdir2-');
    writeFileSync(join(cwd, 'file'), 'x');
    oneLine(runCli(['file/app', '--component', 'x:y', '--yes'], { cwd }), new RegExp(`^error: ${join(cwd, 'file')} is a file, not a folder`));
  });

  it('ELOOP: a link loop in the app folder path', () => {
    const cwd = tempDir('cga-tx-loop-');
    symlinkSync('loop', join(cwd, 'loop'));
    oneLine(runCli(['loop/app', '--component', 'x:y', '--yes'], { cwd }), /^error: too many levels of symbolic links at .*loop\/app \(a link loop\?\)/);
  });

  it('EEXIST: a file that appears between the plan and the commit is never overwritten', async () => {
    const cwd = tempDir('cga-tx-exist-');
    mkdirSync(join(cwd, 'app'));
    const run = new Run(['app', '--overwrite', '--component', 'x:y', '--yes', '--no-git'], { cwd, env: { CGA_TEST_PAUSE: 'locked', CGA_TEST_PAUSE_MS: '1500' } });
    await run.waitForStderr('cga-test-pause: locked');
    writeFileSync(join(cwd, 'app/package.json'), 'mine\n');
    const ended = await run.ended;
    const stderr = ended.stderr.replace(/^cga-test-pause: locked\n/, '');
    oneLine({ code: ended.code ?? -1, stderr }, /^error: .*app\/package\.json already exists\.\s+Nothing was changed; remove it/);
    expect(readFileSync(join(cwd, 'app/package.json'), 'utf8')).toBe('mine\n');
    expect([...tree(join(cwd, 'app')).keys()]).toEqual(['package.json']);
  });
});
