/**
 * Templates from any git URL (ssh, https on other hosts, file://, a local bare repository):
 * a shallow fetch of the ref into `<cache>/git/<hash of url>/<ref>`, replaced on every online
 * fetch and reused as-is offline. `<cache>/git/<hash>/.records/<ref>.json` records the commit
 * (refs never start with a dot, so no ref folder can collide with it or with staging folders).
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { UserError } from '../../errors.js';
import { cacheKey, publish, refFolderName, withStaging } from '../../fs/cache.js';
import { classifyGitError, gitReason, shallowFetch } from './git-command.js';
import { sourceFailure } from './failures.js';
import { subfolder, type FetchedSource, type FetchContext } from './fetched.js';

export interface GitSpec {
  spec: string;
  url: string;
  ref?: string;
  subdir?: string;
}

interface CacheRecord {
  url: string;
  ref: string;
  commit: string;
}

/** The record of a cached checkout; a missing or damaged one means "not cached". */
function readRecord(file: string): CacheRecord | undefined {
  try {
    const record = JSON.parse(readFileSync(file, 'utf8')) as Partial<CacheRecord>;
    return typeof record.commit === 'string' ? (record as CacheRecord) : undefined;
  } catch {
    return undefined;
  }
}

export async function fetchGitSource(source: GitSpec, context: FetchContext): Promise<FetchedSource> {
  const ref = source.ref ?? 'HEAD';
  const repoCache = join(context.cacheDir, 'git', cacheKey(source.url));
  const checkout = join(repoCache, refFolderName(ref));
  const recordFile = join(repoCache, '.records', `${refFolderName(ref)}.json`);
  const cachedCommit = existsSync(checkout) ? readRecord(recordFile)?.commit : undefined;
  const failureContext = { spec: source.spec, where: source.url, ref, subdir: source.subdir, cached: cachedCommit !== undefined };

  let commit = cachedCommit;
  if (context.offline) {
    if (commit === undefined) throw sourceFailure('offline-miss', failureContext);
  } else {
    commit = await context.report.task(
      `Fetching ${source.spec}`,
      async () => {
        const { staging, result: fetched } = await withStaging(repoCache, (dir) => shallowFetch(source.url, ref, dir, context)).catch((err: unknown) => {
          if (UserError.is(err)) throw err; // a host that did not answer: already one clear line
          throw sourceFailure(classifyGitError(err), { ...failureContext, reason: gitReason(err) }, err);
        });
        publish(staging, checkout, true);
        mkdirSync(dirname(recordFile), { recursive: true });
        writeFileSync(recordFile, `${JSON.stringify({ url: source.url, ref, commit: fetched } satisfies CacheRecord, null, 2)}\n`);
        return fetched;
      },
      (fetched) => `Fetched ${source.spec} (${fetched.slice(0, 12)})`,
    );
  }

  const dir = subfolder(checkout, source.subdir);
  if (dir === undefined) throw sourceFailure('missing-subdir', failureContext);
  return { dir, commit };
}
