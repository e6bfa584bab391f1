/**
 * Fetching an added registry: the whole repository (registry.json at its root) through the
 * template sources (degit for hosted shorthands, a cached shallow clone for git URLs, a folder
 * in place). Online, the cache is refreshed; when that fails and a cached copy exists, the last
 * copy is used with a warning, so added registries keep working offline.
 */
import { existsSync, statSync } from 'node:fs';
import { silentReporter, type Reporter } from '../../report.js';
import { UserError } from '../../errors.js';
import { defaultCacheDir } from '../../fs/cache.js';
import type { FetchContext, FetchedSource } from '../sources/fetched.js';
import { fetchGitSource } from '../sources/git-source.js';
import { fetchHostedSource } from '../sources/hosted-source.js';
import { parseSourceSpec, type SourceSpec } from '../sources/spec.js';

export interface FetchOptions {
  offline?: boolean;
  cacheDir?: string;
  report?: Reporter;
  cwd?: string;
  /** Inactivity timeout of the network steps, in seconds (src/net; default 60). */
  timeoutSeconds?: number;
}

/**
 * The source kinds, as resolveTemplateSource dispatches them, minus its "metadata.json inside"
 * check: a registry's root holds registry.json instead.
 */
const FETCHERS: { [K in SourceSpec['kind']]: (source: Extract<SourceSpec, { kind: K }>, context: FetchContext) => Promise<FetchedSource> } = {
  hosted: fetchHostedSource,
  git: fetchGitSource,
  local: async (source) => {
    if (!existsSync(source.path) || !statSync(source.path).isDirectory()) {
      throw new UserError(`registry folder not found: ${source.path}`, { code: 'E_REGISTRY', hint: `Check the path '${source.spec}'.` });
    }
    return { dir: source.path };
  },
};

function fetchOnce(source: SourceSpec, offline: boolean, options: FetchOptions): Promise<FetchedSource> {
  const context: FetchContext = {
    cacheDir: options.cacheDir ?? defaultCacheDir(),
    offline,
    report: options.report ?? silentReporter,
    ...(options.timeoutSeconds === undefined ? {} : { timeoutSeconds: options.timeoutSeconds }),
  };
  return (FETCHERS[source.kind] as (s: SourceSpec, c: FetchContext) => Promise<FetchedSource>)(source, context);
}

/** A local folder holding the registry repository's files. */
export async function fetchRegistryFolder(name: string, spec: string, options: FetchOptions = {}): Promise<FetchedSource> {
  const source = parseSourceSpec(spec, options.cwd);
  if (options.offline || source.kind === 'local') return fetchOnce(source, options.offline ?? false, options);
  try {
    return await fetchOnce(source, false, options);
  } catch (err) {
    if (!(err instanceof UserError)) throw err;
    const cached = await fetchOnce(source, true, { ...options, report: silentReporter }).catch(() => undefined);
    if (!cached) throw err;
    (options.report ?? silentReporter).warn(`registry ${name}: ${err.message}; using the last cached copy`);
    return cached;
  }
}
