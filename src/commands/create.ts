/**
 * Create an application: every answer is known before this runs (flags or prompts, in cli/).
 * 1. check the target folder, 2. plan every file in memory, 3. dry run: print the plan and stop,
 * 4. write the plan (a transaction), 5. generate wit-generated and clients, 6. git, 7. install,
 * 8. next steps. A failure in 4–5 removes what this run created.
 */
import { existsSync, readdirSync, rmSync } from 'node:fs';
import { basename, relative, resolve } from 'node:path';
import { spawn } from 'node:child_process';
import { UserError } from '../errors.js';
import { applyPlan, describePlan } from '../fs/stage.js';
import type { PlannedFile } from '../templates/index.js';
import { initRepository } from '../git/index.js';
import type { Reporter } from './report.js';
import { detectPackageManager, installCommand, type PackageManager } from './shared/package-manager.js';

export interface ComponentRequest {
  name: string;
  /** Registry id or shorthand (`ts`, `ts/default`, `rust`, `ts/caller`). */
  template: string;
  /** For caller templates: the component it calls (another request's name, or its own). */
  target?: string;
}

/** A worker-to-worker dependency written after the components. */
export interface DependencyRequest {
  caller: string;
  /** May equal `caller`: a self-dependency. */
  target: string;
  type: 'wasm-rpc' | 'static-wasm-rpc';
}

export interface CreateOptions {
  /** Target folder (absolute). */
  dir: string;
  components: ComponentRequest[];
  /** Extra dependencies (a caller template's own dependency on its target is implied). */
  dependencies?: DependencyRequest[];
  git: boolean;
  install: boolean;
  overwrite: boolean;
  dryRun: boolean;
  packageManager?: PackageManager;
}

export interface CreateResult {
  files: { path: string; action: string }[];
  dryRun: boolean;
}

/** Folder contents that do not make a folder "non-empty" (as create-vite, `.git` alone is fine). */
const IGNORABLE = new Set(['.git', '.DS_Store', 'Thumbs.db']);

export function isEmptyDir(dir: string): boolean {
  return !existsSync(dir) || readdirSync(dir).every((f) => IGNORABLE.has(f));
}

/** The folder name turned into a WIT identifier (the default namespace), or undefined. */
export function witIdentifierFromFolder(dir: string): string | undefined {
  const id = basename(resolve(dir))
    .replace(/([a-z0-9])([A-Z])/g, '$1-$2')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .replace(/-(?=\d)/g, '');
  return /^[a-z][a-z0-9]*(-[a-z][a-z0-9]*)*$/.test(id) ? id : undefined;
}

export async function planApp(dir: string, components: ComponentRequest[]): Promise<PlannedFile[]> {
  const { loadBundledRegistry, findComponentTemplate, planComponent, validateComponentName, addToPlan } = await import('../templates/index.js');
  const registry = loadBundledRegistry();
  let planned: PlannedFile[] = [];
  const seen = new Set<string>();
  for (const c of components) {
    const invalid = validateComponentName(c.name);
    if (invalid) throw new UserError(invalid);
    if (seen.has(c.name)) throw new UserError(`component ${c.name} is given twice`, { hint: 'Give each --component a different name.' });
    seen.add(c.name);
    const template = findComponentTemplate(registry, c.template);
    const alreadyPlanned = new Set(planned.map((f) => f.path));
    planned = addToPlan(planned, await planComponent({ appRoot: dir, template, componentName: c.name, registry, alreadyPlanned }));
  }
  return planned;
}

export async function createApp(options: CreateOptions, report: Reporter): Promise<CreateResult> {
  const { dir } = options;
  const existed = existsSync(dir);
  const display = relative(process.cwd(), dir) || '.';

  // 1. The target folder.
  if (existed && !isEmptyDir(dir) && !options.overwrite) {
    throw new UserError(`folder ${display} is not empty`, {
      hint: 'Use --overwrite to write into it (only files the templates write are touched), or choose another folder.',
    });
  }

  // 2. Every file, rendered in memory.
  const plan = await planApp(dir, options.components);

  // 3. Dry run.
  if (options.dryRun) {
    const files = describePlan(dir, plan);
    report.info(`Dry run: ${files.filter((f) => f.action !== 'skip' && f.action !== 'unchanged').length} files would be written in ${display} (nothing written):`);
    for (const f of files) report.info(`  ${f.action.padEnd(9)} ${f.path}`);
    return { files, dryRun: true };
  }

  // 4. Write.
  const applied = applyPlan(dir, plan);

  // 5. Dependencies, then wit-generated and clients, as after a `golem app build`.
  try {
    await writeDependencies(dir, dependencyEdges(options), report);
    await report.task('Generating wit-generated and clients', () => generateAll(dir), (s) => `Generated ${s} files (wit-generated, golem-temp)`);
  } catch (err) {
    applied.rollback();
    if (!existed) rmSync(dir, { recursive: true, force: true });
    throw err;
  }
  report.step(`Created ${options.components.map((c) => c.name).join(', ')} in ${display}`);

  // 6. git.
  if (options.git) {
    const git = await initRepository(dir, 'Initial commit from create-golem-app');
    if (git.status === 'committed') report.step('Initialised a git repository with a first commit');
    else if (git.status === 'git-missing') report.warn('git was not found; skipped creating a repository');
    else if (git.status === 'failed') report.warn(`git failed (${git.reason}); the app is written, without a repository`);
  }

  // 7. Install.
  const pm = options.packageManager ?? detectPackageManager();
  const hasNodePackage = plan.some((f) => f.path === 'package.json');
  if (options.install && hasNodePackage) {
    const [cmd, ...args] = installCommand(pm);
    await report.task(`Installing dependencies with ${pm}`, () => run(cmd!, args, dir), () => `Installed dependencies with ${pm}`);
  }

  // 8. Next steps.
  report.info('\nNext steps:');
  if (display !== '.') report.info(`  cd ${display.includes(' ') ? JSON.stringify(display) : display}`);
  if (hasNodePackage && !options.install) report.info(`  ${installCommand(pm).join(' ')}`);
  report.info('  golem app build');
  return { files: applied.actions, dryRun: false };
}

/** Every edge: the extra ones asked for, plus each caller template's dependency on its target. */
export function dependencyEdges(options: Pick<CreateOptions, 'components' | 'dependencies'>): DependencyRequest[] {
  const edges = [
    ...options.components.filter((c) => c.target).map((c): DependencyRequest => ({ caller: c.name, target: c.target!, type: 'wasm-rpc' })),
    ...(options.dependencies ?? []),
  ];
  const names = new Set(options.components.map((c) => c.name));
  for (const e of edges) {
    const unknown = [e.caller, e.target].find((n) => !names.has(n));
    if (unknown) throw new UserError(`dependency ${e.caller} → ${e.target} names ${unknown}, which is not one of the components`, { hint: `Components: ${[...names].join(', ')}.` });
  }
  return edges.filter((e, i) => edges.findIndex((o) => o.caller === e.caller && o.target === e.target) === i);
}

async function writeDependencies(dir: string, edges: DependencyRequest[], report: Reporter): Promise<void> {
  if (edges.length === 0) return;
  const { loadApp, addDependency, writeEdits } = await import('../app/index.js');
  for (const e of edges) {
    const edit = addDependency(loadApp(dir, { explicitRoot: true }), e.caller, e.target, e.type);
    writeEdits([edit]);
    report.step(`Added dependency ${e.caller} → ${e.target} (${e.type})`);
  }
}

async function generateAll(dir: string): Promise<number> {
  const [{ loadApp }, { generate }, { silentReporter }] = await Promise.all([
    import('../app/index.js'),
    import('../rpc/index.js'),
    import('./report.js'),
  ]);
  const summary = await generate(loadApp(dir), {}, silentReporter);
  return summary.added.length + summary.changed.length;
}

function run(cmd: string, args: string[], cwd: string): Promise<void> {
  return new Promise((done, fail) => {
    const child = spawn(cmd, args, { cwd, stdio: ['ignore', 'ignore', 'pipe'], shell: process.platform === 'win32' });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', (e) => fail(new UserError(`could not run ${cmd}: ${e.message}`, { hint: `Run '${[cmd, ...args].join(' ')}' yourself in ${cwd}.` })));
    child.on('exit', (code) =>
      code === 0
        ? done()
        : fail(new UserError(`${[cmd, ...args].join(' ')} failed (exit ${code}): ${stderr.trim().split('\n').pop() ?? ''}`, { hint: 'The app is written; fix the problem and run the install again.' })),
    );
  });
}
