/**
 * `remove dependency <component> <target | --path … | --url …>`: the inverse of `add dependency`.
 * Only the dependency's own lines leave golem.yaml (in whichever document declares it); then the
 * caller is regenerated, so its client leaves wit-generated, its Cargo.toml entries go (Rust),
 * and generated files no longer produced are removed — one plan, one commit, or nothing.
 */
import { join, relative } from 'node:path';
import { type AppDependency, DEPENDENCY_TYPES, type DependencyRef, type DependencyType, type Edit, findDependencies, removeDependencies } from '../app/index.js';
import { requireComponent } from '../app/edit/add-dependency.js';
import { AppSession } from '../app/session.js';
import { closest } from '../app/shape.js';
import { UsageError, UserError } from '../errors.js';
import { commitPlan, type FileOutcome, inspectPlan } from '../fs/plan.js';
import { type Reporter, silentReporter } from '../report.js';
import { type GenerateSummary, Generation, type LibraryOptions, reportGeneration, summarize } from '../rpc/index.js';
import { appRelative } from './shared/app-overview.js';
import { reportDryRun } from './shared/dry-run.js';

export interface RemoveDependencyInput {
  /** Where to look for the app (a folder inside it). */
  cwd: string;
  /** `--app <dir>`. */
  app?: string;
  /** The caller. */
  component: string;
  /** Exactly one of: a target component, `--path`, `--url` (a `wasm` dependency's file). */
  target?: string;
  path?: string;
  url?: string;
  /** `--type`: only the dependency of this type (default: every type naming that target). */
  type?: string;
  /** `--dry-run`: show the edits and list what would change, write nothing. */
  dryRun?: boolean;
  /** The app, already opened (e.g. by the prompts). */
  session?: AppSession;
  /** `--offline`, `--timeout`: fetching the `wasm` binaries left, whose WIT is generated again. */
  network?: LibraryOptions;
}

/** A removed dependency as golem.yaml declared it. */
export interface RemovedDependency {
  caller: string;
  type: DependencyType;
  target?: string;
  path?: string;
  url?: string;
  /** The golem.yaml it was declared in (app-relative). */
  manifest: string;
}

/** The lines a golem.yaml lost (1-based line numbers of the file before). */
export interface ManifestChange {
  manifest: string;
  lines: { line: number; text: string }[];
}

export interface RemoveDependencyResult {
  /** The app root (absolute). */
  app: string;
  dryRun: boolean;
  removed: RemovedDependency[];
  manifests: ManifestChange[];
  /** What regeneration did to the generated files (a dry run: what it would do). */
  generated: GenerateSummary;
}

export function parseAnyDependencyType(value: string | undefined): DependencyType | undefined {
  if (value === undefined || (DEPENDENCY_TYPES as readonly string[]).includes(value)) return value as DependencyType | undefined;
  const guess = closest(value, DEPENDENCY_TYPES);
  throw new UserError(`unknown --type '${value}'`, { code: 'E_INPUT', hint: `${guess ? `Did you mean '${guess}'? ` : ''}Use one of: ${DEPENDENCY_TYPES.join(', ')}.` });
}

/** What the arguments name: exactly one of a target, `--path`, `--url`. */
export function dependencyRef(input: { target?: string; path?: string; url?: string }): DependencyRef {
  const given = [input.target !== undefined && 'a target', input.path !== undefined && '--path', input.url !== undefined && '--url'].filter(Boolean);
  if (given.length !== 1) {
    throw new UsageError(given.length === 0 ? 'missing argument <target> (or --path or --url)' : `give only one of ${given.join(', ')}`, {
      hint: 'Name the target component, or the --path or --url of a wasm dependency.',
    });
  }
  return input.target !== undefined ? { target: input.target } : input.path !== undefined ? { path: input.path } : { url: input.url! };
}

export const removedDependency = (root: string, d: AppDependency): RemovedDependency => ({
  caller: d.source,
  type: d.type,
  ...(d.target !== undefined ? { target: d.target } : d.path !== undefined ? { path: d.path } : { url: d.url! }),
  manifest: appRelative(root, d.manifestPath),
});

/** Plans `edits` into the session, re-validated; the `-` lines are reported per file. */
export function planManifestRemovals(session: AppSession, edits: Edit[], cwd: string, report: Reporter): ManifestChange[] {
  const changes: ManifestChange[] = [];
  for (const edit of edits) {
    session.edit(edit);
    changes.push({ manifest: appRelative(session.root, edit.file), lines: edit.lines });
    report.info(`  ${relative(cwd, edit.file) || edit.file}:`);
    for (const line of edit.lines) report.info(`  ${String(line.line).padStart(4)} - ${line.text}`);
  }
  void session.app; // re-validated from the planned bytes before anything is written
  return changes;
}

/** Source files of the caller that still name the removed client: their calls stop compiling. */
function clientUsers(session: AppSession, caller: string, target: string): string[] {
  const component = session.app.components.get(caller);
  if (!component) return [];
  const [ns, name] = target.split(':') as [string, string];
  const snake = (s: string) => s.replace(/-/g, '_');
  const names = [`${target}-client`, `${snake(ns)}::${snake(name)}_client`];
  const src = join(component.dir, 'src');
  return session.plan
    .walk(src)
    .filter((f) => !f.startsWith('generated/') && names.some((n) => session.plan.readText(join(src, f))?.includes(n)))
    .map((f) => appRelative(session.root, join(src, f)));
}

export async function runRemoveDependency(input: RemoveDependencyInput, report: Reporter = silentReporter): Promise<RemoveDependencyResult> {
  const type = parseAnyDependencyType(input.type);
  const ref = dependencyRef(input);
  const session = await AppSession.openForCommand(input.cwd, input.app, { dryRun: input.dryRun, reuse: input.session, onRecover: (m) => report.warn(m) });
  return session.run(async () => removeDependency(session, input, ref, type, report));
}

async function removeDependency(
  session: AppSession,
  input: RemoveDependencyInput,
  ref: DependencyRef,
  type: DependencyType | undefined,
  report: Reporter,
): Promise<RemoveDependencyResult> {
  const root = session.root;
  requireComponent(session.app, input.component, 'component');
  const deps = findDependencies(session.app, input.component, ref, type);
  const removed = deps.map((d) => removedDependency(root, d));
  for (const d of removed) {
    const what = `${d.caller} → ${d.target ?? d.path ?? d.url} (${d.type})`;
    if (input.dryRun) report.info(`Would remove dependency ${what}`);
    else report.step(`Removed dependency ${what}`);
  }
  const manifests = planManifestRemovals(session, removeDependencies(deps, { source: session }), input.cwd, report);
  const generated = (await Generation.load(() => session.app, session.plan, { ...input.network, report })).planInto({ components: [input.component] });
  let outcomes: FileOutcome[];
  if (input.dryRun) {
    outcomes = inspectPlan(session.plan);
    reportDryRun(report, outcomes, relative(input.cwd, root) || '.');
  } else {
    outcomes = commitPlan(session.plan).outcomes;
  }
  const summary = summarize(generated, outcomes);
  if (!input.dryRun) reportGeneration(summary, report);
  for (const d of removed) {
    const still = session.app.dependencies.some((o) => o.source === input.component && o.target === d.target && o.type !== 'wasm');
    if (d.target === undefined || d.type === 'wasm' || still) continue;
    const users = clientUsers(session, input.component, d.target);
    if (users.length) report.warn(`${users.join(', ')} still ${users.length === 1 ? 'uses' : 'use'} the client of ${d.target}: remove those calls before building.`);
  }
  return { app: root, dryRun: input.dryRun === true, removed, manifests, generated: summary };
}
