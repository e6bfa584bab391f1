/**
 * `--install` runs the package manager that launched us (from npm_config_user_agent) in the new
 * app. A stand-in `pnpm` on PATH records its call, so no registry is needed.
 */
import { expect, test } from 'vitest';
import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCli, tempDir } from '../helpers/cli.js';

function fakePnpm(exitCode: number): string {
  const bin = tempDir('fake-pm-');
  const script = join(bin, 'pnpm');
  writeFileSync(script, `#!/bin/sh\necho "$PWD $*" > "$PWD/.pnpm-called"\necho "pnpm says no" >&2\nexit ${exitCode}\n`);
  chmodSync(script, 0o755);
  return bin;
}

test('--install runs the detected package manager in the new app', () => {
  const base = tempDir();
  const bin = fakePnpm(0);
  const r = runCli(['inst', '--yes', '--no-git', '--install'], { cwd: base, env: { PATH: `${bin}:${process.env.PATH}`, npm_config_user_agent: 'pnpm/9.1.0 npm/? node/v20' } });
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  expect(readFileSync(join(base, 'inst/.pnpm-called'), 'utf8').trim()).toBe(`${join(base, 'inst')} install`);
  expect(r.stdout).toContain('Installed dependencies with pnpm');
  expect(r.stdout).not.toContain('pnpm install\n');
});

test('a failing install is one clear line; the app stays written', () => {
  const base = tempDir();
  const bin = fakePnpm(3);
  const r = runCli(['inst', '--yes', '--no-git', '--install'], { cwd: base, env: { PATH: `${bin}:${process.env.PATH}`, npm_config_user_agent: 'pnpm/9.1.0' } });
  expect(r.code).toBe(1);
  expect(r.stderr).toContain('pnpm install failed (exit 3): pnpm says no');
  expect(existsSync(join(base, 'inst/golem.yaml'))).toBe(true);
});

test('without --install the next steps name the detected package manager', () => {
  const base = tempDir();
  const r = runCli(['inst', '--yes', '--no-git'], { cwd: base, env: { npm_config_user_agent: 'yarn/4.0.0' } });
  expect(r.code).toBe(0);
  expect(r.stdout).toMatch(/^ {2}yarn$/m);
});
