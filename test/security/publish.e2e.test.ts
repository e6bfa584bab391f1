/**
 * `templates publish` run from inside a git hook (GIT_DIR, GIT_WORK_TREE, GIT_INDEX_FILE set to
 * another repository) publishes into the registry and leaves that repository alone; a template
 * folder's own repository configuration (fsmonitor, hooks) does not run.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, snapshotTree, tempDir } from '../helpers/cli.js';
import { bareRegistry, registryFiles, userDirs } from '../publish/helpers.js';
import { executable, git, marker, withoutTypeCheckNote } from './hostile.js';

describe('templates publish and the git environment', () => {
  it("with a hook's GIT_DIR set to another repository: that repository untouched, the registry updated", () => {
    const dirs = userDirs();
    const bare = bareRegistry(dirs.base);
    expect(runCli(['templates', 'init', 'tpl'], { cwd: dirs.base, env: dirs.env }).code).toBe(0);
    const other = tempDir('cga-hook-repo-');
    writeFileSync(join(other, 'work.txt'), 'in progress');
    git(other, 'init', '-q', '-b', 'main');
    git(other, 'add', '-A');
    git(other, 'commit', '-q', '-m', 'theirs');
    const before = snapshotTree(other);
    const r = runCli(['templates', 'publish', 'tpl', '--registry', bare, '--version', '1.0.0'], {
      cwd: dirs.base,
      env: { ...dirs.env, GIT_DIR: join(other, '.git'), GIT_WORK_TREE: other, GIT_INDEX_FILE: join(other, '.git', 'index'), GIT_PREFIX: '' },
    });
    expect(withoutTypeCheckNote(r.stderr)).toBe('');
    expect(r.code).toBe(0);
    expect(snapshotTree(other)).toEqual(before);
    const published = registryFiles(bare);
    expect(published.json?.templates).toEqual([expect.objectContaining({ id: 'ts/tpl', version: '1.0.0', path: 'templates/ts/tpl/1.0.0' })]);
    expect(git(published.clone, 'log', '--format=%s')).toBe('Publish ts/tpl@1.0.0');
  });

  it("the template folder's own repository config (fsmonitor, hooks) does not run", () => {
    const dirs = userDirs();
    const bare = bareRegistry(dirs.base);
    expect(runCli(['templates', 'init', 'tpl'], { cwd: dirs.base, env: dirs.env }).code).toBe(0);
    const tpl = join(dirs.base, 'tpl');
    git(tpl, 'init', '-q', '-b', 'main');
    git(tpl, 'add', '-A');
    git(tpl, 'commit', '-q', '-m', 'template');
    const ran = marker();
    const fsmonitor = executable(join(tempDir(), 'fsmonitor'), ran.script);
    const hooks = tempDir('cga-tpl-hooks-');
    for (const hook of ['post-checkout', 'post-commit', 'pre-push', 'reference-transaction']) executable(join(hooks, hook), ran.script);
    git(tpl, 'config', 'core.fsmonitor', fsmonitor);
    git(tpl, 'config', 'core.hooksPath', hooks);
    git(tpl, 'config', 'log.showSignature', 'true');
    const r = runCli(['templates', 'publish', 'tpl', '--registry', bare, '--version', '1.0.0'], { cwd: dirs.base, env: dirs.env });
    expect(withoutTypeCheckNote(r.stderr)).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/\(source [0-9a-f]{12}\)/);
    expect(ran.ran()).toBe(false);
  });
});
