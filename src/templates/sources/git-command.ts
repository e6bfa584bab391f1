/**
 * The git operations a template source needs: a shallow fetch of one ref into a fresh folder,
 * and listing a remote's refs — network steps under the timeout and proxy rules (src/net). Git
 * never prompts (a wrong URL on an https host must fail, not wait for a password behind a
 * spinner), and only the URL schemes a template may use are allowed (never `ext::`, which runs
 * a command).
 */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { nonInteractiveGit, runNetworkGit } from '../../git/index.js';
import type { NetworkOptions } from '../../net/index.js';

/**
 * Fetches `ref` (branch, tag, commit, or `HEAD` for the default branch) of `url` at depth 1 into
 * the empty folder `dest` and checks it out without `.git`. Returns the commit.
 */
export async function shallowFetch(url: string, ref: string, dest: string, network: NetworkOptions = {}): Promise<string> {
  const repo = nonInteractiveGit(dest);
  await repo.init();
  await runNetworkGit(['fetch', '--progress', '--depth', '1', '--no-tags', '--', url, ref], { ...network, cwd: dest, remote: url });
  await repo.raw(['-c', 'advice.detachedHead=false', 'checkout', '--quiet', 'FETCH_HEAD']);
  const commit = (await repo.revparse(['HEAD'])).trim();
  rmSync(join(dest, '.git'), { recursive: true, force: true });
  return commit;
}

export interface RemoteRef {
  hash: string;
  /** `refs/heads/main`, `refs/tags/v1`, or `HEAD`. */
  name: string;
  /** For `HEAD`: the branch it points at. */
  target?: string;
}

/** `git ls-remote --symref`; annotated tags are reported with their commit (the peeled value). */
export async function listRemoteRefs(url: string, cwd: string, network: NetworkOptions = {}): Promise<RemoteRef[]> {
  const output = await runNetworkGit(['ls-remote', '--symref', '--', url], { ...network, cwd, remote: url });
  const refs = new Map<string, RemoteRef>();
  const symrefs = new Map<string, string>();
  for (const line of output.split(/\r?\n/)) {
    const symref = /^ref:\s+(\S+)\t(\S+)$/.exec(line);
    if (symref) {
      symrefs.set(symref[2]!, symref[1]!);
      continue;
    }
    const entry = /^([0-9a-f]{40,64})\t(\S+)$/.exec(line);
    if (!entry) continue;
    const [, hash, name] = entry as unknown as [string, string, string];
    const peeled = name.endsWith('^{}');
    const plain = peeled ? name.slice(0, -3) : name;
    if (peeled || !refs.has(plain)) refs.set(plain, { hash, name: plain });
  }
  for (const [name, target] of symrefs) {
    const ref = refs.get(name);
    if (ref) ref.target = target;
  }
  return [...refs.values()];
}

export type GitFailure = 'unreachable' | 'missing-repo' | 'missing-ref' | 'auth' | 'git-missing' | 'other';

/** What went wrong, from git's stderr (git 2.x wording). First match wins. */
const FAILURE_PATTERNS: Array<[RegExp, GitFailure]> = [
  [/spawn git ENOENT|git: not found/i, 'git-missing'],
  [/couldn't find remote ref|not our ref|unadvertised object|invalid refspec/i, 'missing-ref'],
  [/does not appear to be a git repository|repository '.*' not found|returned error: 404|no such file or directory/i, 'missing-repo'],
  [
    /could not read username|could not read password|authentication failed|permission denied|terminal prompts disabled|host key verification failed|returned error: 40[13]/i,
    'auth',
  ],
  [
    /could not resolve host|failed to connect|couldn't connect|connection refused|timed out|network is unreachable|no route to host|ssh: connect to host|unable to access/i,
    'unreachable',
  ],
];

const errorText = (err: unknown): string => (err instanceof Error ? err.message : String(err));

/** What went wrong, judged from all of git's output. */
export function classifyGitError(err: unknown): GitFailure {
  const text = errorText(err);
  return FAILURE_PATTERNS.find(([pattern]) => pattern.test(text))?.[1] ?? 'other';
}

/**
 * The line of git's complaint worth showing: the first one that says what happened (ssh prints
 * the cause before git's generic "Could not read from remote repository"), else the first fatal.
 */
export function gitReason(err: unknown): string {
  const lines = errorText(err)
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean);
  const telling = lines.find((l) => FAILURE_PATTERNS.some(([pattern]) => pattern.test(l)));
  return (telling ?? lines.find((l) => /^(fatal|error):/i.test(l)) ?? lines[0] ?? 'unknown error').replace(/^(fatal|error):\s*/i, '').replace(/^unable to access '[^']*':\s*/i, '');
}
