/**
 * Hostile templates and git repositories made in the test: a copy of the bundled TS counter
 * template (so it renders into a working app) with whatever an attacker adds, and marker files
 * that exist only if something ran.
 */
import { execFileSync } from 'node:child_process';
import { chmodSync, cpSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { ROOT, tempDir } from '../helpers/cli.js';

/** `<tmp>/ts/ts-app-component-evil`: the bundled ts/default template plus `files` (path → text). */
export function hostileTemplate(files: Record<string, string> = {}): string {
  const folder = join(tempDir('cga-hostile-'), 'ts', 'ts-app-component-evil');
  cpSync(join(ROOT, 'templates', 'ts', 'default'), folder, { recursive: true });
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(folder, path)), { recursive: true });
    writeFileSync(join(folder, path), content);
  }
  return folder;
}

/** A file that exists only if something ran: `marker.path`, and `marker.script` makes it. */
export function marker(name = 'ran'): { path: string; script: string; ran: () => boolean } {
  const path = join(tempDir('cga-marker-'), name);
  return { path, script: `#!/bin/sh\necho "$0 $*" >> '${path}'\n`, ran: () => existsSync(path) };
}

/** Writes an executable script. */
export function executable(path: string, script: string): string {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, script);
  chmodSync(path, 0o755);
  return path;
}

/** git with a fixed identity and no system or global config of the machine. */
export function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', ['-c', 'user.name=Test', '-c', 'user.email=test@example.com', '-c', 'commit.gpgsign=false', ...args], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, GIT_CONFIG_NOSYSTEM: '1', GIT_CONFIG_GLOBAL: '/dev/null' },
    stdio: ['ignore', 'pipe', 'pipe'],
  }).trim();
}

/** The environment of a run: no global or system git config, so the machine's cannot interfere. */
export const cleanGit = { GIT_CONFIG_NOSYSTEM: '1', GIT_CONFIG_GLOBAL: '/dev/null' };

/**
 * stderr without the one warning `templates publish` gives for a TS template where no TypeScript
 * is installed (its type-check step is skipped): everything else on stderr still counts.
 */
export const withoutTypeCheckNote = (stderr: string): string => stderr.replace(/^warning: type-check skipped: [^\n]*\n/m, '');

/**
 * The error a run printed: one `error: …` line and at most one hint line after it (indented);
 * returns the error line. (Whether the hint shares the line or follows it is the CLI's format.)
 */
export function errorLine(stderr: string): string {
  const lines = stderr.trimEnd().split('\n');
  if (lines.length < 1 || lines.length > 2 || !lines[0]!.startsWith('error: ') || (lines[1] !== undefined && !/^\s+\S/.test(lines[1]))) {
    throw new Error(`expected one error line and at most one hint line, got:\n${stderr}`);
  }
  return lines[0]!;
}
