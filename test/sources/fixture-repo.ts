/** Real git repositories and degit caches built from test/fixtures/sources/repo, in temp folders. */
import { execFileSync } from 'node:child_process';
import { cpSync, lstatSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { gzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { tempDir } from '../helpers/cli.js';

export const FIXTURE_REPO = fileURLToPath(new URL('../fixtures/sources/repo', import.meta.url));
export const TEMPLATE_SUBDIR = 'templates/ts/counter';

const IDENTITY = ['-c', 'user.name=Fixture', '-c', 'user.email=fixture@example.com', '-c', 'commit.gpgsign=false', '-c', 'tag.gpgsign=false'];

export function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', [...IDENTITY, ...args], { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();
}

export interface FixtureRepo {
  root: string;
  /** The work tree the bare repository was cloned from (commit more here, then push). */
  work: string;
  /** `<root>/repo.git`. */
  bare: string;
  /** Commit of the annotated tag v1 (first commit). */
  v1: string;
  /** Commit of `main` (second commit, which edits src/main.ts). */
  main: string;
}

/** A bare repository: commit 1 tagged v1 (annotated), commit 2 on main. */
export function makeFixtureRepo(): FixtureRepo {
  const root = tempDir('cga-src-repo-');
  const work = join(root, 'work');
  cpSync(FIXTURE_REPO, work, { recursive: true });
  git(work, 'init', '-q', '-b', 'main');
  git(work, 'add', '-A');
  git(work, 'commit', '-q', '-m', 'first');
  git(work, 'tag', '-a', 'v1', '-m', 'version 1');
  const v1 = git(work, 'rev-parse', 'HEAD');
  writeFileSync(join(work, TEMPLATE_SUBDIR, 'src', 'main.ts'), '// second version\n');
  git(work, 'commit', '-q', '-am', 'second');
  const main = git(work, 'rev-parse', 'HEAD');
  const bare = join(root, 'repo.git');
  git(root, 'clone', '-q', '--bare', work, bare);
  return { root, work, bare, v1, main };
}

/** Relative paths of every entry below `dir` (folders too), for "nothing else was written" checks. */
export function listTree(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const name of readdirSync(d).sort()) {
      const p = join(d, name);
      out.push(relative(dir, p).split('\\').join('/'));
      if (lstatSync(p).isDirectory()) walk(p);
    }
  };
  walk(dir);
  return out;
}

/**
 * Puts a snapshot of the fixture repository into degit's cache exactly as degit 3.10 writes it:
 * `<XDG_CACHE_HOME>/degit/<site>/<user>/<repo>/map.json` ({ ref: commit }) and `<commit>.tar.gz`,
 * a tarball whose single top folder (`<repo>-<commit>/`) holds the repository's files, as the
 * hosts' archive endpoints produce.
 */
export function seedDegitCache(xdgCacheHome: string, site: string, user: string, repo: string, refs: Record<string, string>, files: string = FIXTURE_REPO): string {
  const repoCache = join(xdgCacheHome, 'degit', site, user, repo);
  mkdirSync(repoCache, { recursive: true });
  for (const commit of new Set(Object.values(refs))) {
    const staging = tempDir('cga-src-tar-');
    const top = `${repo}-${commit}`;
    cpSync(files, join(staging, top), { recursive: true });
    execFileSync('tar', ['-czf', join(repoCache, `${commit}.tar.gz`), '-C', staging, top]);
  }
  writeFileSync(join(repoCache, 'map.json'), JSON.stringify(refs, null, '  '));
  return repoCache;
}

export type TarEntry = { path: string; content: string } | { path: string; symlinkTo: string };

/**
 * A gzipped ustar archive written byte by byte, so hostile entries (`../x`, `/abs`, symlinks out)
 * can be made that no well-behaved tar tool would produce.
 */
export function hostileTarball(entries: TarEntry[]): Buffer {
  const blocks: Buffer[] = [];
  for (const entry of entries) {
    const body = Buffer.from('content' in entry ? entry.content : '');
    const header = Buffer.alloc(512);
    const field = (offset: number, length: number, value: string) => header.write(value, offset, length, 'utf8');
    const octal = (offset: number, length: number, value: number) => field(offset, length, `${value.toString(8).padStart(length - 1, '0')}\0`);
    field(0, 100, entry.path);
    octal(100, 8, 'content' in entry ? 0o644 : 0o777);
    octal(108, 8, 0);
    octal(116, 8, 0);
    octal(124, 12, body.length);
    octal(136, 12, 0);
    field(148, 8, '        ');
    field(156, 1, 'content' in entry ? '0' : '2');
    if ('symlinkTo' in entry) field(157, 100, entry.symlinkTo);
    field(257, 6, 'ustar\0');
    field(263, 2, '00');
    const checksum = header.reduce((sum, byte) => sum + byte, 0);
    field(148, 8, `${checksum.toString(8).padStart(6, '0')}\0 `);
    blocks.push(header, body, Buffer.alloc((512 - (body.length % 512)) % 512));
  }
  blocks.push(Buffer.alloc(1024));
  return gzipSync(Buffer.concat(blocks));
}
