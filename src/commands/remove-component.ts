/**
 * `remove component <name>`: the one command that deletes user sources. `planRemoveComponent`
 * plans, in one session, the deletion of the component's folder (only a folder that is the
 * component's alone), every dependency on it and of it declared elsewhere, the clients and base
 * WIT generated for it, the build output golem put for it under golem-temp, and the callers'
 * regeneration; the CLI lists that and asks (or takes `--yes`); `commitRemoveComponent` locks the
 * app, plans it again and writes it as one transaction.
 */
import { join, relative } from 'node:path';
import { type AppComponent, type AppDependency, type ComponentType, removeDependencies } from '../app/index.js';
import { requireComponent } from '../app/edit/add-dependency.js';
import { AppSession } from '../app/session.js';
import { UserError } from '../errors.js';
import { commitPlan, type FileOutcome, inspectPlan } from '../fs/plan.js';
import { type Reporter, silentReporter } from '../report.js';
import { type GenerateSummary, Generation, type LibraryOptions, reportGeneration, summarize } from '../rpc/index.js';
import { componentLanguage } from './shared/app-overview.js';
import { reportDryRun } from './shared/dry-run.js';
import { type ManifestChange, planManifestRemovals, type RemovedDependency, removedDependency } from './remove-dependency.js';

export interface RemoveComponentInput {
  /** Where to look for the app (a folder inside it). */
  cwd: string;
  /** `--app <dir>`. */
  app?: string;
  name: string;
  /** The app, already opened (e.g. by the prompts). */
  session?: AppSession;
  /** `--offline`, `--timeout`: fetching the `wasm` binaries of the callers, whose WIT is generated again. */
  network?: LibraryOptions;
}

export interface RemovedComponent {
  name: string;
  language: string | null;
  template: string | null;
  type: ComponentType;
  /** App-relative: the folder deleted with everything in it. */
  folder: string;
}

/** Everything `remove component` would do, planned; nothing is written until `commitRemoveComponent`. */
export interface RemoveComponentPlan {
  cwd: string;
  session: AppSession;
  component: RemovedComponent;
  /** The files in the component's folder (folder-relative): the user's sources among them. */
  files: string[];
  /** Dependencies on it, and of it, that leave other golem.yaml files (its own goes with its folder). */
  dependencies: RemovedDependency[];
  manifests: ManifestChange[];
  /** Components that called it: regenerated without its client. */
  callers: string[];
  /** App-relative paths of generated output planned (removed or regenerated). */
  generated: string[];
  /** How the callers' `wasm` binaries were fetched: the removal planned again under the lock does the same. */
  network?: LibraryOptions;
  /** What the commit will do (computed when asked). */
  readonly outcomes: FileOutcome[];
}

export interface RemoveComponentResult {
  /** The app root (absolute). */
  app: string;
  dryRun: boolean;
  component: RemovedComponent;
  /** How many files its folder held. */
  removedFiles: number;
  dependencies: RemovedDependency[];
  manifests: ManifestChange[];
  callers: string[];
  generated: GenerateSummary;
}

const inside = (folder: string, path: string) => path === folder || path.startsWith(`${folder}/`);

/**
 * The component's folder, when it is the component's alone: not the app root, holding no other
 * component, no other golem.yaml, no template or dependency declaration others rely on, and
 * neither tempDir nor a witDeps folder. Anything else is refused: its sources cannot be told apart.
 */
function ownFolder(session: AppSession, component: AppComponent): string {
  const { app } = session;
  const folder = session.plan.relative(component.dir);
  const refuse = (why: string): never => {
    throw new UserError(`cannot remove ${component.name}: ${why}`, {
      code: 'E_APP',
      location: component.location,
      hint: 'Remove its entry from golem.yaml and its files by hand.',
    });
  };
  if (folder === undefined || folder === '') refuse('it is declared in the root golem.yaml, so its folder is the whole app');
  const own = folder!;
  const rel = (p: string) => session.plan.relative(p) ?? '';
  const other = [...app.components.values()].find((c) => c !== component && (c.manifestPath === component.manifestPath || inside(own, rel(c.dir))));
  if (other) refuse(`its folder ${own}/ also holds ${other.name}`);
  const manifest = app.manifests.find((m) => m !== component.manifestPath && inside(own, rel(m)));
  if (manifest) refuse(`its folder ${own}/ also holds ${rel(manifest)}`);
  const template = [...app.templates.values()].find(
    (t) => t.manifestPath === component.manifestPath && [...app.components.values()].some((c) => c !== component && c.template === t.name),
  );
  if (template) refuse(`its golem.yaml declares the template '${template.name}' that other components use`);
  const foreign = app.dependencies.find((d) => d.manifestPath === component.manifestPath && d.source !== component.name);
  if (foreign) refuse(`its golem.yaml declares dependencies of ${foreign.source}`);
  const shared = [app.tempDir, ...app.witDeps].find((p) => inside(own, rel(p)));
  if (shared) refuse(`its folder ${own}/ holds ${rel(shared)}, which the whole app uses`);
  return own;
}

export async function planRemoveComponent(input: RemoveComponentInput): Promise<RemoveComponentPlan> {
  const session = input.session ?? AppSession.open(input.cwd, input.app);
  const { root } = session;
  const component = requireComponent(session.app, input.name, 'component');
  const folder = ownFolder(session, component);
  const language = componentLanguage(component, session.files) ?? null;
  const files = session.plan.walk(component.dir);

  // Dependencies declared outside its folder: its own (as caller) and every one on it.
  const app = session.app;
  const elsewhere = (d: AppDependency) => d.manifestPath !== component.manifestPath;
  const deps = app.dependencies.filter((d) => elsewhere(d) && (d.source === component.name || d.target === component.name));
  const callers = [...new Set(app.dependencies.filter((d) => d.target === component.name && d.source !== component.name).map((d) => d.source))];
  const manifests = planManifestRemovals(session, removeDependencies(deps, { source: session }), input.cwd, silentReporter);

  // Build output golem writes for it under golem-temp (e.g. linkedWasm) is tool-owned: it goes too.
  const outputs = [component, ...Object.values(component.profiles)].flatMap((p) => [p.componentWasm, p.linkedWasm]).filter((p): p is string => p !== undefined);
  const temp = session.plan.relative(app.tempDir);
  const built = outputs
    .map((p) => session.plan.relative(p))
    .filter((p): p is string => p !== undefined && temp !== undefined && temp !== '' && inside(temp, p) && !inside(folder, p));

  session.plan.removeComponentFolder({ path: folder, component: component.name });
  for (const path of new Set(built)) session.plan.remove({ path, generated: true, pruneUpTo: temp! });
  void session.app; // the app without it, re-validated before anything is written

  const generation = await Generation.load(() => session.app, session.plan, input.network);
  const generated = [...(callers.length ? generation.planInto({ components: callers }) : []), ...generation.planObsoleteOutput(), ...built];
  let outcomes: FileOutcome[] | undefined;
  return {
    cwd: input.cwd,
    session,
    component: { name: component.name, language, template: component.template ?? null, type: component.componentType, folder },
    files,
    dependencies: deps.map((d) => removedDependency(root, d)),
    manifests,
    callers,
    generated,
    ...(input.network ? { network: input.network } : {}),
    get outcomes() {
      outcomes ??= inspectPlan(session.plan);
      return outcomes;
    },
  };
}

/** The sentence every run says first: this command deletes what the user wrote. */
export function deletesSources(plan: RemoveComponentPlan): string {
  const n = plan.files.length;
  return `remove component deletes user sources: the folder ${relative(plan.cwd, join(plan.session.root, plan.component.folder)) || '.'}/ (${n} ${n === 1 ? 'file' : 'files'}) with everything in it.`;
}

/** What goes, as lines: the folder, the dependencies and the lines leaving each golem.yaml, the regenerated callers. */
export function removalLines(plan: RemoveComponentPlan): string[] {
  const cwdRel = (p: string) => relative(plan.cwd, join(plan.session.root, p)) || '.';
  const lines = [`${cwdRel(plan.component.folder)}/  (${plan.files.length} ${plan.files.length === 1 ? 'file' : 'files'}: its sources, its golem.yaml, everything in the folder)`];
  for (const d of plan.dependencies) lines.push(`dependency ${d.caller} → ${d.target ?? d.path ?? d.url} (${d.type}) in ${cwdRel(d.manifest)}`);
  for (const m of plan.manifests) for (const l of m.lines) lines.push(`  ${cwdRel(m.manifest)}:${l.line}  - ${l.text}`);
  const removedOutput = plan.outcomes.filter((o) => o.action === 'remove' && plan.generated.includes(o.path)).length;
  if (removedOutput) lines.push(`${removedOutput} generated ${removedOutput === 1 ? 'file' : 'files'} (its client, its base WIT, its build output)`);
  if (plan.callers.length) lines.push(`then ${plan.callers.join(', ')} ${plan.callers.length === 1 ? 'is' : 'are'} regenerated without its client`);
  return lines;
}

function result(plan: RemoveComponentPlan, outcomes: FileOutcome[], dryRun: boolean): RemoveComponentResult {
  return {
    app: plan.session.root,
    dryRun,
    component: plan.component,
    removedFiles: plan.files.length,
    dependencies: plan.dependencies,
    manifests: plan.manifests,
    callers: plan.callers,
    generated: summarize(plan.generated, outcomes),
  };
}

/** The `--dry-run` listing: what the commit would do to each file; nothing is written. */
export function reportRemovalDryRun(plan: RemoveComponentPlan, report: Reporter = silentReporter): RemoveComponentResult {
  reportDryRun(report, plan.outcomes, relative(plan.cwd, plan.session.root) || '.');
  return result(plan, plan.outcomes, true);
}

/**
 * Without questions (`--yes`, `--dry-run`, the API). A dry run plans holding the app's lock
 * (never beside another run's half-made changes) and lists; otherwise what a killed run left is
 * undone first, then the removal is planned and committed.
 */
export async function runRemoveComponent(
  input: RemoveComponentInput & { dryRun?: boolean | undefined; describe?: boolean },
  report: Reporter = silentReporter,
): Promise<RemoveComponentResult> {
  const describe = (plan: RemoveComponentPlan) => {
    if (input.describe !== false) report.info(deletesSources(plan));
  };
  if (input.dryRun) {
    const locked = await AppSession.openForCommand(input.cwd, input.app, { dryRun: true, reuse: input.session });
    return locked.run(async () => {
      const plan = await planRemoveComponent({ ...input, session: locked });
      describe(plan);
      for (const line of removalLines(plan)) report.info(`  ${line}`);
      return reportRemovalDryRun(plan, report);
    });
  }
  await AppSession.recoverInterrupted(input.cwd, input.app, (m) => report.warn(m));
  const plan = await planRemoveComponent(input);
  describe(plan);
  return commitRemoveComponent(plan, report);
}

/** What a removal does, as listed: the removal planned again under the lock must be exactly this. */
const listed = (plan: RemoveComponentPlan): string => JSON.stringify([plan.component, plan.files, plan.dependencies, plan.manifests, plan.callers, plan.generated, plan.outcomes]);

/**
 * Writes the planned removal as one transaction: the app is locked (what an interrupted run left
 * undone first), the removal planned again from the files as they are now and refused when that
 * is not what was listed (and confirmed), then committed.
 */
export async function commitRemoveComponent(plan: RemoveComponentPlan, report: Reporter = silentReporter): Promise<RemoveComponentResult> {
  const session = await AppSession.openForWrite(plan.cwd, plan.session.root, { reuse: plan.session, onRecover: (m) => report.warn(m) });
  const { locked, outcomes } = await session.run(async () => {
    const locked = await planRemoveComponent({ cwd: plan.cwd, name: plan.component.name, session, ...(plan.network ? { network: plan.network } : {}) });
    if (listed(locked) !== listed(plan)) {
      throw new UserError(`the app changed since the removal of ${plan.component.name} was listed`, { code: 'E_CHANGED', hint: 'Nothing was deleted; run the command again.' });
    }
    return { locked, outcomes: commitPlan(session.plan).outcomes };
  });
  report.step(`Removed ${locked.component.name}: deleted ${relative(locked.cwd, join(locked.session.root, locked.component.folder)) || '.'}/ (${locked.files.length} files)`);
  for (const d of locked.dependencies) report.step(`Removed dependency ${d.caller} → ${d.target ?? d.path ?? d.url} (${d.type})`);
  const done = result(locked, outcomes, false);
  reportGeneration(done.generated, report);
  return done;
}
