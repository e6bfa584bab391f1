/**
 * Template sources: where a template comes from when it is not a registry id. Hosted shorthands
 * and URLs go through degit (tar snapshots), other git URLs through a shallow clone kept in our
 * cache, folder paths are used in place. The result is always a local folder holding the
 * template's metadata.json; reading and rendering it is the renderer's job.
 */
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { silentReporter, type Reporter } from '../../report.js';
import { UserError } from '../../errors.js';
import { METADATA_FILE, readTemplateMetadata } from '../metadata.js';
import type { TemplateSource, TemplateSourceOptions } from './seam.js';
import { defaultCacheDir } from '../../fs/cache.js';
import { sourceFailure } from './failures.js';
import type { FetchContext, FetchedSource } from './fetched.js';
import { fetchGitSource } from './git-source.js';
import { fetchHostedSource } from './hosted-source.js';
import { isRemoteSourceSpec, parseSourceSpec, type SourceSpec } from './spec.js';

export type { FetchedSource } from './fetched.js';

export interface SourceOptions {
  /** Use only cached copies (degit's cache and ours); never touch the network. */
  offline?: boolean;
  /** Our cache folder; default `$XDG_CACHE_HOME/create-golem-app` or `~/.cache/create-golem-app`. */
  cacheDir?: string;
  /** For the spinner while downloading (`report.task`) and the "using cached copy" warning. */
  report?: Reporter;
  /** Relative folder paths are resolved against this (default: the process's working directory). */
  cwd?: string;
  /** Inactivity timeout of the network steps, in seconds (src/net; default 60). */
  timeoutSeconds?: number;
}

export interface ResolvedTemplateSource {
  /** Local folder holding the template (metadata.json inside). Read it; do not modify it. */
  dir: string;
  /** The template's description from its metadata.json. */
  description: string;
  /** The commit the template was taken from, for git and hosted sources. */
  commit?: string;
}

type Fetcher = (source: SourceSpec, context: FetchContext, what: string) => Promise<FetchedSource>;

const FETCHERS: { [K in SourceSpec['kind']]: (source: Extract<SourceSpec, { kind: K }>, context: FetchContext, what: string) => Promise<FetchedSource> } = {
  hosted: fetchHostedSource,
  git: fetchGitSource,
  local: async (source, _context, what) => {
    if (!existsSync(source.path) || !statSync(source.path).isDirectory()) {
      throw new UserError(`${what} folder not found: ${source.path}`, { code: 'E_SOURCE', hint: `Check the path '${source.spec}'.` });
    }
    return { dir: source.path };
  },
};

/**
 * The local folder a source spec names, fetched or from a cache, with no check of what is inside
 * (a registry repository holds registry.json, a template metadata.json). `what` names it in errors.
 */
export async function fetchSourceFolder(spec: string, options: SourceOptions = {}, what = 'template'): Promise<FetchedSource> {
  const source = parseSourceSpec(spec, options.cwd);
  const context: FetchContext = {
    cacheDir: options.cacheDir ?? defaultCacheDir(),
    offline: options.offline ?? false,
    report: options.report ?? silentReporter,
    ...(options.timeoutSeconds === undefined ? {} : { timeoutSeconds: options.timeoutSeconds }),
  };
  return (FETCHERS[source.kind] as Fetcher)(source, context, what);
}

export async function resolveTemplateSource(spec: string, options: SourceOptions = {}): Promise<ResolvedTemplateSource> {
  const fetched = await fetchSourceFolder(spec, options);
  if (!existsSync(join(fetched.dir, METADATA_FILE))) throw sourceFailure('missing-template', { spec, where: fetched.dir });
  const { description } = readTemplateMetadata(fetched.dir);
  return { dir: fetched.dir, description, ...(fetched.commit === undefined ? {} : { commit: fetched.commit }) };
}

/**
 * This module as a TemplateSource for the seam in `src/templates/source.ts`: register it once at
 * start-up (`registerTemplateSource(remoteTemplateSource)`) and remote specs (hosted shorthands
 * and URLs, git URLs) resolve through it. Folder paths stay with the seam's own handling.
 */
export const remoteTemplateSource: TemplateSource = {
  name: 'remote',
  matches: isRemoteSourceSpec,
  resolve: async (spec, options: TemplateSourceOptions & SourceOptions) => (await resolveTemplateSource(spec, options)).dir,
};
