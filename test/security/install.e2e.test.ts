/**
 * `--install` and install-time code from templates that are not bundled. Stand-in package
 * managers on PATH record their arguments and the variables that switch scripts off, and do what
 * the real ones would: run lifecycle scripts unless told not to, run a `.pnpmfile.cjs` unless
 * `--ignore-pnpmfile`, hand over to a `yarnPath` unless YARN_IGNORE_PATH. A marker file proves
 * whether any of it ran.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli, tempDir } from '../helpers/cli.js';
import { stopTerminals, Terminal } from '../interactive/terminal.js';
import { cleanGit, executable, hostileTemplate, marker } from './hostile.js';

afterAll(stopTerminals);

const STAND_IN = `#!/usr/bin/env node
const fs = require('fs'), path = require('path'), cp = require('child_process');
const pm = path.basename(process.argv[1]);
const args = process.argv.slice(2);
const env = Object.fromEntries(['YARN_ENABLE_SCRIPTS', 'YARN_IGNORE_PATH'].filter((k) => process.env[k] !== undefined).map((k) => [k, process.env[k]]));
fs.appendFileSync('.pm-calls', JSON.stringify({ pm, args, env }) + '\\n');
const read = (f) => (fs.existsSync(f) ? fs.readFileSync(f, 'utf8') : undefined);
if (pm === 'yarn' && process.env.YARN_IGNORE_PATH !== '1') {
  const yarnPath = /^yarnPath:\\s*(\\S+)/m.exec(read('.yarnrc.yml') ?? '')?.[1] ?? /^yarn-path\\s+"?([^"\\n]+)/m.exec(read('.yarnrc') ?? '')?.[1];
  if (yarnPath) { require(path.resolve(yarnPath)); process.exit(0); }
}
if (pm === 'pnpm' && !args.includes('--ignore-pnpmfile') && fs.existsSync('.pnpmfile.cjs')) require(path.resolve('.pnpmfile.cjs'));
const scriptsOff = args.includes('--ignore-scripts') || args.includes('--mode=skip-build') || process.env.YARN_ENABLE_SCRIPTS === 'false';
if (!scriptsOff) {
  const walk = (d) => fs.readdirSync(d, { withFileTypes: true }).flatMap((e) => (e.name === 'node_modules' || e.name === '.git' ? [] : e.isDirectory() ? walk(path.join(d, e.name)) : e.name === 'package.json' ? [path.join(d, e.name)] : []));
  for (const file of walk('.')) {
    const scripts = JSON.parse(fs.readFileSync(file, 'utf8')).scripts ?? {};
    for (const s of ['preinstall', 'install', 'postinstall', 'prepare']) if (scripts[s]) cp.execSync(scripts[s], { cwd: path.dirname(file), stdio: 'ignore' });
  }
}
`;

/** A folder with stand-ins for every package manager, to put first on PATH. */
function standIns(): string {
  const bin = tempDir('cga-pm-');
  for (const pm of ['npm', 'pnpm', 'yarn', 'bun']) executable(join(bin, pm), STAND_IN);
  return bin;
}

interface Call {
  pm: string;
  args: string[];
  env: Record<string, string>;
}
const calls = (app: string): Call[] =>
  existsSync(join(app, '.pm-calls'))
    ? readFileSync(join(app, '.pm-calls'), 'utf8')
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l) as Call)
    : [];

/** What each install-time file looks like in a hostile template, with the code it would run. */
function hostileFiles(ran: ReturnType<typeof marker>): Record<string, Record<string, string>> {
  const touch = `require('fs').writeFileSync(${JSON.stringify(ran.path)}, 'ran')`;
  return {
    'package.json': {
      'components-ts/component-name/package.json': JSON.stringify({ name: 'evil', scripts: { postinstall: `node -e "${touch.replace(/"/g, '\\"')}"`, build: 'tsc' } }),
    },
    '.npmrc': { '.npmrc': `node-options=--require ${ran.path}.js\nscript-shell=/bin/sh\n` },
    '.yarnrc.yml': { '.yarnrc.yml': 'yarnPath: .yarn/releases/evil.cjs\nenableScripts: true\n', '.yarn/releases/evil.cjs': touch },
    '.yarnrc': { '.yarnrc': 'yarn-path ".yarn/evil.js"\n', '.yarn/evil.js': touch },
    '.pnpmfile.cjs': { '.pnpmfile.cjs': `${touch};\nmodule.exports = { hooks: {} };\n` },
    'pnpm-workspace.yaml': { 'pnpm-workspace.yaml': "packages:\n  - 'components-ts/*'\nonlyBuiltDependencies:\n  - evil\n" },
    'bunfig.toml': { 'bunfig.toml': `preload = ["${ran.path}.ts"]\n[install]\nregistry = "https://example.invalid"\n` },
  };
}

function create(base: string, template: string, pm: string, extra: string[] = [], userAgent = `${pm}/9.0.0 npm/? node/v20.0.0`) {
  return runCli(['app', '--yes', '--no-git', '--install', '--component', 'evil:payload', '-t', template, ...extra], {
    cwd: base,
    env: { ...cleanGit, PATH: `${standIns()}:${process.env.PATH}`, npm_config_user_agent: userAgent },
  });
}

describe('without a terminal: install-time files of a template that is not bundled → scripts off, and said so', () => {
  it.each([
    ['package.json', 'npm', undefined, ['install', '--ignore-scripts'], {}, 'components-ts/evil-payload/package.json (from ts/evil): postinstall: node -e'],
    ['.npmrc', 'npm', undefined, ['install', '--ignore-scripts'], {}, '.npmrc (from ts/evil): sets node-options, script-shell'],
    ['.pnpmfile.cjs', 'pnpm', undefined, ['install', '--ignore-scripts', '--ignore-pnpmfile'], {}, '.pnpmfile.cjs (from ts/evil): code pnpm runs while installing'],
    [
      'pnpm-workspace.yaml',
      'pnpm',
      undefined,
      ['install', '--ignore-scripts', '--ignore-pnpmfile'],
      {},
      'pnpm-workspace.yaml (from ts/evil): sets packages, onlyBuiltDependencies',
    ],
    [
      '.yarnrc.yml',
      'yarn',
      'yarn/4.1.0 npm/? node/v20.0.0',
      ['install', '--mode=skip-build'],
      { YARN_ENABLE_SCRIPTS: 'false', YARN_IGNORE_PATH: '1' },
      '.yarnrc.yml (from ts/evil): sets yarnPath, enableScripts',
    ],
    ['.yarnrc', 'yarn', 'yarn/1.22.19 npm/? node/v20.0.0', ['install', '--ignore-scripts'], { YARN_IGNORE_PATH: '1' }, '.yarnrc (from ts/evil): sets yarn-path'],
    ['bunfig.toml', 'bun', undefined, ['install', '--ignore-scripts'], {}, 'bunfig.toml (from ts/evil): sets preload, [install], registry'],
  ])('%s (%s)', (file, pm, userAgent, args, env, listed) => {
    const ran = marker();
    const base = tempDir('cga-inst-');
    const r = create(base, hostileTemplate(hostileFiles(ran)[file]), pm, [], userAgent);
    expect(r.code).toBe(0);
    expect(calls(join(base, 'app'))).toEqual([{ pm, args, env }]);
    expect(ran.ran()).toBe(false);
    expect(r.stderr).toContain(listed);
    expect(r.stderr).toMatch(new RegExp(`Installing with scripts off \\(${pm} install [^)]+\\); run the install yourself once you trust them, or pass --allow-scripts\\.`));
    expect(r.stdout).toContain(`Installed dependencies with ${pm} (scripts off)`);
  });

  it('--allow-scripts is consent: the package manager runs as usual, and so do the scripts', () => {
    const ran = marker();
    const base = tempDir('cga-inst-');
    const r = create(base, hostileTemplate(hostileFiles(ran)['package.json']), 'npm', ['--allow-scripts']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(calls(join(base, 'app'))).toEqual([{ pm: 'npm', args: ['install'], env: {} }]);
    expect(ran.ran()).toBe(true);
  });

  it('bundled templates install as usual, with no warning', () => {
    const base = tempDir('cga-inst-');
    const r = runCli(
      ['app', '--yes', '--no-git', '--install', '--component', 'app:provider', '--component', 'app:caller', '-t', 'ts', '-t', 'ts/caller', '--target', 'app:provider'],
      {
        cwd: base,
        env: { PATH: `${standIns()}:${process.env.PATH}`, npm_config_user_agent: 'pnpm/9.1.0' },
      },
    );
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(calls(join(base, 'app'))).toEqual([{ pm: 'pnpm', args: ['install'], env: {} }]);
  });

  it('without --install nothing is run, hostile files or not', () => {
    const ran = marker();
    const base = tempDir('cga-inst-');
    const r = runCli(['app', '--yes', '--no-git', '--component', 'evil:payload', '-t', hostileTemplate(hostileFiles(ran)['package.json'])], {
      cwd: base,
      env: { ...cleanGit, PATH: `${standIns()}:${process.env.PATH}` },
    });
    expect(r.code).toBe(0);
    expect(calls(join(base, 'app'))).toEqual([]);
    expect(ran.ran()).toBe(false);
  });
});

describe('in a terminal the files are listed and the user decides; --yes is not consent', () => {
  const start = (ran: ReturnType<typeof marker>, extra: string[] = []) => {
    const base = tempDir('cga-inst-tty-');
    const template = hostileTemplate({ ...hostileFiles(ran)['package.json'], ...hostileFiles(ran)['.npmrc'] });
    const t = Terminal.start(['app', '--yes', '--no-git', '--install', '--component', 'evil:payload', '-t', template, ...extra], {
      cwd: base,
      env: { ...cleanGit, PATH: `${standIns()}:${process.env.PATH}`, npm_config_user_agent: 'npm/10.0.0 node/v20.0.0' },
    });
    return { t, app: join(base, 'app') };
  };
  const QUESTION = 'Installing with npm can run code from these files. Run it?';

  it.each([
    ['Install with scripts off', [{ pm: 'npm', args: ['install', '--ignore-scripts'], env: {} }], false],
    ['Install and run their scripts', [{ pm: 'npm', args: ['install'], env: {} }], true],
    ['Do not install', [], false],
  ])('%s', async (choice, expected, scriptsRan) => {
    const ran = marker();
    const { t, app } = start(ran);
    try {
      const screen = await t.prompt(QUESTION);
      expect(screen).toContain('Install-time files from templates that are not bundled');
      expect(screen).toContain('components-ts/evil-payload/package.json (from ts/evil): postinstall: node -e');
      expect(screen).toContain('.npmrc (from ts/evil): sets node-options, script-shell');
      expect(existsSync(app)).toBe(false); // asked before anything is written
      await t.select(QUESTION, choice);
      expect(await t.exitCode()).toBe(0);
      expect(calls(app)).toEqual(expected);
      expect(ran.ran()).toBe(scriptsRan);
      if (expected.length === 0) expect(t.transcript()).toMatch(/^ {2}npm install$/m);
    } finally {
      t.close();
    }
  });

  it('cancelling the question writes nothing (exit 130)', async () => {
    const ran = marker();
    const { t, app } = start(ran);
    try {
      await t.answer(QUESTION, 'C-c');
      expect(await t.exitCode()).toBe(130);
      expect(existsSync(app)).toBe(false);
    } finally {
      t.close();
    }
  });

  it('--allow-scripts answers it', async () => {
    const ran = marker();
    const { t, app } = start(ran, ['--allow-scripts']);
    try {
      expect(await t.exitCode()).toBe(0);
      expect(t.transcript()).not.toContain(QUESTION);
      expect(calls(app)).toEqual([{ pm: 'npm', args: ['install'], env: {} }]);
      expect(ran.ran()).toBe(true);
    } finally {
      t.close();
    }
  });
});
