/** `templates list` as a command module: filters, JSON rows, a one-off --registry. */
import { cpSync, mkdirSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { templatesList } from '../../src/commands/templates-list.js';
import { silentReporter, type Reporter } from '../../src/report.js';
import { tempApp } from './helpers.js';

function recorder(): { lines: string[]; report: Reporter } {
  const lines: string[] = [];
  return { lines, report: { ...silentReporter, info: (m) => lines.push(m), warn: (m) => lines.push(`warn: ${m}`) } };
}

const emptyEnv = (home: string) => ({ XDG_CONFIG_HOME: join(home, 'config'), HOME: home });

describe('templatesList', () => {
  it('returns every entry; the text lists component templates only', async () => {
    const home = tempApp();
    const { lines, report } = recorder();
    const rows = await templatesList({ cwd: home, env: emptyEnv(home) }, report);
    expect(rows.filter((r) => r.kind === 'common').map((r) => r.id)).toEqual([
      'ts/common',
      'rust/common',
      'go/common',
      'js/common',
      'python/common',
      'moonbit/common',
      'scalajs/common',
      'c/common',
      'zig/common',
    ]);
    expect(lines.join('\n')).not.toContain('common');
  });

  it('says so when nothing matches', async () => {
    const home = tempApp();
    const { lines, report } = recorder();
    await templatesList({ cwd: home, env: emptyEnv(home), language: 'kotlin' }, report);
    expect(lines).toEqual(['No templates match language kotlin.']);
  });

  it('--registry adds a registry for this listing only', async () => {
    const home = tempApp();
    const repo = join(home, 'reg');
    mkdirSync(join(repo, 'templates'), { recursive: true });
    cpSync(fileURLToPath(new URL('../fixtures/templates/golem-tree/rust/rust-app-component-minimal', import.meta.url)), join(repo, 'templates', 'mini'), { recursive: true });
    writeFileSync(
      join(repo, 'registry.json'),
      JSON.stringify({
        version: 1,
        templates: [{ id: 'rust/mini', kind: 'component', language: 'rust', group: 'default', role: 'other', description: 'Minimal', path: 'templates/mini', version: '0.2.0' }],
      }),
    );
    const git = (...args: string[]) => spawnSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.com', ...args], { cwd: repo });
    git('init', '-q');
    git('add', '-A');
    git('commit', '-qm', 'registry');
    const { lines, report } = recorder();
    const rows = await templatesList({ cwd: home, env: emptyEnv(home), registry: `acme=${repo}`, language: 'rust', cacheDir: join(home, 'cache') }, report);
    expect(rows.map((r) => `${r.id} ${r.registry}`)).toContain('acme/rust/mini acme');
    expect(lines).toContainEqual(expect.stringMatching(/^ {2}acme\/rust\/mini@0\.2\.0 +other +Minimal {2}\[registry acme\]$/));
  });
});
