/**
 * The degit path without network: degit's real cache (map.json + <commit>.tar.gz under
 * $XDG_CACHE_HOME/degit) is seeded with a tarball of the fixture repository. degit reads its cache
 * root once, when it is loaded, so XDG_CACHE_HOME is set before anything imports it. Online runs
 * go through a proxy on a closed local port: git and degit talk to 127.0.0.1 only.
 */
import { cpSync, existsSync, lstatSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/cli.js';
import { pathToFileURL } from 'node:url';
import { FIXTURE_REPO, git, hostileTarball, listTree, makeFixtureRepo, seedDegitCache, TEMPLATE_SUBDIR } from './fixture-repo.js';
import { failure, gitRewrite, recordingReporter } from './support.js';

const XDG = tempDir('cga-xdg-');
process.env.XDG_CACHE_HOME = XDG;
const { resolveTemplateSource } = await import('../../src/templates/sources/index.js');
const { degitCacheRoot } = await import('../../src/templates/sources/hosted-source.js');

const V1 = '1111111111111111111111111111111111111111';
const MAIN = '2222222222222222222222222222222222222222';
seedDegitCache(XDG, 'github', 'owner', 'repo', { v1: V1, HEAD: MAIN });

const PROXY_VARS = ['https_proxy', 'HTTPS_PROXY', 'http_proxy', 'HTTP_PROXY', 'all_proxy', 'ALL_PROXY', 'no_proxy', 'NO_PROXY'];
const savedProxy = Object.fromEntries(PROXY_VARS.map((k) => [k, process.env[k]]));
/** Every request git or degit makes goes to a closed local port. */
function networkDown(): void {
  for (const k of PROXY_VARS) delete process.env[k];
  for (const k of ['https_proxy', 'HTTPS_PROXY', 'http_proxy', 'HTTP_PROXY', 'all_proxy', 'ALL_PROXY']) process.env[k] = 'http://127.0.0.1:9';
}
afterEach(() => {
  for (const [k, v] of Object.entries(savedProxy)) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
});

describe('hosted sources through degit, offline from its cache', () => {
  it("finds degit's cache where degit 3.10 puts it", () => {
    expect(degitCacheRoot()).toBe(join(XDG, 'degit'));
    expect(degitCacheRoot({ XDG_CACHE_HOME: '/x' }, 'linux')).toBe('/x/degit');
    expect(degitCacheRoot({ LOCALAPPDATA: 'C:\\L' }, 'win32')).toMatch(/^C:\\L.degit$/);
  });

  it('github:owner/repo/sub#ref', async () => {
    const cacheDir = tempDir('cga-cache-');
    const report = recordingReporter();
    const got = await resolveTemplateSource(`github:owner/repo/${TEMPLATE_SUBDIR}#v1`, { offline: true, cacheDir, report });
    expect(got).toMatchObject({ description: 'A counter from a fixture repository', commit: V1 });
    expect(listTree(got.dir)).toEqual(['metadata.json', 'src', 'src/main.ts']);
    expect(readFileSync(join(got.dir, 'src', 'main.ts'), 'utf8')).toBe(readFileSync(join(FIXTURE_REPO, TEMPLATE_SUBDIR, 'src', 'main.ts'), 'utf8'));
    expect(got.dir).toBe(join(cacheDir, 'hosted', listTree(join(cacheDir, 'hosted'))[0]!, V1));
    expect(report.lines).toEqual([`task: Reading cached github:owner/repo/${TEMPLATE_SUBDIR}#v1`, `done: Reading cached github:owner/repo/${TEMPLATE_SUBDIR}#v1`]);
  });

  it('the default branch (no #ref) and the https URL form with /tree/<ref>/<sub>', async () => {
    const cacheDir = tempDir('cga-cache-');
    const head = await resolveTemplateSource(`github:owner/repo/${TEMPLATE_SUBDIR}`, { offline: true, cacheDir });
    expect(head.commit).toBe(MAIN);
    const url = await resolveTemplateSource(`https://github.com/owner/repo/tree/v1/${TEMPLATE_SUBDIR}`, { offline: true, cacheDir });
    expect(url.commit).toBe(V1);
    expect(listTree(url.dir)).toEqual(listTree(head.dir));
  });

  it('ignores degit.json directives in the repository (nothing in a template runs)', async () => {
    const files = tempDir('cga-directives-');
    cpSync(FIXTURE_REPO, files, { recursive: true });
    const sub = join(files, TEMPLATE_SUBDIR);
    writeFileSync(
      join(sub, 'degit.json'),
      JSON.stringify([
        { action: 'remove', files: ['metadata.json'] },
        { action: 'clone', src: 'github:someone/else' },
      ]),
    );
    seedDegitCache(XDG, 'github', 'owner', 'directives', { HEAD: MAIN }, files);
    const got = await resolveTemplateSource(`github:owner/directives/${TEMPLATE_SUBDIR}`, { offline: true, cacheDir: tempDir('cga-cache-') });
    expect(listTree(got.dir)).toEqual(['degit.json', 'metadata.json', 'src', 'src/main.ts']);
  });

  it('missing subdirectory', async () => {
    const err = await failure(resolveTemplateSource('github:owner/repo/templates/rust/nothing#v1', { offline: true, cacheDir: tempDir('cga-cache-') }));
    expect(err.message).toBe("subdirectory not found: 'templates/rust/nothing' is not a folder of https://github.com/owner/repo#v1");
  });

  it('the repository root without metadata.json is not a template', async () => {
    const err = await failure(resolveTemplateSource('github:owner/repo#v1', { offline: true, cacheDir: tempDir('cga-cache-') }));
    expect(err.message).toBe('not a template: github:owner/repo#v1 has no metadata.json');
  });

  it('offline with no cached copy: an unknown ref, an unknown repository', async () => {
    const cacheDir = tempDir('cga-cache-');
    for (const spec of ['github:owner/repo#v2', 'gitlab:owner/other', 'sourcehut:~owner/repo', 'bitbucket:owner/repo']) {
      const err = await failure(resolveTemplateSource(spec, { offline: true, cacheDir }));
      expect(err.message).toBe(`offline: no cached copy of template '${spec}'`);
      expect(err.hint).toBe('Run once without --offline to download it.');
    }
    expect(listTree(cacheDir).filter((p) => p.includes('.staging-'))).toEqual([]);
  });
});

describe('hosted sources through degit, online with the network down', () => {
  it('a cached snapshot is used, with a warning', async () => {
    networkDown();
    const report = recordingReporter();
    const got = await resolveTemplateSource(`github:owner/repo/${TEMPLATE_SUBDIR}#v1`, { cacheDir: tempDir('cga-cache-'), report });
    expect(got.commit).toBe(V1);
    expect(report.lines[0]).toBe(`task: Downloading github:owner/repo/${TEMPLATE_SUBDIR}#v1`);
    expect(report.lines.find((l) => l.startsWith('warn:'))).toMatch(/^warn: Could not reach https:\/\/github\.com\/owner\/repo \(.+\); using the cached snapshot 111111111111\.$/);
  });

  it('nothing cached: a network failure, not a missing ref', async () => {
    networkDown();
    const cacheDir = tempDir('cga-cache-');
    const err = await failure(resolveTemplateSource('github:owner/repo/templates#v2', { cacheDir }));
    expect(err.message).toMatch(/^network failure: cannot reach https:\/\/github\.com\/owner\/repo for template 'github:owner\/repo\/templates#v2' \(.*127\.0\.0\.1.*\)$/);
    expect(err.hint).toBe('Check the network connection and the address.');
    expect(existsSync(join(XDG, 'degit', 'github', 'owner', 'repo', 'v2'))).toBe(false);
  });
});

/**
 * Online, with refs listed by real git from a local bare repository: git's URL rewriting maps
 * https://github.com/owner/linked to it. The snapshots for its commits are already in degit's
 * cache (but not its ref map), so degit resolves refs online and downloads nothing.
 */
describe('hosted sources through degit, online with refs from git', () => {
  const repo = makeFixtureRepo();
  const repoCache = seedDegitCache(XDG, 'github', 'owner', 'linked', { v1: repo.v1, main: repo.main });
  writeFileSync(join(repoCache, 'map.json'), '{}');
  const rewrite = gitRewrite('https://github.com/owner/linked', pathToFileURL(repo.bare).href);
  const linked = () => Object.assign(process.env, rewrite);
  afterEach(() => {
    for (const key of Object.keys(rewrite)) delete process.env[key];
  });

  it("detects the default branch, resolves an annotated tag to its commit, and records both in degit's map", async () => {
    linked();
    const cacheDir = tempDir('cga-cache-');
    const head = await resolveTemplateSource(`github:owner/linked/${TEMPLATE_SUBDIR}`, { cacheDir });
    expect(head.commit).toBe(repo.main);
    const tag = await resolveTemplateSource(`https://github.com/owner/linked/tree/v1/${TEMPLATE_SUBDIR}`, { cacheDir });
    expect(tag.commit).toBe(repo.v1);
    expect(JSON.parse(readFileSync(join(repoCache, 'map.json'), 'utf8'))).toEqual({ HEAD: repo.main, v1: repo.v1 });
  });

  it('missing ref', async () => {
    linked();
    const err = await failure(resolveTemplateSource(`github:owner/linked/${TEMPLATE_SUBDIR}#no-such-tag`, { cacheDir: tempDir('cga-cache-') }));
    expect(err.message).toBe("ref not found: 'no-such-tag' is not a branch, tag or commit of https://github.com/owner/linked");
  });

  it('a snapshot that is not cached is downloaded: with the network down, a network failure', async () => {
    linked();
    networkDown();
    const extra = makeFixtureRepo();
    writeFileSync(join(extra.work, 'unique.txt'), extra.root);
    git(extra.work, 'add', 'unique.txt');
    git(extra.work, 'commit', '-q', '-m', 'a commit no snapshot exists for');
    git(extra.work, 'push', '-q', extra.bare, 'main');
    Object.assign(process.env, gitRewrite('https://github.com/owner/linked', pathToFileURL(extra.bare).href));
    const err = await failure(resolveTemplateSource(`github:owner/linked/${TEMPLATE_SUBDIR}#main`, { cacheDir: tempDir('cga-cache-') }));
    expect(err.message).toMatch(
      /^network failure: cannot reach https:\/\/github\.com\/owner\/linked for template '.*' \(could not download https:\/\/github\.com\/owner\/linked\/archive\/[0-9a-f]{40}\.tar\.gz: .*\)$/,
    );
  });
});

describe('hosted specs degit cannot read', () => {
  it('are refused before anything is fetched', async () => {
    const err = await failure(resolveTemplateSource('github:owner', { cacheDir: tempDir('cga-cache-') }));
    expect(err.message).toMatch(/^invalid template source 'github:owner': /);
  });
});

describe('hostile snapshots', () => {
  it("entries with '..', absolute names and writes through a symlink stay inside the cache", async () => {
    const outside = tempDir('cga-outside-');
    const top = 'evil-3333333333333333333333333333333333333333';
    const sub = `${top}/${TEMPLATE_SUBDIR}`;
    const repoCache = join(XDG, 'degit', 'github', 'owner', 'evil');
    mkdirSync(repoCache, { recursive: true });
    writeFileSync(
      join(repoCache, '3333333333333333333333333333333333333333.tar.gz'),
      hostileTarball([
        { path: `${sub}/metadata.json`, content: '{"description": "evil"}' },
        { path: `${sub}/../../../../../../../../../../..${outside}/dotdot.txt`, content: 'escaped' },
        { path: `${outside}/absolute.txt`, content: 'escaped' },
        { path: `${sub}/link`, symlinkTo: outside },
        { path: `${sub}/link/through-link.txt`, content: 'escaped' },
      ]),
    );
    writeFileSync(join(repoCache, 'map.json'), JSON.stringify({ HEAD: '3333333333333333333333333333333333333333' }));
    const cacheDir = tempDir('cga-cache-');
    const got = await resolveTemplateSource(`github:owner/evil/${TEMPLATE_SUBDIR}`, { offline: true, cacheDir });
    expect(listTree(outside)).toEqual([]);
    // What remains is inside our cache; the symlink stays a symlink (the renderer refuses it).
    expect(listTree(got.dir)).toEqual(['link', 'metadata.json']);
    expect(lstatSync(join(got.dir, 'link')).isSymbolicLink()).toBe(true);
    expect(listTree(cacheDir).every((p) => p === 'hosted' || p.startsWith('hosted/'))).toBe(true);
  });
});
