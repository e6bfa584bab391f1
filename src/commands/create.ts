/**
 * Create an application. Every answer is known before this runs (flags or prompts, in cli/):
 * 1. check the target folder, 2. resolve the templates and plan the files in memory,
 * 3. dry run: print the plan and stop, 4. write the plan (a transaction), 5. callers (planned
 * from their targets' WIT) and dependencies, 6. generate wit-generated and clients,
 * 7. git, 8. install, 9. next steps. A failure in 4–6 removes what this run created.
 */
import { existsSync, readdirSync, rmSync, statSync } from 'node:fs';
import { basename, dirname, relative, resolve } from 'node:path';
import { spawn } from 'node:child_process';
import { UserError } from '../errors.js';
import { applyPlan, describePlan, type AppliedPlan } from '../fs/stage.js';
import { addDependency, loadApp, nearestManifestDir, writeEdits } from '../app/index.js';
import { generate } from '../rpc/index.js';
import { addToPlan, buildToolsLine, counterClientModel, languageName, planComponent, validateComponentName, type CallerTarget, type PlannedFile, type Registry, type TemplateEntry } from '../templates/index.js';
import { callerTarget } from './shared/caller-target.js';
import { silentReporter, type Reporter } from '../report.js';
import { detectPackageManager, installCommand, type PackageManager } from './shared/package-manager.js';
import { resolveTemplate } from './shared/resolve-template.js';

export interface ComponentRequest {
  name: string;
  /** Registry id or shorthand (`ts`, `ts/default`, `rust`, `ts/caller`), folder or remote source. */
  template: string;
  /** For caller templates: the component it calls (another component of this run). */
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
  /** Where relative template paths are resolved (default: the current folder). */
  cwd?: string;
  components: ComponentRequest[];
  /** `--target` values, in order, for the caller components that name no target themselves. */
  callerTargets?: string[];
  /** Extra dependencies (a caller template's own dependency on its target is implied). */
  dependencies?: DependencyRequest[];
  git: boolean;
  install: boolean;
  overwrite: boolean;
  dryRun: boolean;
  offline?: boolean;
  /** `--registry`: one more template registry for this run. */
  registry?: string;
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

interface ResolvedComponent extends ComponentRequest {
  entry: TemplateEntry;
  registry: Registry;
}

/** Validates names and targets, resolves templates; callers come after their targets. */
async function resolveComponents(options: CreateOptions, report: Reporter): Promise<ResolvedComponent[]> {
  const names = new Set<string>();
  for (const c of options.components) {
    const invalid = validateComponentName(c.name);
    if (invalid) throw new UserError(invalid);
    if (names.has(c.name)) throw new UserError(`component ${c.name} is given twice`, { hint: 'Give each component a different name.' });
    names.add(c.name);
  }
  const resolved: ResolvedComponent[] = [];
  const targets = [...(options.callerTargets ?? [])];
  for (const request of options.components) {
    const { template: entry, registry } = await resolveTemplate(request.template, { cwd: options.cwd ?? process.cwd(), offline: options.offline, registry: options.registry, report });
    const c = entry.role === 'caller' && request.target === undefined && targets.length > 0 ? { ...request, target: targets.shift()! } : request;
    if (c.target !== undefined && entry.role !== 'caller') {
      throw new UserError(`${c.name}: a target is for caller templates; ${entry.id} is not one`, { hint: 'Use a caller template such as ts/caller, or add a dependency instead.' });
    }
    if (entry.role === 'caller' && c.target === undefined) {
      throw new UserError(`${c.name} uses the caller template ${entry.id}, which needs a target`, { hint: 'Name the component it calls, e.g. --target example:provider.' });
    }
    if (c.target !== undefined && (c.target === c.name || !names.has(c.target))) {
      throw new UserError(`${c.name}: target ${c.target} must be another component of this app`, {
        hint: `Components: ${[...names].join(', ')}. For a component that calls itself, add a dependency on itself.`,
      });
    }
    resolved.push({ ...c, entry, registry });
  }
  if (targets.length > 0) throw new UserError(`--target ${targets[0]} has no caller component to go with`, { hint: 'Give one --target per component created from a caller template, in order.' });
  // Targets first: a caller template is rendered from its target's WIT.
  const ordered: ResolvedComponent[] = [];
  const place = (c: ResolvedComponent, path: string[]) => {
    if (ordered.includes(c)) return;
    if (path.includes(c.name)) throw new UserError(`caller templates target each other in a cycle: ${[...path, c.name].join(' → ')}`);
    const target = c.target && resolved.find((o) => o.name === c.target);
    if (target) place(target, [...path, c.name]);
    ordered.push(c);
  };
  for (const c of resolved) place(c, []);
  return ordered;
}

async function planOne(dir: string, c: ResolvedComponent, plan: PlannedFile[], target?: CallerTarget): Promise<PlannedFile[]> {
  return planComponent({ appRoot: dir, template: c.entry, componentName: c.name, registry: c.registry, alreadyPlanned: new Set(plan.map((f) => f.path)), ...(target ? { target } : {}) });
}

/** Components that do not render from another's WIT, planned; the callers, to plan once their targets exist. */
async function planIndependent(
  options: CreateOptions,
  report: Reporter,
): Promise<{ plan: PlannedFile[]; callers: ResolvedComponent[]; edges: DependencyRequest[]; languages: string[] }> {
  const components = await resolveComponents(options, report);
  const edges = dependencyEdges(components, options.dependencies ?? []);
  let plan: PlannedFile[] = [];
  for (const c of components.filter((c) => !c.target)) plan = addToPlan(plan, await planOne(options.dir, c, plan));
  return { plan, callers: components.filter((c) => c.target), edges, languages: [...new Set(components.map((c) => c.entry.language))] };
}

/** Callers rendered against a counter-shaped stand-in for their target: right paths, for listings. */
async function withPlaceholderCallers(dir: string, plan: PlannedFile[], callers: ResolvedComponent[]): Promise<PlannedFile[]> {
  for (const c of callers) plan = addToPlan(plan, await planOne(dir, c, plan, { componentName: c.target!, client: counterClientModel(c.target!) }));
  return plan;
}

/** Every file the app would get (for summaries and --dry-run); nothing is written. */
export async function planApp(options: CreateOptions, report: Reporter): Promise<PlannedFile[]> {
  const { plan, callers } = await planIndependent(options, report);
  return withPlaceholderCallers(options.dir, plan, callers);
}

/** Every edge: the extra ones asked for, plus each caller template's dependency on its target. */
export function dependencyEdges(components: ComponentRequest[], extra: DependencyRequest[]): DependencyRequest[] {
  const edges = [...components.filter((c) => c.target).map((c): DependencyRequest => ({ caller: c.name, target: c.target!, type: 'wasm-rpc' })), ...extra];
  const names = new Set(components.map((c) => c.name));
  for (const e of edges) {
    const unknown = [e.caller, e.target].find((n) => !names.has(n));
    if (unknown) throw new UserError(`dependency ${e.caller} → ${e.target} names ${unknown}, which is not one of the components`, { hint: `Components: ${[...names].join(', ')}.` });
  }
  return edges.filter((e, i) => edges.findIndex((o) => o.caller === e.caller && o.target === e.target) === i);
}

export async function createApp(options: CreateOptions, report: Reporter): Promise<CreateResult> {
  const { dir } = options;
  const existed = existsSync(dir);
  const display = relative(process.cwd(), dir) || '.';

  // 1. The target folder.
  if (existed && !statSync(dir).isDirectory()) {
    throw new UserError(`${display} exists and is not a folder`, { hint: 'Choose another name for the app folder.' });
  }
  // As `golem app new`: no app inside another (adding to the app itself is `--overwrite` on its root).
  const enclosing = nearestManifestDir(dirname(dir));
  if (enclosing) {
    throw new UserError(`${display} would be inside the Golem app at ${relative(process.cwd(), enclosing) || '.'}`, {
      hint: "Add components to that app with 'create-golem-app add component', or create the new app elsewhere.",
    });
  }
  if (existed && !isEmptyDir(dir) && !options.overwrite) {
    throw new UserError(`folder ${display} is not empty`, {
      hint: 'Use --overwrite to write into it (existing files are kept, nothing is deleted), or choose another folder.',
    });
  }

  // 2. Templates, then every file that does not depend on another component's WIT, in memory.
  const independent = await planIndependent(options, report);
  const { callers, edges } = independent;
  let plan = independent.plan;

  // 3. Dry run.
  if (options.dryRun) {
    const files = describePlan(dir, await withPlaceholderCallers(dir, plan, callers));
    report.info(`Dry run: ${files.filter((f) => f.action !== 'skip' && f.action !== 'unchanged').length} files would be written in ${display} (nothing written):`);
    for (const f of files) report.info(`  ${f.action.padEnd(9)} ${f.path}`);
    for (const e of edges) report.info(`  dependency ${e.caller} → ${e.target} (${e.type})`);
    return { files, dryRun: true };
  }

  // 4–6. Write, then callers and dependencies, then generate; undo everything on failure.
  const applied: AppliedPlan[] = [];
  try {
    applied.push(applyPlan(dir, plan));
    for (const c of callers) {
      const app = loadApp(dir, { explicitRoot: true });
      const target = callerTarget(app, app.components.get(c.target!)!);
      const files = await planOne(dir, c, [], target);
      applied.push(applyPlan(dir, files));
      plan = addToPlan(plan, files);
    }
    for (const e of edges) {
      writeEdits([addDependency(loadApp(dir, { explicitRoot: true }), e.caller, e.target, e.type)], {
        verify: (texts) => loadApp(dir, { explicitRoot: true, overrides: texts }),
      });
      report.step(`Added dependency ${e.caller} → ${e.target} (${e.type})`);
    }
    await report.task('Generating wit-generated and clients', () => generateAll(dir), (n) => `Generated ${n} files (wit-generated, golem-temp)`);
  } catch (err) {
    for (const a of applied.reverse()) a.rollback();
    if (!existed) rmSync(dir, { recursive: true, force: true });
    throw err;
  }
  report.step(`Created ${options.components.map((c) => c.name).join(', ')} in ${display}`);

  // 7. git.
  if (options.git) {
    const { initRepository } = await import('../git/index.js');
    const git = await initRepository(dir, 'Initial commit from create-golem-app');
    if (git.status === 'committed') report.step('Initialised a git repository with a first commit');
    else if (git.status === 'git-missing') report.warn('git was not found; skipped creating a repository');
    else if (git.status === 'failed') report.warn(`git failed (${git.reason}); the app is written, without a repository`);
  }

  // 8. Install.
  const pm = options.packageManager ?? detectPackageManager();
  const hasNodePackage = plan.some((f) => f.path === 'package.json');
  if (options.install && hasNodePackage) {
    const [cmd, ...args] = installCommand(pm);
    await report.task(`Installing dependencies with ${pm}`, () => run(cmd!, args, dir), () => `Installed dependencies with ${pm}`);
  }

  // 9. Next steps.
  report.info('\nNext steps:');
  if (display !== '.') report.info(`  cd ${display.includes(' ') ? JSON.stringify(display) : display}`);
  if (hasNodePackage && !options.install) report.info(`  ${installCommand(pm).join(' ')}`);
  report.info('  golem app build');
  for (const language of independent.languages) {
    const tools = buildToolsLine(language, languageName(language));
    if (tools) report.info(tools);
  }
  return { files: applied.flatMap((a) => a.actions), dryRun: false };
}

async function generateAll(dir: string): Promise<number> {
  const summary = await generate(loadApp(dir, { explicitRoot: true }), {}, silentReporter);
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
        : fail(
            new UserError(`${[cmd, ...args].join(' ')} failed (exit ${code}): ${stderr.trim().split('\n').pop() ?? ''}`, {
              hint: 'The app is written; fix the problem and run the install again.',
            }),
          ),
    );
  });
}
