/**
 * The V8 code cache of the built CLI (src/cli/compile-cache.ts), driven through real processes
 * with their own temporary folder (TMPDIR): a run writes one file per bundle it loaded, the next
 * run uses them (it rewrites a file only when the data was missing or refused), damaged or foreign
 * data only means compiling as usual, concurrent runs leave whole files, a folder others may
 * write is not used, NODE_DISABLE_COMPILE_CACHE turns it off, and the user's cache folder
 * (XDG_CACHE_HOME) gets nothing.
 */
import { spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { crc32 } from 'node:zlib';
import { describe, expect, test } from 'vitest';
import { BIN, ROOT, runCli, tempDir } from '../helpers/cli.js';

/** The 4-byte CRC-32 a cache file starts with. */
const checksum = (data: Buffer) => {
  const sum = Buffer.alloc(4);
  sum.writeUInt32BE(crc32(data));
  return sum;
};

/** Node 22+ has its own compile cache (module.enableCompileCache), used instead of ours. */
const ours = !('enableCompileCache' in (await import('node:module')).default);

const privateFolder = (tmp: string) => join(tmp, `create-golem-app-v8-${process.getuid!()}`);
const cacheFolder = (tmp: string) => join(privateFolder(tmp), `node-${process.versions.node}-${process.arch}`);

/** Scaffolds one TS app (loads most of the bundles) with `tmp` as TMPDIR; returns its stdout. The user's cache folder stays empty. */
function scaffold(tmp: string, env: Record<string, string> = {}): string {
  const userCache = tempDir('cga-cc-xdg-');
  const r = runCli(['app', '--yes', '--no-git'], { cwd: tempDir('cga-cc-'), env: { TMPDIR: tmp, XDG_CACHE_HOME: userCache, NODE_DISABLE_COMPILE_CACHE: undefined, ...env } });
  expect(r.code, r.stderr).toBe(0);
  expect(r.stderr).toBe('');
  expect(readdirSync(userCache)).toEqual([]);
  return r.stdout;
}

/** Each cache file: its name, inode and whether its checksum holds. */
function cacheFiles(tmp: string): Map<string, { ino: number; whole: boolean; bytes: Buffer }> {
  const dir = cacheFolder(tmp);
  return new Map(
    readdirSync(dir).map((name) => {
      const bytes = readFileSync(join(dir, name));
      return [name, { ino: statSync(join(dir, name)).ino, whole: checksum(bytes.subarray(4)).equals(bytes.subarray(0, 4)), bytes }];
    }),
  );
}

/** `<bundle file>-<length>-<CRC-32 in hex>` of every file of dist/commands and dist/chunks: what cache files are named after. */
function bundleHashes(): Set<string> {
  const hashes = new Set<string>();
  for (const sub of ['commands', 'chunks']) {
    for (const name of readdirSync(join(ROOT, 'dist', sub))) {
      const source = readFileSync(join(ROOT, 'dist', sub, name), 'utf8');
      hashes.add(`${name}-${source.length}-${crc32(source).toString(16)}`);
    }
  }
  return hashes;
}

describe.runIf(ours)('V8 code cache (Node 20)', () => {
  test('the first run writes one whole file per bundle it loaded; the second run uses them and rewrites nothing', () => {
    const home = tempDir('cga-cc-home-');
    const first = scaffold(home);
    const files = cacheFiles(home);
    expect(files.size).toBeGreaterThan(3);
    const hashes = bundleHashes();
    for (const [name, f] of files) {
      expect(hashes.has(name.replace(/\.v8$/, '')), name).toBe(true);
      expect(f.whole, name).toBe(true);
    }
    expect(scaffold(home)).toBe(first);
    const again = cacheFiles(home);
    expect([...again.keys()].sort()).toEqual([...files.keys()].sort());
    for (const [name, f] of again) expect(f.ino, `${name} was rewritten: its data was refused`).toBe(files.get(name)!.ino);
  });

  test("each bundle is read and run once in a run, whichever loader reaches it (the cache's own or Node's)", () => {
    const home = tempDir('cga-cc-home-');
    // A preload that counts the reads of dist/ files (both loaders read a bundle's source with readFileSync).
    const counter = join(tempDir('cga-cc-count-'), 'count.cjs');
    const log = join(home, 'reads.txt');
    writeFileSync(
      counter,
      `const fs = require('node:fs'); const read = fs.readFileSync; const seen = [];
fs.readFileSync = function (p, ...rest) { if (typeof p === 'string' && p.startsWith(${JSON.stringify(join(ROOT, 'dist'))}) && p.endsWith('.js')) seen.push(p); return read.call(this, p, ...rest); };
process.on('exit', () => fs.writeFileSync(${JSON.stringify(log)}, seen.join('\\n')));`,
    );
    const cwd = tempDir('cga-cc-');
    const env = { TMPDIR: home, NODE_DISABLE_COMPILE_CACHE: undefined, NODE_OPTIONS: `--require ${counter}` };
    const args = ['app', '--yes', '--no-git', '--component', 'ex:provider', '--component', 'ex:caller', '-t', 'ts', '-t', 'ts/caller', '--target', 'ex:provider'];
    for (const [run, argv] of [
      ['create, cold cache', args],
      ['generate', ['generate', '--app', join(cwd, 'app')]],
      ['create, warm cache', ['app2', ...args.slice(1)]],
    ] as const) {
      const r = runCli([...argv], { cwd, env });
      expect(r.code, `${run}: ${r.stderr}`).toBe(0);
      const reads = readFileSync(log, 'utf8').split('\n').filter(Boolean);
      expect(reads.length, run).toBeGreaterThan(10);
      expect(
        reads.filter((p, i) => reads.indexOf(p) !== i),
        `${run}: bundles read twice`,
      ).toEqual([]);
    }
  });

  test('a damaged file (checksum off) and foreign data (checksum right, not V8 data) are compiled past and replaced', () => {
    const home = tempDir('cga-cc-home-');
    const expected = scaffold(home);
    const [damaged, foreign] = [...cacheFiles(home).keys()].map((name) => join(cacheFolder(home), name));
    const bytes = readFileSync(damaged!);
    bytes[bytes.length >> 1]! ^= 0xff;
    writeFileSync(damaged!, bytes);
    const junk = Buffer.alloc(4096, 0x5a);
    writeFileSync(foreign!, Buffer.concat([checksum(junk), junk]));
    expect(scaffold(home)).toBe(expected);
    const after = cacheFiles(home);
    for (const file of [damaged!, foreign!]) {
      const f = after.get(file.slice(file.lastIndexOf('/') + 1))!;
      expect(f.whole).toBe(true);
      expect(f.bytes.equals(readFileSync(file))).toBe(true);
      expect(f.bytes.subarray(4).equals(junk)).toBe(false);
    }
  });

  test('NODE_DISABLE_COMPILE_CACHE=1 writes no cache; a cache folder that cannot be made changes nothing', () => {
    const home = tempDir('cga-cc-home-');
    const expected = scaffold(home, { NODE_DISABLE_COMPILE_CACHE: '1' });
    expect(existsSync(privateFolder(home))).toBe(false);
    const file = join(home, 'not-a-folder');
    writeFileSync(file, 'x');
    expect(scaffold(file)).toBe(expected);
    expect(readFileSync(file, 'utf8')).toBe('x');
  });

  test('a cache folder that others may write is not used: nothing is read from it or written into it', () => {
    const home = tempDir('cga-cc-home-');
    mkdirSync(privateFolder(home));
    chmodSync(privateFolder(home), 0o777);
    scaffold(home);
    expect(readdirSync(privateFolder(home))).toEqual([]);
    chmodSync(privateFolder(home), 0o700);
    scaffold(home);
    expect(readdirSync(privateFolder(home))).toHaveLength(1);
  });

  test('runs started together on an empty cache all succeed and leave only whole files', async () => {
    const home = tempDir('cga-cc-home-');
    const runs = Array.from({ length: 4 }, () => {
      const child = spawn(process.execPath, [BIN, 'app', '--yes', '--no-git'], {
        cwd: tempDir('cga-cc-'),
        env: { ...process.env, NO_COLOR: '1', npm_config_user_agent: undefined, TMPDIR: home, NODE_DISABLE_COMPILE_CACHE: undefined },
        stdio: ['ignore', 'ignore', 'pipe'],
      });
      let stderr = '';
      child.stderr.on('data', (d) => (stderr += d));
      return new Promise<{ code: number | null; stderr: string }>((done) => child.on('close', (code) => done({ code, stderr })));
    });
    for (const r of await Promise.all(runs)) expect(r, r.stderr).toEqual({ code: 0, stderr: '' });
    const files = cacheFiles(home);
    expect(files.size).toBeGreaterThan(3);
    for (const [name, f] of files) {
      expect(name).toMatch(/^[\w.-]+\.js-\d+-[0-9a-f]{1,8}\.v8$/);
      expect(f.whole, name).toBe(true);
    }
  });
});
