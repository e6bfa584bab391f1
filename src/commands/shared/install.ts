/**
 * The `--install` step of create. The app's package.json and package-manager settings may come
 * from a template that is not bundled (a folder, a download, a registry — golem's own templates
 * included), and installing runs code they name: lifecycle scripts (`postinstall`, `prepare`, …),
 * `.npmrc` `node-options`, `.yarnrc.yml` `yarnPath` and plugins, `.pnpmfile.cjs`, `bunfig.toml`
 * preloads. Such files are listed for the user's consent (asked in cli/create.ts; `--yes` is not
 * consent, `--allow-scripts` is); without it the package manager runs with scripts off:
 * npm, pnpm and bun `--ignore-scripts` (pnpm also `--ignore-pnpmfile`), yarn 1
 * `--ignore-scripts`, yarn 2+ `--mode=skip-build` with `enableScripts` off, and every yarn with
 * `ignorePath` (the template's `yarnPath` is not run).
 */
import { basename } from 'node:path';
import { UserError } from '../../errors.js';
import type { PlannedFile } from '../../templates/index.js';
import { installCommand, type PackageManager } from './package-manager.js';

/** The files a package manager reads from the app and that can make it run code. */
const INSTALL_TIME_NAMES = new Set(['package.json', '.npmrc', '.yarnrc', '.yarnrc.yml', '.pnpmfile.cjs', 'pnpm-workspace.yaml', 'bunfig.toml']);
/** package.json scripts a package manager runs while installing. */
const INSTALL_SCRIPTS = ['preinstall', 'install', 'postinstall', 'prepublish', 'preprepare', 'prepare', 'postprepare', 'dependencies'];

export interface InstallTimeFile {
  /** App-relative. */
  path: string;
  /** The template it comes from. */
  template: string;
  /** What in it can run: `postinstall: node setup.js`, `sets yarnPath`, … */
  details: string[];
}

const clip = (text: string) => (text.length > 120 ? `${text.slice(0, 117)}…` : text);

function details(name: string, content: Buffer): string[] {
  const text = content.toString('utf8');
  if (name === 'package.json') {
    let scripts: unknown;
    try {
      scripts = (JSON.parse(text) as { scripts?: unknown }).scripts;
    } catch {
      return ['not valid JSON'];
    }
    const record = typeof scripts === 'object' && scripts !== null ? (scripts as Record<string, unknown>) : {};
    const found = INSTALL_SCRIPTS.filter((s) => Object.hasOwn(record, s)).map((s) => `${s}: ${clip(String(record[s]))}`);
    return found.length ? found : ['no install scripts'];
  }
  if (name === '.pnpmfile.cjs') return ['code pnpm runs while installing'];
  // Settings files: the names of what they set (`key=value`, `key: value`, `key value`, `[section]`).
  const keys = [...text.matchAll(/^[ \t]*(\[[^\]\n]+\]|[A-Za-z_][\w.-]*)(?=[ \t]*[:=]|[ \t]+\S|[ \t]*$)/gm)].map((m) => m[1]!).filter((k, i, all) => all.indexOf(k) === i);
  return keys.length ? [`sets ${clip(keys.join(', '))}`] : ['sets nothing'];
}

/** A file a package manager acts on when it installs in the app. */
export const isInstallTimeFile = (path: string): boolean => INSTALL_TIME_NAMES.has(basename(path));

/** Planned files (from untrusted templates) as the consent prompt lists them. */
export function installTimeFiles(untrusted: readonly PlannedFile[]): InstallTimeFile[] {
  return untrusted.map((f) => ({ path: f.path, template: f.template, details: details(basename(f.path), f.content) })).sort((a, b) => a.path.localeCompare(b.path));
}

/** One line per file, for the consent prompt and the warning. */
export const describeInstallTimeFiles = (files: readonly InstallTimeFile[]): string[] => files.map((f) => `${f.path} (from ${f.template}): ${f.details.join('; ')}`);

export interface InstallRun {
  argv: string[];
  /** Added to the environment. */
  env: Record<string, string>;
  scriptsOff: boolean;
}

/** yarn's major version from the user agent that launched us (`yarn/1.22.19 npm/? node/…`); 2+ when unknown. */
const yarnMajor = (userAgent: string | undefined): number => Number(/^yarn\/(\d+)/.exec(userAgent ?? '')?.[1] ?? 2);

/** The install command, with scripts off when asked. */
export function installRun(pm: PackageManager, scriptsOff: boolean, userAgent = process.env.npm_config_user_agent): InstallRun {
  if (!scriptsOff) return { argv: installCommand(pm), env: {}, scriptsOff };
  if (pm === 'yarn') {
    return yarnMajor(userAgent) < 2
      ? { argv: ['yarn', 'install', '--ignore-scripts'], env: { YARN_IGNORE_PATH: '1' }, scriptsOff }
      : { argv: ['yarn', 'install', '--mode=skip-build'], env: { YARN_ENABLE_SCRIPTS: 'false', YARN_IGNORE_PATH: '1' }, scriptsOff };
  }
  return { argv: [pm, 'install', '--ignore-scripts', ...(pm === 'pnpm' ? ['--ignore-pnpmfile'] : [])], env: {}, scriptsOff };
}

/** Runs the install in `cwd`; a failure is one line, the app staying written. */
export async function runInstall(run: InstallRun, cwd: string): Promise<void> {
  const { spawn } = await import('node:child_process');
  const [cmd, ...args] = run.argv as [string, ...string[]];
  const shown = run.argv.join(' ');
  return new Promise((done, fail) => {
    const child = spawn(cmd, args, { cwd, env: { ...process.env, ...run.env }, stdio: ['ignore', 'ignore', 'pipe'], shell: process.platform === 'win32' });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', (e) => fail(new UserError(`could not run ${cmd}: ${e.message}`, { code: 'E_INSTALL', hint: `Run '${shown}' yourself in ${cwd}.` })));
    child.on('exit', (code) =>
      code === 0
        ? done()
        : fail(
            new UserError(`${shown} failed (exit ${code}): ${stderr.trim().split('\n').pop() ?? ''}`, {
              code: 'E_INSTALL',
              hint: 'The app is written; fix the problem and run the install again.',
            }),
          ),
    );
  });
}
