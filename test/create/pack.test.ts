/** The published tarball is complete: install it from `npm pack` output and scaffold from there. */
import { expect, test } from 'vitest';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, listFiles, runCli, tempDir } from '../helpers/cli.js';

test('npm pack → install → scaffold a TS app (templates, wit deps, dotfiles)', () => {
  const work = tempDir('pack-');
  const out = execFileSync('npm', ['pack', '--json', '--pack-destination', work], { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
  const [{ filename, files }] = JSON.parse(out) as [{ filename: string; files: { path: string }[] }];
  const packed = files.map((f) => f.path);
  expect(packed.some((p) => p.startsWith('dist/'))).toBe(true);
  expect(packed.some((p) => p.startsWith('src/'))).toBe(false);
  expect(packed.some((p) => p.startsWith('test/'))).toBe(false);

  const consumer = join(work, 'consumer');
  execFileSync('npm', ['init', '-y'], { cwd: work, stdio: 'ignore' });
  execFileSync('mkdir', ['-p', consumer]);
  execFileSync('npm', ['init', '-y'], { cwd: consumer, stdio: 'ignore' });
  execFileSync('npm', ['install', '--no-audit', '--no-fund', '--offline', join(work, filename)], { cwd: consumer, stdio: 'ignore' });
  const installed = join(consumer, 'node_modules', 'create-golem-app');
  const manifest = JSON.parse(readFileSync(join(installed, 'package.json'), 'utf8')) as { dependencies?: object };
  expect(manifest.dependencies ?? {}).toEqual({});

  const bin = join(installed, 'bin', 'create-golem-app.js');
  const r = runCli(['packed-app', '--yes', '--no-git', '--component', 'packed:one', '--component', 'packed:two', '--template', 'ts', '--template', 'rust'], { cwd: work, bin });
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  const app = join(work, 'packed-app');
  const tree = listFiles(app);
  expect(tree).toContain('.gitignore');
  expect(tree).toContain('components-ts/.gitignore');
  expect(tree).toContain('components-rust/.gitignore');
  expect(tree).toContain('wit/deps/golem-rpc/wasm-rpc.wit');
  expect(tree).toContain('common-ts/scripts/jco-wrapper.mjs');
  expect(existsSync(join(app, 'components-ts/packed-one/wit-generated'))).toBe(true);
});
