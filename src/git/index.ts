/**
 * git for every part of the program that needs it: a client that never prompts and runs in a
 * clean environment with hooks and fsmonitor off (environment.ts), network commands under the
 * timeout and proxy rules (network.ts), the first commit of a new app (detecting an enclosing
 * work tree, working without a configured identity, reporting a missing git instead of failing).
 */
import { simpleGit, type SimpleGit } from 'simple-git';
import { gitEnvironment, safeConfig } from './environment.js';

export type { SimpleGit };
export { runNetworkGit } from './network.js';
export { gitEnvironment } from './environment.js';

export type GitInitResult = { status: 'committed' } | { status: 'inside-work-tree' } | { status: 'git-missing' } | { status: 'failed'; reason: string };

/** The author of a commit when git has no user.name/user.email (as other creators do). */
const FALLBACK_IDENTITY = { name: 'create-golem-app', email: 'create-golem-app@users.noreply.golem.cloud' };

/**
 * simple-git refuses to pass variables such as GIT_SSH_COMMAND or EDITOR unless told to. The
 * environment here is the user's own (their ssh and credential setup must keep working); the
 * untrusted inputs, URLs and refs, are validated by their callers and passed after `--`. The
 * hooks path and fsmonitor settings are ours (safeConfig): they turn things off.
 */
const USER_ENVIRONMENT_IS_TRUSTED = {
  allowUnsafeSshCommand: true,
  allowUnsafeAskPass: true,
  allowUnsafeEditor: true,
  allowUnsafePager: true,
  allowUnsafeConfigPaths: true,
  allowUnsafeConfigEnvCount: true,
  allowUnsafeDiffExternal: true,
  allowUnsafeGitProxy: true,
  allowUnsafeTemplateDir: true,
  allowUnsafeHooksPath: true,
  allowUnsafeFsMonitor: true,
};

/** simple-git in `baseDir`, never prompting, in the clean environment, with hooks and fsmonitor off. */
export function nonInteractiveGit(baseDir: string): SimpleGit {
  return simpleGit({ baseDir, unsafe: USER_ENVIRONMENT_IS_TRUSTED, config: safeConfig() }).env(gitEnvironment());
}

/** `-c user.name=… -c user.email=…` for whichever of the two git has no value for. */
export async function fallbackIdentityArgs(git: SimpleGit): Promise<string[]> {
  const name = (await git.getConfig('user.name')).value;
  const email = (await git.getConfig('user.email')).value;
  return [...(name ? [] : ['-c', `user.name=${FALLBACK_IDENTITY.name}`]), ...(email ? [] : ['-c', `user.email=${FALLBACK_IDENTITY.email}`])];
}

export async function isGitAvailable(): Promise<boolean> {
  try {
    return (await nonInteractiveGit(process.cwd()).version()).installed;
  } catch {
    return false;
  }
}

export async function isInsideWorkTree(dir: string): Promise<boolean> {
  try {
    return (await nonInteractiveGit(dir).raw(['rev-parse', '--is-inside-work-tree'])).trim() === 'true';
  } catch {
    return false;
  }
}

/**
 * `git init`, add everything (but `exclude`: glob patterns of names in `dir` that are not part of
 * the app, such as a run's lock file), commit — skipped inside an existing work tree.
 */
export async function initRepository(dir: string, message: string, options: { exclude?: readonly string[] } = {}): Promise<GitInitResult> {
  if (!(await isGitAvailable())) return { status: 'git-missing' };
  if (await isInsideWorkTree(dir)) return { status: 'inside-work-tree' };
  const git = nonInteractiveGit(dir);
  try {
    await git.init();
    await git.raw(['add', '-A', '--', '.', ...(options.exclude ?? []).map((name) => `:(exclude,glob)${name}`)]);
    await git.raw([...(await fallbackIdentityArgs(git)), 'commit', '--no-gpg-sign', '--no-verify', '-q', '-m', message]);
    return { status: 'committed' };
  } catch (err) {
    return { status: 'failed', reason: (err as Error).message.split('\n')[0] ?? 'unknown error' };
  }
}
