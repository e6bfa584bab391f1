/**
 * Templates on GitHub, GitLab, Bitbucket and Sourcehut, through degit 3.10: tar snapshots kept in
 * degit's own cache (`<cache>/degit/<site>/<user>/<repo>/`: `map.json` ref → commit, and
 * `<commit>.tar.gz`), subfolders, default-branch detection. Offline is degit's `cache: true`
 * mode: the commit comes from `map.json` and the tarball from disk, with no network at all.
 *
 * What we change: refs are listed by our git (never prompting; degit's own client may fall back
 * to a prompting `git ls-remote`), snapshots are downloaded by ours (src/net: the timeout, and
 * HTTPS_PROXY / NO_PROXY, where degit reads only `https_proxy` and has no timeout), degit.json
 * directives are ignored (nothing in a template runs or fetches more), and degit's fall-back
 * to a git clone is off (it would clone into a temporary folder in the current directory). Degit extracts into a staging folder of ours;
 * the result is published at `<our cache>/hosted/<repo+subdir key>/<commit>`.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { UserError } from '../../errors.js';
import { downloadToFile, type NetworkOptions } from '../../net/index.js';
import { cacheKey, publish, refFolderName, withStaging } from '../../fs/cache.js';
import { sourceFailure, type FailureContext, type SourceFailure } from './failures.js';
import type { FetchContext, FetchedSource } from './fetched.js';
import { classifyGitError, gitReason, listRemoteRefs } from './git-command.js';

// degit is loaded on first use: it is large, and only hosted sources need it.
type Degit = ReturnType<typeof import('degit').default>;
type DegitRepo = NonNullable<Degit['repo']>;
type DegitGitClient = NonNullable<Degit['git']>;

export interface HostedSpec {
  spec: string;
  degitSource: string;
}

/** degit's cache root, as degit 3.10 computes it (utils: platform cache dir + `degit`). */
export function degitCacheRoot(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  const home = homedir();
  if (platform === 'win32') return join(env.LOCALAPPDATA ?? join(home, 'AppData', 'Local'), 'degit');
  if (platform === 'darwin') return join(home, 'Library', 'Caches', 'degit');
  return join(env.XDG_CACHE_HOME ?? join(home, '.cache'), 'degit');
}

function degitRepoCache(repo: DegitRepo): string {
  return join(degitCacheRoot(), repo.site, repo.user, repo.name);
}

const listFolder = (dir: string): Set<string> => new Set(existsSync(dir) ? readdirSync(dir) : []);

/** degit leaves its `extract-*` work folders behind when a download fails: removed, so a failure leaves nothing. */
function removeDegitLeftovers(dir: string, before: ReadonlySet<string>): void {
  for (const name of listFolder(dir)) if (!before.has(name) && name.startsWith('extract-')) rmSync(join(dir, name), { recursive: true, force: true });
}

/** degit's `map.json`: ref → commit of every snapshot it has. */
function degitCachedCommit(repo: DegitRepo): string | undefined {
  try {
    const map = JSON.parse(readFileSync(join(degitRepoCache(repo), 'map.json'), 'utf8')) as Record<string, unknown>;
    const commit = Object.hasOwn(map, repo.ref) ? map[repo.ref] : undefined;
    return typeof commit === 'string' && existsSync(join(degitRepoCache(repo), `${commit}.tar.gz`)) ? commit : undefined;
  } catch {
    return undefined;
  }
}

/** The largest repository snapshot we download (a template repository is far smaller). */
const MAX_SNAPSHOT_BYTES = 512 * 1024 * 1024;

/** Refs in degit's shape (`{hash, name, type}`: `HEAD`, `branch`, `tags`, …), listed by our git. */
function gitClientFor(cwd: string, network: NetworkOptions): DegitGitClient {
  return {
    async fetchRefs(repo) {
      const refs = await listRemoteRefs(repo.transport === 'ssh' ? repo.ssh : repo.url, cwd, network);
      return refs.map(({ hash, name }) => {
        if (name === 'HEAD') return { hash, type: 'HEAD' };
        const parts = /^refs\/([^/]+)\/(.+)$/.exec(name);
        return parts ? { hash, name: parts[2]!, type: parts[1] === 'heads' ? 'branch' : parts[1]! } : { hash, name };
      });
    },
    clone() {
      return Promise.reject(new Error('the snapshot could not be used (git clone fall-back is disabled)'));
    },
  };
}

async function createDegit(source: HostedSpec, context: FetchContext): Promise<Degit> {
  const { default: degit } = await import('degit');
  let emitter: Degit;
  try {
    emitter = degit(source.degitSource, {
      cache: context.offline,
      git: gitClientFor(context.cacheDir, context),
      // degit's third argument, its own proxy choice (https_proxy only), is ours to make.
      fetch: async (url, dest) => void (await downloadToFile(url, dest, { ...context, maxBytes: MAX_SNAPSHOT_BYTES })),
    });
  } catch (err) {
    throw new UserError(`invalid template source '${source.spec}': ${(err as Error).message}`, {
      code: 'E_SOURCE',
      hint: 'Use github:owner/repo/sub/dir#ref, gitlab:…, bitbucket:…, sourcehut:~user/repo, or their https URLs.',
      cause: err,
    });
  }
  emitter.getDirectives = () => false;
  emitter.shouldFallbackToGit = () => false;
  return emitter;
}

/** A host that did not answer, from our git or our download under degit: its own line is the clearest. */
function timeoutOf(...errors: unknown[]): UserError | undefined {
  return errors.find((e): e is UserError => UserError.is(e) && e.code === 'E_TIMEOUT');
}

/** degit error codes → our failure kinds; a failed ref listing (warned, then degit gives up) says more. */
function classifyDegitError(err: unknown, offline: boolean, fetchError: unknown): { kind: SourceFailure; reason?: string } {
  const code = (err as { code?: unknown }).code;
  if (offline && (code === 'MISSING_REF' || code === 'COULD_NOT_DOWNLOAD')) return { kind: 'offline-miss' };
  if (code === 'MISSING_SUBDIR') return { kind: 'missing-subdir' };
  if (fetchError !== undefined) {
    return { kind: classifyGitError(fetchError), reason: gitReason(fetchError) };
  }
  if (code === 'MISSING_REF') return { kind: 'missing-ref' };
  const original = (err as { original?: unknown }).original;
  const reason = original === undefined ? gitReason(err) : `${gitReason(err)}: ${describeOriginal(original)}`;
  return { kind: code === 'COULD_NOT_DOWNLOAD' || code === 'COULD_NOT_FETCH' ? 'unreachable' : 'other', reason };
}

function describeOriginal(original: unknown): string {
  if (original instanceof Error) return gitReason(original);
  const { code, message } = original as { code?: unknown; message?: unknown };
  return [code, message].filter((v) => v !== undefined).join(' ');
}

export async function fetchHostedSource(source: HostedSpec, context: FetchContext): Promise<FetchedSource> {
  const emitter = await createDegit(source, context);
  let fetchError: unknown;
  emitter.on('warn', (warning) => {
    if (warning instanceof Error) fetchError = warning;
  });
  const hostedCache = join(context.cacheDir, 'hosted');
  mkdirSync(context.cacheDir, { recursive: true });

  const title = context.offline ? `Reading cached ${source.spec}` : `Downloading ${source.spec}`;
  const degitFolders = listFolder(degitRepoCache(emitter.repo!));
  const staging = await context.report
    .task(title, async () => (await withStaging(hostedCache, (dir) => emitter.clone(dir))).staging)
    .catch((err: unknown) => {
      removeDegitLeftovers(degitRepoCache(emitter.repo!), degitFolders);
      const timeout = timeoutOf(fetchError, (err as { original?: unknown }).original);
      if (timeout) throw timeout;
      const repo = emitter.repo!;
      const { kind, reason } = classifyDegitError(err, context.offline, fetchError);
      const failure: FailureContext = {
        spec: source.spec,
        where: repo.url,
        ref: repo.ref,
        subdir: repo.subdir?.replace(/^\//, ''),
        reason,
        cached: degitCachedCommit(repo) !== undefined,
      };
      throw sourceFailure(kind, failure, err);
    });

  const repo = emitter.repo!;
  const commit = degitCachedCommit(repo);
  if (fetchError !== undefined) context.report.warn(`Could not reach ${repo.url} (${gitReason(fetchError)}); using the cached snapshot${commit ? ` ${commit.slice(0, 12)}` : ''}.`);
  const repoFolder = join(hostedCache, cacheKey(repo.site, repo.user, repo.name, repo.subdir ?? ''));
  mkdirSync(repoFolder, { recursive: true });
  const target = join(repoFolder, commit ?? `ref-${refFolderName(repo.ref)}`);
  publish(staging, target, commit === undefined);
  return { dir: target, ...(commit === undefined ? {} : { commit }) };
}
