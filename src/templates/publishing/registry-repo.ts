/**
 * A working clone of a registry repository, for publishing: clone, write registry.json, commit,
 * push — and on a rejected push (someone published meanwhile), fetch and start again from the
 * new head. Git never prompts (a push needing a password fails instead of hanging behind a
 * spinner), runs in a clean environment (GIT_DIR and friends of a calling hook never reach it),
 * with hooks, fsmonitor and signing off, and a fallback identity when none is set. Clone, fetch
 * and push are network steps (src/net: timeout, proxies).
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fallbackIdentityArgs, nonInteractiveGit, runNetworkGit, type SimpleGit } from '../../git/index.js';
import { UserError } from '../../errors.js';
import type { NetworkOptions } from '../../net/index.js';
import type { RegistryJson } from '../registries/registry.js';
import { REGISTRY_FILE } from '../registries/registry-json.js';
import { gitReason } from '../sources/git-command.js';

/** The remote moved on (someone else pushed first): worth fetching and trying again. */
const REJECTED = /\[rejected\]|non-fast-forward|fetch first|failed to update ref|cannot lock ref/i;

/** git for the registry clone: the user's own environment (a push needs their credentials), never prompting. */
export const gitIn = nonInteractiveGit;

export interface RegistryClone {
  dir: string;
  url: string;
  branch: string;
  git: SimpleGit;
  network: NetworkOptions;
}

export async function cloneRegistry(url: string, dir: string, network: NetworkOptions = {}): Promise<RegistryClone> {
  try {
    await runNetworkGit(['clone', '--progress', '--no-tags', '--', url, dir], { ...network, cwd: join(dir, '..'), remote: url });
  } catch (err) {
    if (UserError.is(err)) throw err;
    throw new UserError(`cannot clone the registry ${url}: ${gitReason(err)}`, {
      code: 'E_PUBLISH',
      hint: 'Check the URL or path and your access to it; nothing was published.',
      cause: err,
    });
  }
  const git = gitIn(dir);
  // Works for an empty repository too: HEAD names the unborn default branch.
  const branch = (await git.raw(['symbolic-ref', '--short', 'HEAD'])).trim();
  return { dir, url, branch, git, network };
}

export function writeRegistryJson(dir: string, json: RegistryJson): void {
  writeFileSync(join(dir, REGISTRY_FILE), `${JSON.stringify(json, null, 2)}\n`);
}

/** Stages everything and commits; returns the new commit, or undefined when nothing changed. */
export async function commitAll(clone: RegistryClone, message: string): Promise<string | undefined> {
  await clone.git.add(['-A']);
  if ((await clone.git.raw(['status', '--porcelain'])).trim() === '') return undefined;
  await clone.git.raw([...(await fallbackIdentityArgs(clone.git)), 'commit', '--no-gpg-sign', '--no-verify', '--quiet', '-m', message]);
  return (await clone.git.revparse(['HEAD'])).trim();
}

/** `pushed`, or `rejected` when the remote moved on; other failures are errors. */
export async function push(clone: RegistryClone): Promise<'pushed' | 'rejected'> {
  try {
    await runNetworkGit(['push', '--progress', '--no-verify', 'origin', `HEAD:refs/heads/${clone.branch}`], { ...clone.network, cwd: clone.dir, remote: clone.url });
    return 'pushed';
  } catch (err) {
    if (UserError.is(err)) throw err;
    const text = err instanceof Error ? err.message : String(err);
    if (REJECTED.test(text)) return 'rejected';
    // The server's own words (a hook, a protected or checked-out branch) beat git's summary line.
    const remote = /^remote: (?:error: )?(.+?)\s*$/m.exec(text)?.[1] ?? /\[remote rejected\].*\((.+)\)/.exec(text)?.[1];
    throw new UserError(`cannot push to the registry ${clone.url}: ${remote ?? gitReason(err)}`, {
      code: 'E_PUBLISH',
      hint: 'Check that you may push to it; nothing was published.',
      cause: err,
    });
  }
}

/** Drops the local commit and moves to the remote's new head. */
export async function resetToRemote(clone: RegistryClone): Promise<void> {
  try {
    await runNetworkGit(['fetch', '--progress', '--no-tags', 'origin', `+refs/heads/${clone.branch}:refs/remotes/origin/${clone.branch}`], {
      ...clone.network,
      cwd: clone.dir,
      remote: clone.url,
    });
    await clone.git.raw(['reset', '--quiet', '--hard', `refs/remotes/origin/${clone.branch}`]);
    await clone.git.raw(['clean', '-fdq']);
  } catch (err) {
    if (UserError.is(err)) throw err;
    throw new UserError(`cannot fetch the registry ${clone.url} again: ${gitReason(err)}`, {
      code: 'E_PUBLISH',
      hint: 'Nothing was published; run the publish again.',
      cause: err,
    });
  }
}

/** The last commit that touched the template folder, when it is in a git work tree. */
export async function folderCommit(dir: string): Promise<{ commit: string; dirty: boolean } | undefined> {
  const git = gitIn(dir);
  try {
    if ((await git.raw(['rev-parse', '--is-inside-work-tree'])).trim() !== 'true') return undefined;
    const commit = (await git.raw(['log', '-1', '--no-show-signature', '--format=%H', '--', '.'])).trim();
    if (!commit) return undefined;
    const dirty = (await git.raw(['status', '--porcelain', '--', '.'])).trim() !== '';
    return { commit, dirty };
  } catch {
    return undefined;
  }
}
