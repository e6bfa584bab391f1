import { mkdirSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { UserError } from '../../src/errors.js';
import { resolveTemplateSource } from '../../src/templates/sources/index.js';
import { isSourceSpec, parseSourceSpec } from '../../src/templates/sources/spec.js';
import { tempDir } from '../helpers/cli.js';
import { FIXTURE_REPO, TEMPLATE_SUBDIR } from './fixture-repo.js';

describe('isSourceSpec: sources versus registry ids', () => {
  it.each([
    'github:owner/repo',
    'github:owner/repo/sub/dir#v1',
    'gitlab:group/repo#main',
    'bitbucket:owner/repo',
    'sourcehut:~owner/repo',
    'https://github.com/owner/repo/tree/main/sub',
    'https://gitlab.com/group/repo',
    'https://git.sr.ht/~owner/repo',
    'https://example.com/owner/repo.git#v1',
    'ssh://git@example.com/owner/repo.git',
    'git@example.com:owner/repo.git//sub#v1',
    'file:///srv/repo.git',
    './my-template',
    '../templates/x',
    '/abs/template',
    '~/templates/x',
    '.',
  ])('%s is a source', (spec) => expect(isSourceSpec(spec)).toBe(true));

  it.each(['ts', 'rust', 'ts/default', 'rust/caller', 'default', 'ext::sh -c evil', 'ts:default'])('%s is not a source', (spec) => expect(isSourceSpec(spec)).toBe(false));
});

describe('parseSourceSpec', () => {
  it.each([
    ['github:owner/repo/sub/dir#v1', 'github:owner/repo/sub/dir#v1'],
    ['sourcehut:~owner/repo/sub', 'git.sr.ht/~owner/repo/sub'],
    ['https://bitbucket.org/owner/repo/src/main/sub', 'https://bitbucket.org/owner/repo/src/main/sub'],
  ])('hosted %s → degit %s', (spec, degitSource) => {
    expect(parseSourceSpec(spec)).toEqual({ kind: 'hosted', spec, degitSource });
  });

  it.each([
    ['https://example.com/owner/repo.git', { url: 'https://example.com/owner/repo.git' }],
    ['https://example.com/owner/repo.git//templates/ts/x#v1.2', { url: 'https://example.com/owner/repo.git', subdir: 'templates/ts/x', ref: 'v1.2' }],
    ['ssh://git@example.com:2222/owner/repo.git#feature/x', { url: 'ssh://git@example.com:2222/owner/repo.git', ref: 'feature/x' }],
    ['git@example.com:owner/repo.git//sub', { url: 'git@example.com:owner/repo.git', subdir: 'sub' }],
    ['file:///srv/git/repo.git//a/b/#0123abcd', { url: 'file:///srv/git/repo.git', subdir: 'a/b', ref: '0123abcd' }],
    ['/srv/git/repo.git//a#main', { url: '/srv/git/repo.git', subdir: 'a', ref: 'main' }],
  ])('git %s', (spec, parts) => {
    expect(parseSourceSpec(spec)).toEqual({ kind: 'git', spec, ...parts });
  });

  it('local folders, relative to cwd and to ~', () => {
    expect(parseSourceSpec('./x', '/work')).toEqual({ kind: 'local', spec: './x', path: join('/work', 'x') });
    expect(parseSourceSpec('~/t', '/work')).toEqual({ kind: 'local', spec: '~/t', path: join(homedir(), 't') });
  });

  it('a relative path to a bare repository without .git is recognised by its shape', () => {
    const dir = tempDir('cga-shape-');
    for (const entry of ['objects', 'refs']) mkdirSync(join(dir, 'repo', entry), { recursive: true });
    writeFileSync(join(dir, 'repo', 'HEAD'), 'ref: refs/heads/main\n');
    expect(parseSourceSpec('./repo#main', dir)).toEqual({ kind: 'git', spec: './repo#main', url: join(dir, 'repo'), ref: 'main' });
  });

  it.each([
    ['github:owner/repo#-upload-pack=x', /is not a valid branch, tag or commit/],
    ['github:owner/repo#a..b', /is not a valid branch, tag or commit/],
    ['github:owner/repo/../../x', /'\.\.' is not allowed/],
    ['https://example.com/r.git#--exec=x', /is not a valid branch, tag or commit/],
    ['https://example.com/r.git//../../etc', /leaves the repository/],
    ['git@example.com:r.git//a/../..', /leaves the repository/],
    ['/srv/r.git//', /empty \/\/sub\/dir/],
    ['./folder#v1', /#ref and \/\/sub\/dir apply to git repositories only/],
    ['ts/default', /not a hosted shorthand, git URL or folder path/],
  ])('refuses %s', (spec, message) => {
    expect(() => parseSourceSpec(spec, tempDir('cga-spec-'))).toThrow(UserError);
    expect(() => parseSourceSpec(spec, tempDir('cga-spec-'))).toThrow(message);
  });
});

describe('local folder sources', () => {
  it('are used in place, relative to cwd', async () => {
    const got = await resolveTemplateSource(`./${TEMPLATE_SUBDIR}`, { cwd: FIXTURE_REPO, offline: true });
    expect(got).toEqual({ dir: join(FIXTURE_REPO, TEMPLATE_SUBDIR), description: 'A counter from a fixture repository' });
  });

  it('a missing folder is a clear error', async () => {
    const cwd = tempDir('cga-local-');
    await expect(resolveTemplateSource('./nothing', { cwd })).rejects.toThrow(`template folder not found: ${join(cwd, 'nothing')}`);
  });

  it('a folder without metadata.json is not a template', async () => {
    await expect(resolveTemplateSource('./templates', { cwd: FIXTURE_REPO })).rejects.toThrow('not a template: ./templates has no metadata.json');
  });
});
