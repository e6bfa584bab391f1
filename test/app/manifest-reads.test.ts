/**
 * Each golem.yaml is read at most once per command: the built CLI runs under strace, and every
 * open of a golem.yaml for reading is counted by path — the templates' own and the app's. Files a
 * command plans are never read back (a new app's manifests are not read at all).
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { BIN, tempDir } from '../helpers/cli.js';

const hasStrace = spawnSync('strace', ['-V']).status === 0;

/** Runs the CLI under strace; returns how often each golem.yaml was opened for reading (and the exit code). */
function manifestReads(args: string[], cwd: string): { code: number; reads: Map<string, number>; stderr: string } {
  const trace = join(tempDir('cga-strace-'), 'trace');
  const r = spawnSync('strace', ['-f', '-qq', '-e', 'trace=open,openat,openat2', '-o', trace, process.execPath, BIN, ...args], {
    cwd,
    env: { ...process.env, NO_COLOR: '1' },
    input: '',
    encoding: 'utf8',
    timeout: 120_000,
  });
  const reads = new Map<string, number>();
  for (const line of readFileSync(trace, 'utf8').split('\n')) {
    const m = /open(?:at2?)?\((?:AT_FDCWD, |\d+, )?"([^"]*golem\.yaml)", ([A-Z_|]+)/.exec(line);
    if (!m || /O_WRONLY|O_RDWR/.test(m[2]!) || / = -1 /.test(line)) continue;
    const path = m[1]!.startsWith('/') ? m[1]! : join(cwd, m[1]!);
    reads.set(path, (reads.get(path) ?? 0) + 1);
  }
  return { code: r.status ?? -1, reads, stderr: r.stderr };
}

const readTwice = (reads: Map<string, number>) => [...reads].filter(([, n]) => n > 1);

describe.skipIf(!hasStrace)('golem.yaml reads (strace)', () => {
  const base = tempDir('cga-reads-');
  const app = join(base, 'shop');
  let created: ReturnType<typeof manifestReads>;
  beforeAll(() => {
    created = manifestReads(
      [
        'shop',
        '--yes',
        '--no-git',
        '--component',
        'shop:stock',
        '-t',
        'ts',
        '--component',
        'shop:cart',
        '-t',
        'ts/caller',
        '--target',
        'shop:stock',
        '--dependency',
        'shop:cart=shop:cart',
      ],
      base,
    );
  });

  it('create of a provider and a caller with a dependency reads each golem.yaml at most once, and none it wrote', () => {
    expect(created.stderr.split('\n').filter((l) => l.startsWith('error'))).toEqual([]);
    expect(created.code).toBe(0);
    // The templates' manifests were read (so the trace does see golem.yaml reads)…
    expect([...created.reads.keys()].some((p) => p.includes('/templates/'))).toBe(true);
    expect(readTwice(created.reads)).toEqual([]);
    // …and the new app's were planned in memory, never read back.
    expect([...created.reads.keys()].filter((p) => p.startsWith(`${app}/`))).toEqual([]);
  });

  it.each([
    ['add dependency', ['add', 'dependency', 'shop:stock', 'shop:cart']],
    ['add component', ['add', 'component', 'ts', 'shop:extra', '--called-by', 'shop:cart']],
    ['generate', ['generate']],
  ])('%s reads each of the app golem.yaml files at most once', (_name, args) => {
    const r = manifestReads(args, app);
    expect(r.code).toBe(0);
    const ofApp = [...r.reads].filter(([p]) => p.startsWith(`${app}/`));
    expect(ofApp.length).toBeGreaterThan(0);
    expect(readTwice(r.reads)).toEqual([]);
  });
});
