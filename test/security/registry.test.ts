/**
 * A registry is untrusted input: registry.json is checked against registry.schema.json (shipped)
 * before any entry is used — sizes, paths inside the registry, sources that are remote (a
 * registry may not make us read your files) — and may not be a link or too large.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { UserError } from '../../src/errors.js';
import { validateRegistryText } from '../../src/templates/index.js';
import { readRegistryJson } from '../../src/templates/registries/index.js';
import { runCli, tempDir } from '../helpers/cli.js';
import { userDirs } from '../publish/helpers.js';

const entry = (over: Record<string, unknown>) => ({ id: 'ts/x', kind: 'component', language: 'ts', group: 'default', description: 'd', ...over });

async function rejected(value: unknown): Promise<UserError> {
  const err = await validateRegistryText(JSON.stringify(value, null, 2), 'registry.json').then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(UserError);
  return err as UserError;
}

describe('registry.json entries', () => {
  it.each(['/home/you/.ssh', './private', '../x', '~/secrets', 'file:///srv/private.git', 'FILE:///x', 'C:\\\\Users\\\\you'])('source %s (local) is refused', async (source) => {
    const err = await rejected({ version: 1, templates: [entry({ source })] });
    expect(err.message).toBe('templates[0].source: must be a remote source (a hosted shorthand or a git URL), not a local path or file: URL');
    expect(err.location).toMatchObject({ file: 'registry.json', line: 10, column: 17 });
  });

  it('remote sources pass', async () => {
    for (const source of ['github:owner/repo/templates/ts/x#v1', 'https://git.example.com/t.git//ts/x#v2', 'git@host:team/t.git//ts/x', 'ssh://git@host/t.git']) {
      await expect(validateRegistryText(JSON.stringify({ version: 1, templates: [entry({ source })] }), 'r.json')).resolves.toBeTruthy();
    }
  });

  it.each([
    ['description', { description: 'd'.repeat(4097) }, 'must NOT have more than 4096 characters'],
    ['group', { group: 'g'.repeat(101) }, 'must NOT have more than 100 characters'],
    ['path', { path: `${'p/'.repeat(600)}x` }, 'must NOT have more than 1024 characters'],
  ])('an oversized %s is refused', async (field, over, message) => {
    const err = await rejected({ version: 1, templates: [entry({ path: 'templates/x', ...over })] });
    expect(err.message).toBe(`templates[0].${field}: ${message}`);
  });

  it('too many entries, or a file over 8 MiB, is refused', async () => {
    const many = Array.from({ length: 10_001 }, (_, i) => entry({ id: `ts/x${i}`, path: `t/${i}` }));
    expect((await rejected({ version: 1, templates: many })).message).toBe('templates: must NOT have more than 10000 items');
    const big = `{"version": 1, "templates": [], "$schema": "${'x'.repeat(8 * 1024 * 1024)}"}`;
    await expect(validateRegistryText(big, 'registry.json')).rejects.toThrow(/registry file is larger than 8 MiB/);
  });
});

describe('registry.json itself', () => {
  it('may not be a symbolic link (it would make us read and echo any file)', async () => {
    const root = tempDir('cga-reg-link-');
    symlinkSync('/etc/hostname', join(root, 'registry.json'));
    await expect(readRegistryJson(root)).rejects.toThrow(/registry\.json at the root of .* is not a regular file/);
  });

  it('registry add of a registry whose entry points at your files: refused, nothing remembered', () => {
    const dirs = userDirs();
    const repo = join(dirs.base, 'evil-registry');
    mkdirSync(repo);
    writeFileSync(join(repo, 'registry.json'), JSON.stringify({ version: 1, templates: [entry({ source: `${dirs.env.HOME}/.ssh` })] }, null, 2));
    execFileSync('git', ['init', '-q', repo]);
    const r = runCli(['registry', 'add', 'evil', repo], { cwd: dirs.base, env: dirs.env });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^error: .*registry\.json:10:17: templates\[0\]\.source: must be a remote source/);
    expect(runCli(['registry', 'list'], { cwd: dirs.base, env: dirs.env }).stdout).not.toContain('evil');
  });
});
