/**
 * The git steps of app creation, through simple-git: detect an enclosing work tree, `git init`
 * and a first commit that works without a configured identity (a fallback author for that one
 * commit, as other creators do) and reports a missing git instead of failing.
 */
import { simpleGit } from 'simple-git';

export type GitInitResult = { status: 'committed'; branch?: string } | { status: 'inside-work-tree' } | { status: 'git-missing' } | { status: 'failed'; reason: string };

const FALLBACK_IDENTITY = { name: 'create-golem-app', email: 'create-golem-app@users.noreply.golem.cloud' };

export async function isGitAvailable(): Promise<boolean> {
  try {
    return (await simpleGit().version()).installed;
  } catch {
    return false;
  }
}

export async function isInsideWorkTree(dir: string): Promise<boolean> {
  try {
    return (await simpleGit({ baseDir: dir }).raw(['rev-parse', '--is-inside-work-tree'])).trim() === 'true';
  } catch {
    return false;
  }
}

/** `git init`, add everything, commit — skipped inside an existing work tree. */
export async function initRepository(dir: string, message: string): Promise<GitInitResult> {
  if (!(await isGitAvailable())) return { status: 'git-missing' };
  if (await isInsideWorkTree(dir)) return { status: 'inside-work-tree' };
  const git = simpleGit({ baseDir: dir });
  try {
    await git.init();
    await git.add(['-A']);
    const name = (await git.getConfig('user.name')).value;
    const email = (await git.getConfig('user.email')).value;
    const identity = [
      ...(name ? [] : ['-c', `user.name=${FALLBACK_IDENTITY.name}`]),
      ...(email ? [] : ['-c', `user.email=${FALLBACK_IDENTITY.email}`]),
    ];
    await git.raw([...identity, 'commit', '--no-gpg-sign', '--no-verify', '-q', '-m', message]);
    return { status: 'committed' };
  } catch (err) {
    return { status: 'failed', reason: (err as Error).message.split('\n')[0] ?? 'unknown error' };
  }
}
