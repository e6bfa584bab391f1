/** Drive the built CLI (dist/) as a user would: a real process, real folders. */
import { spawnSync, type SpawnSyncOptions } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const BIN = join(ROOT, 'bin', 'create-golem-app.js');

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `create-golem-app ...args` with no TTY (stdin closed), colours off. */
export function runCli(args: string[], options: { cwd?: string; env?: Record<string, string | undefined>; input?: string; bin?: string } = {}): CliResult {
  const spawnOptions: SpawnSyncOptions = {
    cwd: options.cwd ?? ROOT,
    env: { ...process.env, NO_COLOR: '1', npm_config_user_agent: undefined, ...options.env },
    input: options.input ?? '',
    encoding: 'utf8',
    timeout: 120_000,
  };
  const r = spawnSync(process.execPath, [options.bin ?? BIN, ...args], spawnOptions);
  return { code: r.status ?? -1, stdout: String(r.stdout), stderr: String(r.stderr) };
}

export function tempDir(prefix = 'cga-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/**
 * A fresh app (no git) with a TS provider `example:provider` and a TS caller `example:caller` that
 * calls it, created by the CLI in a new temp folder; returns the app's root.
 */
export function callerProviderApp(prefix = 'cga-'): string {
  const parent = tempDir(prefix);
  const args = ['app', '--yes', '--no-git', '--component', 'example:provider', '--component', 'example:caller', '-t', 'ts', '-t', 'ts/caller', '--target', 'example:provider'];
  const r = runCli(args, { cwd: parent });
  if (r.code !== 0 || r.stderr !== '') throw new Error(`create failed (exit ${r.code}):\n${r.stderr}`);
  return join(parent, 'app');
}

/** Every file below `dir` (relative, `/`-separated, sorted), with its bytes: for byte-identical checks. */
export function snapshotTree(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (d: string) => {
    for (const name of readdirSync(d).sort()) {
      const p = join(d, name);
      const st = statSync(p);
      if (st.isDirectory()) walk(p);
      else out.set(relative(dir, p).split('\\').join('/'), `${readFileSync(p).toString('base64')}:${st.mode.toString(8)}`);
    }
  };
  walk(dir);
  return out;
}

/** Relative paths of every file below `dir`, sorted. */
export function listFiles(dir: string): string[] {
  return [...snapshotTree(dir).keys()];
}

/**
 * The error of a failed run, checked for the format every error has: exactly one `error: …`
 * line, a sentence, and at most one hint line after it (indented), nothing after
 * that. Warnings may come before. Returns the error's text (without `error: `) and the hint.
 */
export function errorOf(stderr: string): { line: string; hint?: string } {
  const lines = stderr.trimEnd().split('\n');
  const errors = lines.filter((l) => l.startsWith('error: '));
  expect(errors, stderr).toHaveLength(1);
  // Nothing before the error line: stderr is the error and at most its hint.
  expect(lines[0], stderr).toBe(errors[0]);
  const after = lines.slice(lines.indexOf(errors[0]!) + 1);
  expect(after.length, stderr).toBeLessThanOrEqual(1);
  expect(errors[0], stderr).toMatch(/^error: \S.*[.?!]$/);
  if (after[0] !== undefined) expect(after[0], stderr).toMatch(/^ {2}\S(.*\S)?$/);
  return { line: errors[0]!.slice('error: '.length), ...(after[0] !== undefined ? { hint: after[0].trim() } : {}) };
}
