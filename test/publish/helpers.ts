/** Shared by the publishing tests: isolated user folders and real bare git registries. */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tempDir } from '../helpers/cli.js';

export interface UserDirs {
  base: string;
  env: { HOME: string; XDG_CONFIG_HOME: string; XDG_CACHE_HOME: string; GIT_CONFIG_NOSYSTEM: string };
  cacheDir: string;
}

/** A fresh HOME with its own XDG config and cache folders (no global git config inside). */
export function userDirs(): UserDirs {
  const base = tempDir('cga-pub-');
  const env = {
    HOME: join(base, 'home'),
    XDG_CONFIG_HOME: join(base, 'config'),
    XDG_CACHE_HOME: join(base, 'cache'),
    GIT_CONFIG_NOSYSTEM: '1',
  };
  for (const d of [env.HOME, env.XDG_CONFIG_HOME, env.XDG_CACHE_HOME]) mkdirSync(d, { recursive: true });
  return { base, env, cacheDir: join(env.XDG_CACHE_HOME, 'create-golem-app') };
}

export function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', ['-c', 'user.name=Test', '-c', 'user.email=test@example.com', ...args], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, GIT_CONFIG_NOSYSTEM: '1' },
  }).trim();
}

/** An empty bare repository: a registry nobody has published to yet. */
export function bareRegistry(base: string, name = 'registry.git'): string {
  const dir = join(base, name);
  execFileSync('git', ['init', '--quiet', '--bare', dir]);
  return dir;
}

/** The registry repository's files at its head (a throw-away clone), for assertions. */
export function registryFiles(bare: string): { json: { templates: Array<Record<string, string>> } | undefined; head: string; clone: string } {
  const clone = tempDir('cga-pub-view-');
  execFileSync('git', ['clone', '--quiet', bare, join(clone, 'r')], { stdio: 'ignore' });
  const dir = join(clone, 'r');
  let head = '';
  try {
    head = git(dir, 'rev-parse', 'HEAD');
  } catch {
    // empty repository
  }
  let json: { templates: Record<string, string>[] } | undefined;
  try {
    json = JSON.parse(readFileSync(join(dir, 'registry.json'), 'utf8'));
  } catch {
    json = undefined;
  }
  return { json, head, clone: dir };
}

/** All refs of a bare repository with their commits: "unchanged" means this is equal. */
export function refsOf(bare: string): string {
  return git(bare, 'for-each-ref', '--format=%(refname) %(objectname)');
}

export function editJson(file: string, edit: (json: Record<string, unknown>) => void): void {
  const json = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
  edit(json);
  writeFileSync(file, `${JSON.stringify(json, null, 2)}\n`);
}
