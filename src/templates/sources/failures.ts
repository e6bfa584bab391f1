/** One clear line for every way fetching a template can fail, shared by the degit and git paths. */
import { UserError } from '../../errors.js';
import type { GitFailure } from './git-command.js';

export type SourceFailure = GitFailure | 'missing-subdir' | 'missing-template' | 'offline-miss';

export interface FailureContext {
  spec: string;
  /** The repository as fetched (URL). */
  where: string;
  ref?: string;
  subdir?: string;
  /** git's or degit's own words. */
  reason?: string;
  /** A copy of this source is in a cache, so `--offline` would work. */
  cached?: boolean;
}

const OFFLINE_HINT = 'A cached copy exists: run again with --offline to use it.';

const MESSAGES: Record<SourceFailure, (c: FailureContext) => { message: string; hint: string }> = {
  unreachable: (c) => ({
    message: `network failure: cannot reach ${c.where} for template '${c.spec}'${c.reason ? ` (${c.reason})` : ''}`,
    hint: c.cached ? OFFLINE_HINT : 'Check the network connection and the address.',
  }),
  'missing-repo': (c) => ({
    message: `repository not found: ${c.where} (template '${c.spec}')`,
    hint: c.cached ? `Check the address. ${OFFLINE_HINT}` : 'Check the owner, repository name or path.',
  }),
  'missing-ref': (c) => ({
    message: `ref not found: '${c.ref ?? 'HEAD'}' is not a branch, tag or commit of ${c.where}`,
    hint: c.cached ? `Check the name after #. ${OFFLINE_HINT}` : 'Check the branch, tag or commit name after #.',
  }),
  'missing-subdir': (c) => ({
    message: `subdirectory not found: '${c.subdir ?? ''}' is not a folder of ${c.where}${c.ref ? `#${c.ref}` : ''}`,
    hint: 'Check the folder path of the template inside the repository.',
  }),
  'missing-template': (c) => ({
    message: `not a template: ${c.spec} has no metadata.json`,
    hint: "Point at the folder that holds the template's metadata.json (e.g. github:owner/repo/templates/ts/my-template).",
  }),
  auth: (c) => ({
    message: `cannot access ${c.where}: the repository does not exist or needs credentials${c.reason ? ` (${c.reason})` : ''}`,
    hint: 'Check the address; for a private repository set up git credentials or an ssh key first.',
  }),
  'git-missing': (c) => ({
    message: `git is needed to fetch ${c.where} but was not found`,
    hint: 'Install git and make sure it is on PATH.',
  }),
  'offline-miss': (c) => ({
    message: `offline: no cached copy of template '${c.spec}'`,
    hint: 'Run once without --offline to download it.',
  }),
  other: (c) => ({
    message: `could not fetch template '${c.spec}' from ${c.where}${c.reason ? `: ${c.reason}` : ''}`,
    hint: c.cached ? OFFLINE_HINT : 'Check the address and try again.',
  }),
};

export function sourceFailure(kind: SourceFailure, context: FailureContext, cause?: unknown): UserError {
  const { message, hint } = MESSAGES[kind](context);
  return new UserError(message, { code: 'E_SOURCE', hint, cause });
}
