/**
 * What a template source spec names. Three kinds, tried in this order:
 * - `hosted`: a shorthand or https URL of GitHub, GitLab, Bitbucket or Sourcehut — fetched as a
 *   tar snapshot by degit (which supports only these hosts);
 * - `git`: any other git URL (ssh, git@host:path, https on other hosts, file://) or a local bare
 *   repository (a path ending in `.git`), with `#ref` and `//sub/dir` — fetched by a shallow clone;
 * - `local`: a folder path (`./x`, `../x`, `/abs`, `~/x`), used in place.
 * Everything else (e.g. `ts/default`) is not a source spec: it is a registry id.
 */
import { existsSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { isAbsolute, join, resolve } from 'node:path';
import { UserError } from '../../errors.js';

export type SourceSpec =
  | { kind: 'hosted'; spec: string /** the spec as degit reads it */; degitSource: string }
  | { kind: 'git'; spec: string; url: string; ref?: string; subdir?: string }
  | { kind: 'local'; spec: string; path: string };

/** Hosted shorthands, and what degit calls them. */
const HOSTED_SHORTHANDS: Record<string, string> = {
  'github:': 'github:',
  'gitlab:': 'gitlab:',
  'bitbucket:': 'bitbucket:',
  'sourcehut:': 'git.sr.ht/',
};

const HOSTED_URL = /^https?:\/\/(?:www\.)?(?:github\.com|gitlab\.com|bitbucket\.org|git\.sr\.ht)\//i;
/** Schemes git fetches over; anything else (notably `ext::`, which runs a command) is refused. */
const GIT_URL = /^(?:ssh|git|git\+ssh|ssh\+git|https?|file):\/\//i;
/** scp-like `user@host:path` (the host part has no slash, so a local `./a@b:c` is not one). */
const SCP_LIKE = /^[\w.-]+@[\w.-]+:(?!\/\/)/;
const LOCAL_PATH = /^(?:\.{1,2}(?:[\\/]|$)|[\\/]|~(?:[\\/]|$)|[A-Za-z]:[\\/])/;
/** A conservative ref: branch, tag or commit names as people write them, never an option. */
const SAFE_REF = /^(?![-.])(?!.*\.\.)(?!.*@\{)[\w.+/-]+$/;

const badSpec = (spec: string, why: string, hint?: string) =>
  new UserError(`invalid template source '${spec}': ${why}`, {
    code: 'E_SOURCE',
    hint: hint ?? 'Use github:owner/repo/sub/dir#ref (or gitlab:, bitbucket:, sourcehut:), a git URL with #ref and //sub/dir, or a folder path like ./my-template.',
  });

/** True when `spec` names a source (hosted, git URL or path) rather than a registry id. */
export function isSourceSpec(spec: string): boolean {
  const s = spec.trim();
  return Object.keys(HOSTED_SHORTHANDS).some((prefix) => s.startsWith(prefix)) || HOSTED_URL.test(s) || GIT_URL.test(s) || SCP_LIKE.test(s) || LOCAL_PATH.test(s);
}

export function parseSourceSpec(rawSpec: string, cwd: string = process.cwd()): SourceSpec {
  const spec = rawSpec.trim();
  const shorthand = Object.keys(HOSTED_SHORTHANDS).find((prefix) => spec.startsWith(prefix));
  if (shorthand !== undefined || HOSTED_URL.test(spec)) {
    const degitSource = shorthand === undefined ? spec : HOSTED_SHORTHANDS[shorthand] + spec.slice(shorthand.length);
    checkHostedSpec(spec);
    return { kind: 'hosted', spec, degitSource };
  }
  if (GIT_URL.test(spec) || SCP_LIKE.test(spec)) return { kind: 'git', spec, ...splitGitSpec(spec) };
  if (LOCAL_PATH.test(spec)) {
    const whole = expandPath(spec, cwd);
    if (isFolder(whole) && !isBareRepository(whole)) return { kind: 'local', spec, path: whole };
    const parts = splitGitSpec(spec);
    const path = expandPath(parts.url, cwd);
    if (isBareRepository(path)) return { kind: 'git', spec, ...parts, url: path };
    if (parts.ref !== undefined || parts.subdir !== undefined) {
      throw badSpec(spec, '#ref and //sub/dir apply to git repositories only', 'Point at the template folder itself, or at a bare repository (a path ending in .git).');
    }
    return { kind: 'local', spec, path: whole };
  }
  throw badSpec(spec, 'not a hosted shorthand, git URL or folder path');
}

/** Refs and subfolders of hosted specs end up in URLs and folder names: same rules as git specs. */
function checkHostedSpec(spec: string): void {
  const hash = spec.indexOf('#');
  const [path, ref] = hash < 0 ? [spec, undefined] : [spec.slice(0, hash), spec.slice(hash + 1)];
  if (ref !== undefined) checkRef(spec, ref);
  if (path.split(/[\\/]/).some((segment) => segment === '..')) throw badSpec(spec, "'..' is not allowed in a source path");
}

/**
 * `url[//sub/dir][#ref]`: the ref is what follows the last `#`; the subfolder starts at the first
 * `//` inside the path (past `scheme://`, past `host:` of scp-like URLs).
 */
function splitGitSpec(spec: string): { url: string; ref?: string; subdir?: string } {
  let rest = spec;
  let ref: string | undefined;
  const hash = rest.lastIndexOf('#');
  if (hash > 0) {
    ref = checkRef(spec, rest.slice(hash + 1));
    rest = rest.slice(0, hash);
  }
  const scheme = /^[a-z][\w+.-]*:\/\//i.exec(rest);
  const pathStart = scheme ? scheme[0].length : SCP_LIKE.test(rest) ? rest.indexOf(':') + 1 : 0;
  // +1: the path's own leading slash (file:///abs, /abs) is not a separator.
  const sep = rest.indexOf('//', pathStart + 1);
  let subdir: string | undefined;
  if (sep >= 0) {
    subdir = checkSubdir(spec, rest.slice(sep + 2));
    rest = rest.slice(0, sep);
  }
  if (rest.length === 0) throw badSpec(spec, 'no repository');
  return { url: rest, ...(ref === undefined ? {} : { ref }), ...(subdir === undefined ? {} : { subdir }) };
}

function checkRef(spec: string, ref: string): string {
  if (!SAFE_REF.test(ref)) throw badSpec(spec, `'${ref}' is not a valid branch, tag or commit`, 'Write the ref after # using letters, digits and . _ - / + only.');
  return ref;
}

function checkSubdir(spec: string, subdir: string): string {
  const segments = subdir.split(/[\\/]/).filter((s) => s !== '' && s !== '.');
  if (segments.length === 0) throw badSpec(spec, 'empty //sub/dir');
  if (segments.some((s) => s === '..' || s.includes('\0'))) throw badSpec(spec, `subfolder '${subdir}' leaves the repository`);
  return segments.join('/');
}

function expandPath(path: string, cwd: string): string {
  if (path === '~' || path.startsWith('~/') || path.startsWith('~\\')) return join(homedir(), path.slice(1));
  return isAbsolute(path) ? path : resolve(cwd, path);
}

/** A path ending in `.git`, or a folder shaped like a bare repository. */
function isBareRepository(path: string): boolean {
  if (/\.git[\\/]?$/.test(path)) return true;
  return isFolder(path) && ['HEAD', 'objects', 'refs'].every((entry) => existsSync(join(path, entry)));
}

function isFolder(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

/** A source fetched from elsewhere (hosted or git), not a local folder: cheap to ask, loads nothing. */
export function isRemoteSourceSpec(spec: string): boolean {
  return isSourceSpec(spec) && parseSourceSpecKind(spec) !== 'local';
}

function parseSourceSpecKind(spec: string): SourceSpec['kind'] | undefined {
  try {
    return parseSourceSpec(spec).kind;
  } catch {
    // Unparsable (a bad #ref, a '..'): still ours to resolve, which reports the precise error.
    return undefined;
  }
}
