/**
 * Templates are untrusted, end to end through the built CLI: a template's `.git` (hooks, config,
 * fsmonitor) and `node_modules` never reach the app, at any depth and in any spelling; links,
 * devices, FIFOs and sockets refuse the whole template; names made up by substitution cannot
 * leave the app; our own commits run no hook; a hook's GIT_DIR never redirects us. Marker
 * files prove that nothing ran; a refusal writes nothing.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { listFiles, runCli, snapshotTree, tempDir } from '../helpers/cli.js';
import { cleanGit, errorLine, executable, git, hostileTemplate, marker } from './hostile.js';

const servers: Server[] = [];
afterAll(() => {
  for (const s of servers) s.close();
});

/** Every path below `dir` (folders too), relative, for "nothing of the template's git" checks. */
function allPaths(dir: string, rel = ''): string[] {
  return readdirSync(join(dir, rel), { withFileTypes: true }).flatMap((d) => {
    const path = rel ? `${rel}/${d.name}` : d.name;
    return d.isDirectory() ? [path, ...allPaths(dir, path)] : [path];
  });
}

/** A template that tries every way for its git repository and packages to come along. */
function gitCarryingTemplate(ran: ReturnType<typeof marker>): string {
  const folder = hostileTemplate({
    '.git/HEAD': 'ref: refs/heads/main\n',
    '.git/config': `[core]\n\trepositoryformatversion = 0\n\tfsmonitor = "${ran.path}.fsmonitor"\n\thooksPath = .git/hooks\n`,
    'components-ts/component-name/.GIT/config': `[core]\n\tfsmonitor = "touch ${ran.path}.nested"\n`,
    'components-ts/component-name/src/.git': 'gitdir: /tmp/somewhere-else/.git\n',
    'components-ts/component-name/Git~1/config': '[core]\n',
    'components-ts/component-name/.git. /config': '[core]\n',
    'components-ts/component-name/node_modules/evil/index.js': 'require("child_process").execSync("touch /tmp/x")\n',
    'node_modules/.bin/tsc': '#!/bin/sh\n',
  });
  for (const hook of ['post-commit', 'pre-commit', 'commit-msg', 'post-checkout', 'post-index-change', 'reference-transaction']) {
    executable(join(folder, '.git', 'hooks', hook), ran.script);
    executable(join(folder, 'components-ts', 'component-name', '.GIT', 'hooks', hook), ran.script);
  }
  executable(`${ran.path}.fsmonitor`, ran.script);
  return folder;
}

/** Asserts no path of `app` outside its own `.git/` is a git folder or installed packages. */
function expectNoTemplateGit(app: string): void {
  const leaked = allPaths(app)
    .filter((p) => !p.startsWith('.git/') && p !== '.git')
    .filter((p) => p.split('/').some((s) => /^(\.git[. ]*|git~1|node_modules)$/i.test(s)));
  expect(leaked).toEqual([]);
}

describe("a template's .git and node_modules never reach the app", () => {
  it('create with git: the template repository, hooks and fsmonitor stay behind; our first commit runs nothing', () => {
    const ran = marker();
    const template = gitCarryingTemplate(ran);
    const base = tempDir('cga-sec-');
    const r = runCli(['app', '--yes', '--component', 'evil:payload', '-t', template], { cwd: base, env: cleanGit });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Initialised a git repository with a first commit');
    const app = join(base, 'app');
    expectNoTemplateGit(app);
    expect(existsSync(join(app, 'components-ts/evil-payload/src/main.ts'))).toBe(true);
    expect(readdirSync(join(app, '.git', 'hooks')).filter((h) => !h.endsWith('.sample'))).toEqual([]);
    expect(readFileSync(join(app, '.git', 'config'), 'utf8')).not.toMatch(/fsmonitor|hooksPath/);
    expect(git(app, 'log', '--format=%s')).toBe('Initial commit from create-golem-app');
    // What the user does next, with their own git: still nothing of the template's runs.
    writeFileSync(join(app, 'more.txt'), 'more');
    git(app, 'add', '-A');
    git(app, 'commit', '-q', '-m', 'more');
    expect(ran.ran()).toBe(false);
  });

  it('add component into an app that is a git repository plants no hooks', () => {
    const ran = marker();
    const base = tempDir('cga-sec-');
    expect(runCli(['app', '--yes', '--component', 'app:provider'], { cwd: base, env: cleanGit }).code).toBe(0);
    const app = join(base, 'app');
    const hooksBefore = readdirSync(join(app, '.git', 'hooks')).sort();
    const r = runCli(['add', 'component', gitCarryingTemplate(ran), 'evil:payload'], { cwd: app, env: cleanGit });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(readdirSync(join(app, '.git', 'hooks')).sort()).toEqual(hooksBefore);
    expectNoTemplateGit(app);
    git(app, 'add', '-A');
    git(app, 'commit', '-q', '-m', 'add evil');
    git(app, 'checkout', '-q', '-b', 'other');
    expect(ran.ran()).toBe(false);
  });
});

describe('our git runs no hook, no fsmonitor, and only in the repository it means', () => {
  it("the user's own hooksPath and fsmonitor (global config) do not run at our first commit", () => {
    const ran = marker();
    const hooks = tempDir('cga-user-hooks-');
    for (const hook of ['pre-commit', 'post-commit', 'commit-msg', 'prepare-commit-msg']) executable(join(hooks, hook), ran.script);
    const fsmonitor = executable(join(tempDir(), 'fsmonitor'), ran.script);
    const config = join(tempDir(), 'gitconfig');
    writeFileSync(config, `[core]\n\thooksPath = ${hooks}\n\tfsmonitor = ${fsmonitor}\n[user]\n\tname = U\n\temail = u@example.com\n`);
    const base = tempDir('cga-sec-');
    const r = runCli(['app', '--yes', '--component', 'app:provider'], { cwd: base, env: { GIT_CONFIG_NOSYSTEM: '1', GIT_CONFIG_GLOBAL: config } });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Initialised a git repository with a first commit');
    expect(git(join(base, 'app'), 'log', '--format=%an')).toBe('U');
    expect(ran.ran()).toBe(false);
  });

  it("a hook's environment (GIT_DIR, GIT_WORK_TREE, GIT_INDEX_FILE, GIT_CONFIG_*) does not redirect create", () => {
    const other = tempDir('cga-other-repo-');
    writeFileSync(join(other, 'file.txt'), 'mine');
    git(other, 'init', '-q', '-b', 'main');
    git(other, 'add', '-A');
    git(other, 'commit', '-q', '-m', 'theirs');
    const before = snapshotTree(join(other, '.git'));
    const base = tempDir('cga-sec-');
    const r = runCli(['app', '--yes', '--component', 'app:provider'], {
      cwd: base,
      env: {
        ...cleanGit,
        GIT_DIR: join(other, '.git'),
        GIT_WORK_TREE: other,
        GIT_INDEX_FILE: join(other, '.git', 'index'),
        GIT_CONFIG_COUNT: '1',
        GIT_CONFIG_KEY_0: 'core.hooksPath',
        GIT_CONFIG_VALUE_0: '/nonexistent',
      },
    });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Initialised a git repository with a first commit');
    expect(snapshotTree(join(other, '.git'))).toEqual(before);
    expect(git(join(base, 'app'), 'log', '--format=%s')).toBe('Initial commit from create-golem-app');
  });
});

/** Runs create with `template`; expects one error line naming `expected`, and nothing written. */
function expectRefused(template: string, expected: RegExp, component = 'evil:payload'): void {
  const base = tempDir('cga-sec-');
  const r = runCli(['app', '--yes', '--component', component, '-t', template], { cwd: base, env: cleanGit });
  expect(r.code).toBe(1);
  expect(errorLine(r.stderr)).toMatch(expected);
  expect(listFiles(base)).toEqual([]);
  expect(existsSync(join(base, 'app'))).toBe(false);
}

describe('only regular files and folders pass; a refusal writes nothing', () => {
  it('a symbolic link (to a file outside, to a folder, dangling)', () => {
    for (const [name, target] of [
      ['stolen.txt', '/etc/hostname'],
      ['etc', '/etc'],
      ['dangling', '/nonexistent/x'],
    ] as const) {
      const template = hostileTemplate();
      symlinkSync(target, join(template, 'components-ts', 'component-name', name));
      expectRefused(template, new RegExp(`'components-ts/component-name/${name}' is a symbolic link`));
    }
  });

  it('a FIFO (never opened: reading one would block)', () => {
    const template = hostileTemplate();
    spawnSync('mkfifo', [join(template, 'components-ts', 'component-name', 'src', 'pipe')]);
    expectRefused(template, /'components-ts\/component-name\/src\/pipe' is a FIFO/);
  });

  it('a socket', async () => {
    const template = hostileTemplate();
    const server = createServer();
    servers.push(server);
    await new Promise<void>((done) => server.listen(join(template, 'components-ts', 'sock'), done));
    expectRefused(template, /'components-ts\/sock' is a socket/);
  });

  it('a device', () => {
    const template = hostileTemplate();
    const made = spawnSync('mknod', [join(template, 'components-ts', 'component-name', 'null'), 'c', '1', '3']);
    expect(made.status).toBe(0); // the tests run as root (CI does)
    expectRefused(template, /'components-ts\/component-name\/null' is a device/);
  });
});

describe('names that substitution or the .hbs suffix turn into something else are refused', () => {
  it.each([
    ['...hbs', 'components-ts/...hbs', /becomes '\.\.' once '\.hbs' is dropped/],
    ['..hbs', 'components-ts/..hbs', /becomes '\.' once '\.hbs' is dropped/],
    ['.git.hbs', 'components-ts/component-name/.git.hbs', /becomes '\.git' once '\.hbs' is dropped, a name templates may not write/],
    ['node_modules.hbs', 'node_modules.hbs', /becomes 'node_modules' once '\.hbs' is dropped/],
  ])('%s', (_name, path, expected) => {
    expectRefused(hostileTemplate({ [path]: 'x' }), expected);
  });

  it('a placeholder that makes a drive path (componentname with a one-letter namespace)', () => {
    expectRefused(hostileTemplate({ 'components-ts/componentname': 'x' }), /'components-ts\/componentname' becomes 'c:payload' after substitution, a drive path/, 'c:payload');
  });
});

describe('Handlebars mistakes through the CLI', () => {
  it('one line naming the template file, line and column; nothing written', () => {
    const template = hostileTemplate({ 'components-ts/component-name/src/extra.ts.hbs': '// {{component.pascal}}\n\nexport const x = {{shout component.name}};\n' });
    expectRefused(
      template,
      new RegExp(`^error: ${template.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}/components-ts/component-name/src/extra\\.ts\\.hbs:3:20: unknown helper 'shout'`),
    );
  });
});

it('the template folder itself is left as it was', () => {
  const ran = marker();
  const template = gitCarryingTemplate(ran);
  mkdirSync(join(template, 'components-ts', 'component-name', 'empty'));
  const before = snapshotTree(template);
  const base = tempDir('cga-sec-');
  expect(runCli(['app', '--yes', '--component', 'a:b', '-t', template], { cwd: base, env: cleanGit }).code).toBe(0);
  expect(snapshotTree(template)).toEqual(before);
  expect(ran.ran()).toBe(false);
});
