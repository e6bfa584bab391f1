/**
 * What every git process we start runs with. The environment is the user's, minus the variables
 * that point git at another repository or inject configuration — the ones git itself lists as
 * repository-local (`git rev-parse --local-env-vars`: GIT_DIR, GIT_WORK_TREE, GIT_INDEX_FILE,
 * GIT_CONFIG_PARAMETERS, GIT_CONFIG_COUNT, …, set for instance inside any git hook) — so a
 * command run from a hook never touches the hook's repository. The user's ssh, askpass,
 * credential and proxy setup (GIT_SSH_COMMAND, GIT_ASKPASS, SSH_AUTH_SOCK, HTTPS_PROXY, …) is kept.
 * git never prompts, speaks only file, git, http(s) and ssh, and runs no hook and no fsmonitor
 * command of any repository (`core.hooksPath` where no hook can be, `core.fsmonitor=false`).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { childProcess } from '../builtins.js';
import { proxyVariables } from '../net/index.js';

/** git 2.39's list, for when git cannot be asked (it is then missing anyway). */
const KNOWN_LOCAL_VARIABLES = [
  'GIT_ALTERNATE_OBJECT_DIRECTORIES',
  'GIT_CONFIG',
  'GIT_CONFIG_PARAMETERS',
  'GIT_CONFIG_COUNT',
  'GIT_OBJECT_DIRECTORY',
  'GIT_DIR',
  'GIT_WORK_TREE',
  'GIT_IMPLICIT_WORK_TREE',
  'GIT_GRAFT_FILE',
  'GIT_INDEX_FILE',
  'GIT_NO_REPLACE_OBJECTS',
  'GIT_REPLACE_REF_BASE',
  'GIT_PREFIX',
  'GIT_INTERNAL_SUPER_PREFIX',
  'GIT_SHALLOW_FILE',
  'GIT_COMMON_DIR',
];

let localVariables: Set<string> | undefined;

/** `git rev-parse --local-env-vars`, asked once (with an empty environment: it needs no repository). */
export function repositoryLocalVariables(): ReadonlySet<string> {
  if (!localVariables) {
    let listed: string[] = [];
    try {
      listed = childProcess()
        .execFileSync('git', ['rev-parse', '--local-env-vars'], { env: { PATH: process.env.PATH ?? '' }, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] })
        .split(/\r?\n/)
        .filter((name) => /^GIT_\w+$/.test(name));
    } catch {
      // no git: nothing will run it
    }
    localVariables = new Set([...KNOWN_LOCAL_VARIABLES, ...listed]);
  }
  return localVariables;
}

/** `GIT_CONFIG_KEY_<n>` / `GIT_CONFIG_VALUE_<n>` go with GIT_CONFIG_COUNT. */
const CONFIG_PAIR = /^GIT_CONFIG_(KEY|VALUE)_\d+$/;

/** The environment of a git process: see the module comment. */
export function gitEnvironment(base: NodeJS.ProcessEnv = process.env): Record<string, string> {
  const local = repositoryLocalVariables();
  const env: Record<string, string> = {};
  for (const [name, value] of Object.entries(base)) {
    if (value !== undefined && !local.has(name) && !CONFIG_PAIR.test(name)) env[name] = value;
  }
  return {
    ...env,
    ...proxyVariables(base),
    GIT_TERMINAL_PROMPT: '0',
    // A user's own, stricter list wins.
    GIT_ALLOW_PROTOCOL: base.GIT_ALLOW_PROTOCOL ?? 'file:git:http:https:ssh',
  };
}

let hooksDir: string | undefined;

/**
 * A hooks path under which no hook can exist: `/dev/null` (nothing can be created below it), so
 * nothing is left to clean up and no `exit` listener stays behind an API call. Windows has no
 * such path: there, an empty folder that lives as long as this process.
 */
function emptyHooksDir(): string {
  if (process.platform !== 'win32') return '/dev/null';
  if (!hooksDir) {
    const dir = mkdtempSync(join(tmpdir(), 'cga-no-hooks-'));
    hooksDir = dir;
    process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
  }
  return hooksDir;
}

/** `-c` settings for every git command we run: no hooks, no fsmonitor command. */
export function safeConfig(): string[] {
  return [`core.hooksPath=${emptyHooksDir()}`, 'core.fsmonitor=false'];
}

/** `safeConfig()` as command-line arguments. */
export const safeConfigArgs = (): string[] => safeConfig().flatMap((setting) => ['-c', setting]);
