/**
 * Create an application. Every answer is known before this runs (flags or prompts, in cli/).
 * `planCreate`: 1. check the target folder, 2. resolve the templates, 3. plan every file in
 * memory in one app session — template files (callers rendered from their targets' WIT, read
 * from the plan), the dependency edits of golem.yaml (the app re-validated from the planned
 * bytes), generated WIT and clients. `commitCreate`: 4. write the plan as one transaction
 * (the folder created exclusively, or locked when it exists), 5. git init and the first commit
 * inside that transaction (an interrupted create leaves nothing, or the whole app with its
 * commit), 6. install (scripts off when install-time files come from a template that is not
 * bundled, unless `allowScripts`: shared/install.ts), 7. next steps. A dry run and the
 * interactive preview show the plan that
 * `commitCreate` then writes.
 */
import { requireIncluded } from './shared/included.js';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { addDependency, nearestManifestDir } from '../app/index.js';
import { AppSession } from '../app/session.js';
import { UserError } from '../errors.js';
import { pausePoint } from '../fs/interrupt.js';
import { commitPlan, type FileOutcome, inspectPlan } from '../fs/plan.js';
import { isTransactionFile, TRANSACTION_FILE_GLOBS, Transaction } from '../fs/transaction.js';
import { type Reporter, silentReporter } from '../report.js';
import { type DeclarationsOutcome, Generation, summarize } from '../rpc/index.js';
import { addToPlan, attributeToTemplate, type PlannedFile, planComponent, type Registry, type TemplateEntry, validateComponentName } from '../templates/index.js';
import { slug, transliterate } from '../text/case.js';
import { appRelative, type CreatedComponent } from './shared/app-overview.js';
import { callerTarget } from './shared/caller-target.js';
import { declarationsNextSteps, planTypeDeclarations, reportDeclarations } from './shared/declarations.js';
import { reportDryRun } from './shared/dry-run.js';
import { describeInstallTimeFiles, type InstallTimeFile, installRun, installTimeFiles, isInstallTimeFile, runInstall } from './shared/install.js';
import { exampleInvocation, needsInstall, reportNextSteps } from './shared/next-steps.js';
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
  /** `git init` and a first commit (default: yes). */
  git?: boolean;
  /** Run the package manager's install (default: no). */
  install?: boolean;
  /**
   * Consent to the install-time code of templates that are not bundled (`--allow-scripts`, or
   * yes at the prompt). Without it, such an app is installed with scripts off.
   */
  allowScripts?: boolean;
  /** Write into a non-empty folder, keeping what is there (default: no). */
  overwrite?: boolean;
  /** Plan and list, write nothing (default: no). */
  dryRun?: boolean;
  offline?: boolean;
  /** `--registry`: one more template registry for this run. */
  registry?: string;
  /** Inactivity timeout of every download, in seconds (default 60). */
  timeoutSeconds?: number;
  packageManager?: PackageManager;
}

/**
 * Folder contents that do not make a folder "non-empty" (as create-vite, `.git` alone is fine;
 * a lock or journal is the transaction's, undone or waited for before anything is written).
 */
const IGNORABLE = new Set(['.git', '.DS_Store', 'Thumbs.db']);

export function isEmptyDir(dir: string): boolean {
  return !existsSync(dir) || readdirSync(dir).every((f) => IGNORABLE.has(f) || isTransactionFile(f));
}

/** The folder name turned into a WIT identifier (the default namespace), or undefined. */
export function witIdentifierFromFolder(dir: string): string | undefined {
  // Accents dropped first (`Café` → `cafe`); camelCase folder names split into words; a digit
  // joins the word before it (`app-2` → `app2`).
  const id = slug(transliterate(basename(resolve(dir))).replace(/([a-z0-9])([A-Z])/g, '$1-$2')).replace(/-(?=\d)/g, '');
  return /^[a-z][a-z0-9]*(-[a-z][a-z0-9]*)*$/.test(id) ? id : undefined;
}

/** The template of a component given no template (`--template`'s default). */
export const DEFAULT_TEMPLATE = 'ts';

/** The default component: a TypeScript counter provider named `<app>:provider`. */
export function defaultComponent(dir: string, template = DEFAULT_TEMPLATE): ComponentRequest {
  const ns = witIdentifierFromFolder(dir);
  if (!ns) {
    throw new UserError(`the folder name '${basename(dir)}' has nothing a WIT namespace can be made of (letters a-z, then letters, digits and single dashes)`, {
      code: 'E_INPUT',
      hint: 'Name the component yourself, e.g. --component my-app:provider.',
    });
  }
  return { name: `${ns}:provider`, template };
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
    if (invalid) throw new UserError(invalid, { code: 'E_APP' });
    if (names.has(c.name)) throw new UserError(`component ${c.name} is given twice`, { code: 'E_APP', hint: 'Give each component a different name.' });
    names.add(c.name);
  }
  const resolved: ResolvedComponent[] = [];
  const targets = [...(options.callerTargets ?? [])];
  for (const request of options.components) {
    const { template: entry, registry } = await resolveTemplate(request.template, {
      cwd: options.cwd ?? process.cwd(),
      offline: options.offline,
      registry: options.registry,
      report,
      ...(options.timeoutSeconds === undefined ? {} : { timeoutSeconds: options.timeoutSeconds }),
    });
    const c = entry.role === 'caller' && request.target === undefined && targets.length > 0 ? { ...request, target: targets.shift()! } : request;
    if (c.target !== undefined && entry.role !== 'caller') {
      throw new UserError(`${c.name}: a target is for caller templates; ${entry.id} is not one`, {
        code: 'E_APP',
        hint: 'Use a caller template such as ts/caller, or add a dependency instead.',
      });
    }
    if (entry.role === 'caller' && c.target === undefined) {
      throw new UserError(`${c.name} uses the caller template ${entry.id}, which needs a target`, {
        code: 'E_APP',
        hint: 'Name the component it calls, e.g. --target example:provider.',
      });
    }
    if (c.target !== undefined && (c.target === c.name || !names.has(c.target))) {
      throw new UserError(`${c.name}: target ${c.target} must be another component of this app`, {
        code: 'E_APP',
        hint: `Components: ${[...names].join(', ')}. For a component that calls itself, add a dependency on itself.`,
      });
    }
    resolved.push({ ...c, entry, registry });
  }
  if (targets.length > 0)
    throw new UserError(`--target ${targets[0]} has no caller component to go with`, {
      code: 'E_APP',
      hint: 'Give one --target per component created from a caller template, in order.',
    });
  // Targets first: a caller template is rendered from its target's WIT.
  const ordered: ResolvedComponent[] = [];
  const place = (c: ResolvedComponent, path: string[]) => {
    if (ordered.includes(c)) return;
    if (path.includes(c.name)) throw new UserError(`caller templates target each other in a cycle: ${[...path, c.name].join(' → ')}`, { code: 'E_APP' });
    const target = c.target && resolved.find((o) => o.name === c.target);
    if (target) place(target, [...path, c.name]);
    ordered.push(c);
  };
  for (const c of resolved) place(c, []);
  return ordered;
}

/** The whole app, planned: nothing is written until `commitCreate`. */
export interface CreatePlan {
  options: CreateOptions;
  session: AppSession;
  /** Every edge: the caller templates' own, then the extra ones. */
  edges: DependencyRequest[];
  /** Paths that client generation planned. */
  generated: string[];
  /** What the commit will do to each file (the dry-run listing and the interactive preview). */
  readonly files: FileOutcome[];
  /** The app gets a package.json, or has one (so an install makes sense). */
  hasNodePackage: boolean;
  /** Files written from templates that are not bundled which a package manager acts on (consent for --install). */
  readonly installTimeFiles: InstallTimeFile[];
  /** The languages of the components, in order (next steps name what each one's build needs). */
  languages: string[];
  /** The next steps' example call (`golem worker invoke …`), when a component has one. */
  invoke?: string;
  /** The components as created: template id, language, folder (app-relative). */
  created: CreatedComponent[];
  /** TypeScript declarations: planned when the folder already has the packages, else waiting for them. */
  declarations: DeclarationsOutcome;
}

/** Every edge: the extra ones asked for, plus each caller template's dependency on its target. */
export function dependencyEdges(components: ComponentRequest[], extra: DependencyRequest[]): DependencyRequest[] {
  const edges = [...components.filter((c) => c.target).map((c): DependencyRequest => ({ caller: c.name, target: c.target!, type: 'wasm-rpc' })), ...extra];
  const names = new Set(components.map((c) => c.name));
  for (const e of edges) {
    const unknown = [e.caller, e.target].find((n) => !names.has(n));
    if (unknown)
      throw new UserError(`dependency ${e.caller} → ${e.target} names ${unknown}, which is not one of the components`, {
        code: 'E_APP',
        hint: `Components: ${[...names].join(', ')}.`,
      });
  }
  return edges.filter((e, i) => edges.findIndex((o) => o.caller === e.caller && o.target === e.target) === i);
}

/**
 * As `golem app new`: no app inside another (adding to the app itself is `--overwrite` on its
 * root). Checked before anything is asked or planned.
 */
export function refuseNestedApp(dir: string | undefined, cwd: string, defaultDir: string): void {
  const enclosing = nearestManifestDir(dirname(resolve(cwd, dir ?? defaultDir)));
  if (!enclosing) return;
  const at = `the Golem app at ${enclosing}`;
  throw new UserError(dir === undefined ? `the current folder is inside ${at}` : `${relative(cwd, resolve(cwd, dir)) || '.'} would be inside ${at}`, {
    code: 'E_APP',
    hint: "Add components to that app with 'create-golem-app add component', or create the new app elsewhere.",
  });
}

/** Checks the folder, then plans the whole app in one session; nothing is written. */
export async function planCreate(options: CreateOptions, report: Reporter = silentReporter): Promise<CreatePlan> {
  const { dir } = options;
  const display = relative(options.cwd ?? process.cwd(), dir) || '.';

  // 1. The target folder (what an interrupted create left in it undone first).
  if (!options.dryRun && existsSync(dir) && statSync(dir).isDirectory()) await Transaction.recoverIn(dir, (m) => report.warn(m));
  if (existsSync(dir) && !statSync(dir).isDirectory()) {
    throw new UserError(`${display} exists and is not a folder`, { code: 'E_CONFLICT', hint: 'Choose another name for the app folder.' });
  }
  refuseNestedApp(dir, options.cwd ?? process.cwd(), dir);
  if (!isEmptyDir(dir) && !options.overwrite) {
    throw new UserError(`folder ${display} is not empty`, {
      code: 'E_CONFLICT',
      hint: 'Use --overwrite to write into it (existing files are kept, nothing is deleted), or choose another folder.',
    });
  }

  // 2. Templates. 3. Every file, in memory: providers first, then callers rendered from their targets' WIT.
  const components = await resolveComponents(options, report);
  const edges = dependencyEdges(components, options.dependencies ?? []);
  const session = AppSession.create(dir);
  const generation = new Generation(() => session.app, session.plan);
  const untrusted: PlannedFile[] = [];
  let generated: string[];
  try {
    for (const c of [...components.filter((c) => !c.target), ...components.filter((c) => c.target)]) {
      const target = c.target === undefined ? undefined : callerTarget(generation, session.app.components.get(c.target)!);
      const components = () => session.app.components;
      const planned = await planComponent({ into: session.plan, template: c.entry, componentName: c.name, registry: c.registry, components, ...(target ? { target } : {}) });
      addToPlan(session.plan, planned);
      requireIncluded(
        session.app,
        c.name,
        planned.map((f) => f.path),
      );
      untrusted.push(...planned.filter((f) => f.untrusted));
    }
    void session.app; // the app as the templates make it (their declared paths included), checked before anything else
    for (const e of edges) {
      session.edit(addDependency(session.app, e.caller, e.target, e.type, { source: session }));
      void session.app; // the edited manifests, re-validated from the planned bytes
    }
    await generation.prepare({ offline: options.offline, report, ...(options.timeoutSeconds === undefined ? {} : { timeoutSeconds: options.timeoutSeconds }) });
    generated = generation.planInto();
  } catch (err) {
    // A problem in what a template wrote (a path its golem.yaml declares, its WIT) is the template's.
    throw attributeToTemplate(err, session.plan);
  }
  const declarations = await planTypeDeclarations(session);
  generated.push(...declarations.paths);
  const invoke = exampleInvocation(
    generation,
    components.map((c) => session.app.components.get(c.name)!),
  );
  let files: FileOutcome[] | undefined;
  let installTime: InstallTimeFile[] | undefined;
  const created = components.map((c) => ({ name: c.name, template: c.entry.id, language: c.entry.language, folder: appRelative(dir, session.app.components.get(c.name)!.dir) }));
  const plan: CreatePlan = {
    options,
    session,
    created,
    edges,
    generated,
    declarations,
    get files() {
      files ??= inspectPlan(session.plan); // only when shown: a plain run goes straight to the commit
      return files;
    },
    get installTimeFiles() {
      // What the commit writes from them: the file each path ends up with, unless an existing one is kept.
      installTime ??= installTimeFiles(
        untrusted.filter((f) => isInstallTimeFile(f.path) && session.plan.planned(f.path) === f).filter((f) => plan.files.find((o) => o.path === f.path)?.action !== 'skip'),
      );
      return installTime;
    },
    hasNodePackage: session.plan.isFile(join(dir, 'package.json')),
    languages: [...new Set(components.map((c) => c.entry.language))],
    ...(invoke ? { invoke } : {}),
  };
  return plan;
}

export interface CreateResult {
  files: FileOutcome[];
  dryRun: boolean;
  /** What `--json` prints (schemas/create.schema.json). */
  summary: CreateSummary;
}

export interface CreateSummary {
  /** The app root (absolute). */
  app: string;
  dryRun: boolean;
  components: CreatedComponent[];
  dependencies: DependencyRequest[];
  files: FileOutcome[];
  /** `committed`, `skipped` (--no-git or a dry run), `inside-work-tree`, `git-missing` or `failed`. */
  git: 'committed' | 'skipped' | 'inside-work-tree' | 'git-missing' | 'failed';
  installed: boolean;
}

const createSummary = (plan: CreatePlan, files: FileOutcome[], dryRun: boolean, git: CreateSummary['git'], installed: boolean): CreateSummary => ({
  app: plan.options.dir,
  dryRun,
  components: plan.created,
  dependencies: plan.edges,
  files,
  git,
  installed,
});

/** Writes a planned app and its first commit (one transaction), then install and the next steps. */
export async function commitCreate(plan: CreatePlan, report: Reporter = silentReporter): Promise<CreateResult> {
  const { options, session } = plan;
  const { dir } = options;
  const display = relative(options.cwd ?? process.cwd(), dir) || '.';

  // What --install would act on from templates that are not bundled, decided before the write.
  const risky = options.install === true && plan.hasNodePackage ? plan.installTimeFiles : [];

  // 4. Write, 5. git: one transaction, undone as a whole on failure or interruption.
  const tx = await Transaction.begin(dir, { create: true, onRecover: (m) => report.warn(m) });
  let gitStatus: CreateSummary['git'] = 'skipped';
  const commit = await tx.run(async () => {
    // Checked again under the lock: another run may have written here since the plan was made.
    if (!options.overwrite && !isEmptyDir(dir)) {
      throw new UserError(`folder ${display} is not empty`, {
        code: 'E_CONFLICT',
        hint: 'Another run wrote into it meanwhile; nothing was changed. Choose another folder.',
      });
    }
    session.plan.transaction = tx;
    const gitDir = join(dir, '.git');
    if (options.git !== false) tx.willCreate(gitDir);
    const commit = commitPlan(session.plan);
    for (const e of plan.edges) report.step(`Added dependency ${e.caller} → ${e.target} (${e.type})`);
    const summary = summarize(plan.generated, commit.outcomes);
    report.step(`Generated ${summary.added.length + summary.changed.length} files (wit-generated, golem-temp)`);
    report.step(`Created ${options.components.map((c) => c.name).join(', ')} in ${display}`);
    await pausePoint('applied');
    if (options.git !== false) {
      const { initRepository } = await import('../git/index.js');
      const git = await tx.step(() => initRepository(dir, 'Initial commit from create-golem-app', { exclude: TRANSACTION_FILE_GLOBS }));
      gitStatus = git.status;
      if (git.status === 'committed') report.step('Initialised a git repository with a first commit');
      else if (git.status === 'git-missing') report.warn('git was not found; skipped creating a repository');
      else if (git.status === 'failed') {
        tx.removeLater(gitDir); // no half-made repository: the app without one
        report.warn(`git failed (${git.reason}); the app is written, without a repository`);
      }
    }
    return commit;
  });

  // 6. Install.
  const pm = options.packageManager ?? detectPackageManager();
  const installs = options.install === true && plan.hasNodePackage;
  if (installs) {
    const install = installRun(pm, risky.length > 0 && !options.allowScripts);
    if (install.scriptsOff) {
      report.warn(
        `install-time files from templates that are not bundled: ${describeInstallTimeFiles(risky).join(' · ')}. Installing with scripts off (${install.argv.join(' ')}); run the install yourself once you trust them, or pass --allow-scripts.`,
      );
    }
    await report.task(
      `Installing dependencies with ${pm}${install.scriptsOff ? ' (scripts off)' : ''}`,
      () => runInstall(install, dir),
      () => `Installed dependencies with ${pm}${install.scriptsOff ? ' (scripts off)' : ''}`,
    );
    await completeDeclarations(plan, report);
  }

  // 7. Next steps.
  reportNextSteps(report, {
    cd: display,
    ...(needsInstall(session.plan, dir, options.install === true) ? { install: installCommand(pm).join(' ') } : {}),
    ...(options.install ? {} : { afterInstall: declarationsNextSteps(plan.declarations.missingPackages) }),
    languages: plan.languages,
    ...(plan.invoke ? { invoke: plan.invoke } : {}),
  });
  return { files: commit.outcomes, dryRun: false, summary: createSummary(plan, commit.outcomes, false, gitStatus, installs) };
}

/** After the install: the TypeScript declarations that waited for the packages, as their own transaction (the app locked again). */
async function completeDeclarations(plan: CreatePlan, report: Reporter): Promise<void> {
  if (plan.declarations.missingPackages.length === 0) return;
  const session = await AppSession.openForWrite(plan.options.dir, plan.options.dir, { onRecover: (m) => report.warn(m) });
  const declarations = await session.transaction.run(async () => {
    const declarations = await planTypeDeclarations(session, plan.declarations.missingPackages);
    commitPlan(session.plan);
    return declarations;
  });
  if (declarations.generated.length > 0) report.step(`Generated the TypeScript declarations (src/generated) of ${declarations.generated.join(', ')}`);
  reportDeclarations(declarations, report);
}

/** Plans the app; a dry run prints the plan, otherwise it is written. */
export async function createApp(options: CreateOptions, report: Reporter = silentReporter): Promise<CreateResult> {
  const plan = await planCreate(options, report);
  return options.dryRun ? printDryRun(plan, report) : commitCreate(plan, report);
}

/** The `--dry-run` listing: what the commit would do to each file, and the dependencies. */
export function printDryRun(plan: CreatePlan, report: Reporter = silentReporter): CreateResult {
  const { files } = plan;
  reportDryRun(report, files, relative(plan.options.cwd ?? process.cwd(), plan.options.dir) || '.');
  for (const e of plan.edges) report.info(`  dependency ${e.caller} → ${e.target} (${e.type})`);
  return { files, dryRun: true, summary: createSummary(plan, files, true, 'skipped', false) };
}
