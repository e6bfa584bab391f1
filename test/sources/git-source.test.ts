import { existsSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { fetchRemoteTemplate as resolveThroughSeam, registerTemplateSource } from '../../src/templates/sources/seam.js';
import { remoteTemplateSource, resolveTemplateSource } from '../../src/templates/sources/index.js';
import { tempDir } from '../helpers/cli.js';
import { git, listTree, makeFixtureRepo, TEMPLATE_SUBDIR, type FixtureRepo } from './fixture-repo.js';
import { failure, gitRewrite, recordingReporter } from './support.js';

let repo: FixtureRepo;
beforeAll(() => {
  repo = makeFixtureRepo();
});

const fileUrl = (path: string) => pathToFileURL(path).href;

describe('git sources: a local bare repository', () => {
  it('by path, default branch, with //sub/dir', async () => {
    const cacheDir = tempDir('cga-cache-');
    const report = recordingReporter();
    const got = await resolveTemplateSource(`${repo.bare}//${TEMPLATE_SUBDIR}`, { cacheDir, report });
    expect(got.description).toBe('A counter from a fixture repository');
    expect(got.commit).toBe(repo.main);
    expect(readFileSync(join(got.dir, 'src', 'main.ts'), 'utf8')).toBe('// second version\n');
    expect(got.dir.startsWith(join(cacheDir, 'git'))).toBe(true);
    expect(existsSync(join(got.dir, '..', '..', '..', '.git'))).toBe(false);
    expect(report.lines[0]).toBe(`task: Fetching ${repo.bare}//${TEMPLATE_SUBDIR}`);
    expect(report.lines[1]).toContain(repo.main.slice(0, 12));
  });

  it('by file:// URL with an annotated tag #v1 (the commit, not the tag object)', async () => {
    const cacheDir = tempDir('cga-cache-');
    const got = await resolveTemplateSource(`${fileUrl(repo.bare)}//${TEMPLATE_SUBDIR}#v1`, { cacheDir });
    expect(got.commit).toBe(repo.v1);
    expect(readFileSync(join(got.dir, 'src', 'main.ts'), 'utf8')).toContain('component-name');
  });

  it('by a full commit hash, and by branch name', async () => {
    const cacheDir = tempDir('cga-cache-');
    const byHash = await resolveTemplateSource(`${fileUrl(repo.bare)}//${TEMPLATE_SUBDIR}#${repo.v1}`, { cacheDir });
    expect(byHash.commit).toBe(repo.v1);
    const byBranch = await resolveTemplateSource(`${repo.bare}//${TEMPLATE_SUBDIR}#main`, { cacheDir });
    expect(byBranch.commit).toBe(repo.main);
  });

  it('is reused from our cache offline after the repository is gone', async () => {
    const own = makeFixtureRepo();
    const cacheDir = tempDir('cga-cache-');
    const spec = `${fileUrl(own.bare)}//${TEMPLATE_SUBDIR}#v1`;
    const online = await resolveTemplateSource(spec, { cacheDir });
    rmSync(own.root, { recursive: true, force: true });
    const report = recordingReporter();
    const offline = await resolveTemplateSource(spec, { cacheDir, offline: true, report });
    expect(offline).toEqual(online);
    expect(report.lines).toEqual([]);
    // Online, the same spec now fails, and says the cached copy can be used.
    const err = await failure(resolveTemplateSource(spec, { cacheDir }));
    expect(err.message).toBe(`repository not found: ${fileUrl(own.bare)} (template '${spec}')`);
    expect(err.hint).toBe('Check the address. A cached copy exists: run again with --offline to use it.');
  });

  it('a moving ref is fetched again online: the cached copy follows the branch', async () => {
    const own = makeFixtureRepo();
    const cacheDir = tempDir('cga-cache-');
    const spec = `${own.bare}//${TEMPLATE_SUBDIR}#main`;
    expect((await resolveTemplateSource(spec, { cacheDir })).commit).toBe(own.main);
    git(own.work, 'commit', '-q', '--allow-empty', '-m', 'third');
    git(own.work, 'push', '-q', own.bare, 'main');
    const third = git(own.work, 'rev-parse', 'HEAD');
    expect((await resolveTemplateSource(spec, { cacheDir })).commit).toBe(third);
    expect((await resolveTemplateSource(spec, { cacheDir, offline: true })).commit).toBe(third);
    // One copy per ref, no staging folders left behind.
    const repoCache = join(cacheDir, 'git', listTree(join(cacheDir, 'git'))[0]!);
    expect(listTree(repoCache).filter((p) => !p.includes('/'))).toEqual(['.records', 'main']);
  });
});

describe('git sources: failures', () => {
  it('missing ref', async () => {
    const cacheDir = tempDir('cga-cache-');
    const err = await failure(resolveTemplateSource(`${repo.bare}//${TEMPLATE_SUBDIR}#no-such-tag`, { cacheDir }));
    expect(err.message).toBe(`ref not found: 'no-such-tag' is not a branch, tag or commit of ${repo.bare}`);
    expect(err.hint).not.toContain('--offline');
    expect(listTree(cacheDir).filter((p) => p.includes('.staging-'))).toEqual([]);
  });

  it('missing ref given as an unknown commit hash', async () => {
    const err = await failure(resolveTemplateSource(`${repo.bare}#${'0123456789abcdef'.repeat(2)}01234567`, { cacheDir: tempDir('cga-cache-') }));
    expect(err.message).toMatch(/^ref not found: '0123456789abcdef/);
  });

  it('missing subdirectory', async () => {
    const err = await failure(resolveTemplateSource(`${repo.bare}//templates/rust/nothing#v1`, { cacheDir: tempDir('cga-cache-') }));
    expect(err.message).toBe(`subdirectory not found: 'templates/rust/nothing' is not a folder of ${repo.bare}#v1`);
  });

  it('a folder without metadata.json is not a template', async () => {
    const err = await failure(resolveTemplateSource(`${repo.bare}//templates#v1`, { cacheDir: tempDir('cga-cache-') }));
    expect(err.message).toBe(`not a template: ${repo.bare}//templates#v1 has no metadata.json`);
  });

  it('missing repository', async () => {
    const missing = join(tempDir('cga-none-'), 'nothing.git');
    const err = await failure(resolveTemplateSource(missing, { cacheDir: tempDir('cga-cache-') }));
    expect(err.message).toBe(`repository not found: ${missing} (template '${missing}')`);
  });

  it('unreachable host (a closed local port), then the --offline hint once a copy is cached', async () => {
    const cacheDir = tempDir('cga-cache-');
    const url = 'https://127.0.0.1:9/owner/templates.git';
    const err = await failure(resolveTemplateSource(`${url}//${TEMPLATE_SUBDIR}#v1`, { cacheDir }));
    expect(err.message).toMatch(/^network failure: cannot reach https:\/\/127\.0\.0\.1:9\/owner\/templates\.git for template '.*' \(.*127\.0\.0\.1.*\)$/);
    expect(err.hint).toBe('Check the network connection and the address.');

    // Same URL, with a copy in the cache from when the host was reachable (git's own URL rewriting
    // points it at a local bare repository for that one fetch): the hint says --offline.
    const ours = makeFixtureRepo();
    const spec = `${url}//${TEMPLATE_SUBDIR}#v1`;
    const rewrite = gitRewrite(url, fileUrl(ours.bare));
    Object.assign(process.env, rewrite);
    let first: Awaited<ReturnType<typeof resolveTemplateSource>> | undefined;
    try {
      first = await resolveTemplateSource(spec, { cacheDir });
    } finally {
      for (const key of Object.keys(rewrite)) delete process.env[key];
    }
    expect(first.commit).toBe(ours.v1);
    const again = await failure(resolveTemplateSource(spec, { cacheDir }));
    expect(again.message).toMatch(/^network failure/);
    expect(again.hint).toBe('A cached copy exists: run again with --offline to use it.');
    expect(await resolveTemplateSource(spec, { cacheDir, offline: true })).toEqual(first);
  });

  it('offline with no cached copy', async () => {
    const cacheDir = tempDir('cga-cache-');
    const err = await failure(resolveTemplateSource(`${fileUrl(repo.bare)}#v1`, { cacheDir, offline: true }));
    expect(err.message).toBe(`offline: no cached copy of template '${fileUrl(repo.bare)}#v1'`);
    expect(err.hint).toBe('Run once without --offline to download it.');
    expect(existsSync(join(cacheDir, 'git'))).toBe(false);
  });

  it('a subfolder that is a symlink (pointing out of the repository) is refused', async () => {
    const own = makeFixtureRepo();
    symlinkSync(tempDir('cga-outside-'), join(own.work, 'escape'));
    git(own.work, 'add', 'escape');
    git(own.work, 'commit', '-q', '-m', 'symlink');
    git(own.work, 'push', '-q', own.bare, 'main');
    const err = await failure(resolveTemplateSource(`${own.bare}//escape#main`, { cacheDir: tempDir('cga-cache-') }));
    expect(err.message).toMatch(/^subdirectory not found: 'escape'/);
  });
});

describe('the TemplateSource seam (src/templates/source.ts)', () => {
  it('claims hosted and git specs, not folders or registry ids', () => {
    for (const spec of ['github:o/r', 'https://example.com/r.git#v1', 'git@h:o/r.git', `${repo.bare}#v1`, 'github:o/r#-bad'])
      expect(remoteTemplateSource.matches(spec), spec).toBe(true);
    for (const spec of ['./folder', '/abs/folder', 'ts/default', 'ts']) expect(remoteTemplateSource.matches(spec), spec).toBe(false);
  });

  it('resolves through the seam once registered', async () => {
    registerTemplateSource(remoteTemplateSource);
    const dir = await resolveThroughSeam(`${fileUrl(repo.bare)}//${TEMPLATE_SUBDIR}#v1`, { cwd: process.cwd(), cacheDir: tempDir('cga-cache-') } as Parameters<
      typeof resolveThroughSeam
    >[1]);
    expect(readFileSync(join(dir, 'metadata.json'), 'utf8')).toContain('A counter from a fixture repository');
  });
});
