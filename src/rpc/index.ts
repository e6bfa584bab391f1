/**
 * Client generation faithful to Golem 1.2.5 (the rules: docs/client-generation.md): exports
 * extraction for every component, a client package per wasm-rpc target, caller wiring,
 * Cargo.toml for Rust components — planned into the run's Plan, written only where bytes
 * change. `generate` is what `golem app build` does before compiling.
 */
import { join } from 'node:path';
import type { App, AppComponent } from '../app/index.js';
import { UserError } from '../errors.js';
import type { FileView } from '../fs/files.js';
import { commitPlan, type FileOutcome, Plan } from '../fs/plan.js';
import { cargoTomlPath } from './cargo.js';
import { guestTypesStep } from './declarations.js';
import { type Reporter, reportSteps } from '../report.js';
import { planRemoveTree, planTree } from './file-tree.js';
import { clientRootDir, clientWitDir, generatedBaseWitRoot } from './layout.js';
import { type ExportedFunction, exportedFunctions } from './invoke-names.js';
import { safeDirName } from './naming.js';
import { Planner } from './pipeline.js';
import { isBinaryDependency, Libraries, type LibraryOptions } from './libraries.js';
import { buildStubDefinition } from './stub-def.js';
import type { StubDefinition } from './stub-model.js';

export { jcoAsyncExportArgs } from './jco-args.js';
export type { ExportedFunction } from './invoke-names.js';
export { type DeclarationsOutcome, planDeclarations } from './declarations.js';
export type { LibraryOptions } from './libraries.js';

/** App-relative paths of the files generation looked at, by outcome. */
export interface GenerateSummary {
  added: string[];
  changed: string[];
  unchanged: string[];
  removed: string[];
}

/**
 * Client generation over one run's plan. One Planner per run: each component's WIT is read
 * (through the plan, so files the run planned are never read back from disk) and resolved once,
 * whether for a caller template's client model or for the generated files.
 */
export class Generation {
  private readonly planner: Planner;

  /**
   * `current`: the app as it is now (it changes as the run plans edits); `libraries`: the decoded
   * binaries of its `wasm` dependencies by path or url (see `Generation.load`).
   */
  constructor(
    private readonly current: () => App,
    private readonly plan: Plan,
    libraries: Libraries = Libraries.none,
  ) {
    this.planner = new Planner(current, plan, libraries);
  }

  /**
   * A Generation for the app as it is now, its `wasm` dependencies on binaries fetched and
   * decoded first (nothing is loaded or fetched for an app without them).
   */
  static async load(current: () => App, plan: Plan, options: LibraryOptions = {}): Promise<Generation> {
    return new Generation(current, plan, await loadLibraries(current(), options));
  }

  /** Fetches and decodes the binaries of the app's `wasm` dependencies as it is now (after a run planned its components). */
  async prepare(options: LibraryOptions = {}): Promise<void> {
    this.planner.libraries = await loadLibraries(this.current(), options);
  }

  /** What the client of `target` offers (entities, functions, types), as client generation sees it. */
  stub(target: AppComponent): StubDefinition {
    const base = this.planner.base(target);
    return buildStubDefinition(base.resolve, target.componentType === 'ephemeral', base.appendedExports);
  }

  /** The functions `golem worker invoke` can call on `component`, as golem spells them. */
  exportedFunctions(component: AppComponent): ExportedFunction[] {
    return exportedFunctions(this.planner.base(component).resolve);
  }

  /**
   * Resolves everything generation needs for `component` — its WIT, the clients of the targets it
   * calls, its generated WIT — in memory, planning no file: throws what `planInto` would throw
   * for it. `doctor` checks each component on its own this way, then plans them all.
   */
  verify(component: AppComponent): void {
    this.planner.generated(component);
  }

  /**
   * Plans generation for the whole app, or for `components` (their generated WIT, plus the base
   * WIT and clients of the targets they call). Returns the app-relative paths it planned
   * (written or removed); nothing is written.
   */
  planInto(options: { components?: string[] } = {}): string[] {
    const app = this.current();
    const planner = this.planner;
    const chosen = selectComponents(app, options.components);
    const generated = chosen.map((c) => planner.generated(c));
    const targets = new Map<string, AppComponent>();
    for (const c of chosen) for (const t of planner.targetsOf(c.name)) targets.set(t.name, t);
    const bases = new Map<string, AppComponent>();
    for (const c of [...chosen, ...targets.values()]) bases.set(c.name, c);

    const paths: string[] = [];
    for (const c of bases.values()) paths.push(...planTree(this.plan, planner.base(c).dir, planner.base(c).tree));
    for (const t of targets.values()) paths.push(...planTree(this.plan, clientWitDir(app.tempDir, t.name), planner.client(t).tree));
    for (const g of generated) {
      paths.push(...planTree(this.plan, g.component.generatedWit, g.tree, { onlyWit: true }));
      if (g.cargo) {
        this.plan.edit(g.cargo.path, g.cargo.text);
        paths.push(this.plan.relative(g.cargo.path)!);
      }
    }
    paths.push(...planStaleClientRemovals(app, planner, this.plan));
    return paths;
  }

  /**
   * Plans the removal of what generation made for components the app no longer has (after
   * `remove component`): their base WIT under golem-temp, and clients nothing calls any more.
   */
  planObsoleteOutput(): string[] {
    const app = this.current();
    const baseRoot = generatedBaseWitRoot(app.tempDir);
    const kept = new Set([...app.components.keys()].map(safeDirName));
    const bases = this.plan.list(baseRoot).flatMap((name) => (kept.has(name) ? [] : planRemoveTree(this.plan, join(baseRoot, name), baseRoot)));
    return [...bases, ...planStaleClientRemovals(app, this.planner, this.plan)];
  }
}

/** What happened to the generated files, from a commit's outcomes. */
export function summarize(paths: readonly string[], outcomes: readonly FileOutcome[]): GenerateSummary {
  const wanted = new Set(paths);
  const summary: GenerateSummary = { added: [], changed: [], unchanged: [], removed: [] };
  for (const o of outcomes) {
    if (!wanted.has(o.path)) continue;
    if (o.action === 'create') summary.added.push(o.path);
    else if (o.action === 'replace' || o.action === 'merge') summary.changed.push(o.path);
    else if (o.action === 'remove') summary.removed.push(o.path);
    else summary.unchanged.push(o.path);
  }
  for (const list of Object.values(summary)) list.sort();
  return summary;
}

/**
 * The generation lines of a command's output (`added …/deps/io/ (4 files)`, then a count); files
 * inside one of `folders` (app-relative, ending in `/`) are grouped by that folder too.
 */
export function reportGeneration(summary: GenerateSummary, report: Reporter, folders: readonly string[] = []): void {
  const written = summary.added.length + summary.changed.length + summary.removed.length;
  reportSteps(report, [
    ...groupedByPackage(summary.added, folders).map((line) => `added ${line}`),
    ...groupedByPackage(summary.changed, folders).map((line) => `updated ${line}`),
    ...groupedByPackage(summary.removed, folders).map((line) => `removed ${line}`),
  ]);
  report.info(written === 0 ? `generated WIT up to date (${summary.unchanged.length} files unchanged)` : `${written} files written, ${summary.unchanged.length} unchanged`);
}

/** The language a component's code is in, as generation tells: Rust (a Cargo.toml next to its WIT), TypeScript (a guest-types build step). */
export function componentLanguage(component: AppComponent, files: FileView): 'rust' | 'ts' | undefined {
  if (files.isFile(cargoTomlPath(component))) return 'rust';
  return guestTypesStep(component) ? 'ts' : undefined;
}

/** Generates and writes for the whole app, or for `options.components` (one plan, one commit). */
export async function generate(app: App, options: { components?: string[] }, report: Reporter): Promise<GenerateSummary> {
  const plan = new Plan(app.root);
  const paths = (await Generation.load(() => app, plan, { report })).planInto(options);
  const summary = summarize(paths, commitPlan(plan).outcomes);
  reportGeneration(summary, report);
  return summary;
}

function selectComponents(app: App, names: string[] | undefined): AppComponent[] {
  if (!names || names.length === 0) return [...app.components.values()];
  return names.map((name) => {
    const c = app.components.get(name);
    if (!c) throw new UserError(`unknown component ${name}`, { code: 'E_APP', hint: `Components of this app: ${[...app.components.keys()].join(', ') || '(none)'}.` });
    return c;
  });
}

/** Client dirs of components that no wasm-rpc dependency of the app targets any more. */
function planStaleClientRemovals(app: App, planner: Planner, plan: Plan): string[] {
  const root = clientRootDir(app.tempDir);
  const wanted = new Set<string>();
  for (const c of app.components.values()) for (const t of planner.targetsOf(c.name)) wanted.add(safeDirName(t.name));
  return plan.list(root).flatMap((name) => (wanted.has(name) ? [] : planRemoveTree(plan, join(root, name), root)));
}

/** Files of one `deps/<package>/` folder (or of one of `folders`) shown as one line (`…/deps/io/ (4 files)`), others as they are. */
function groupedByPackage(paths: string[], folders: readonly string[]): string[] {
  const groups = new Map<string, string[]>();
  const folderOf = firstFolderOf(folders);
  for (const path of paths) {
    const folder = folderOf(path) ?? /^(.*\/deps\/[^/]+\/)[^/]+$/.exec(path)?.[1] ?? path;
    const files = groups.get(folder);
    if (files) files.push(path);
    else groups.set(folder, [path]);
  }
  return [...groups].map(([folder, files]) => (files.length > 1 ? `${folder} (${files.length} files)` : files[0]!));
}

/**
 * The first of `folders` that a path starts with. Folders ending in `/` (as declarations gives
 * them) are looked up by the path's own folder prefixes, not tried one by one for every path.
 */
function firstFolderOf(folders: readonly string[]): (path: string) => string | undefined {
  if (folders.length === 0) return () => undefined;
  if (!folders.every((f) => f.endsWith('/'))) return (path) => folders.find((f) => path.startsWith(f));
  const rank = new Map<string, number>();
  folders.forEach((f, i) => {
    if (!rank.has(f)) rank.set(f, i);
  });
  return (path) => {
    let best: number | undefined;
    for (let end = path.indexOf('/'); end >= 0; end = path.indexOf('/', end + 1)) {
      const i = rank.get(path.slice(0, end + 1));
      if (i !== undefined && (best === undefined || i < best)) best = i;
    }
    return best === undefined ? undefined : folders[best];
  };
}

export { clientTypeNames } from './client-render.js';
export type { StubDefinition, StubType } from './stub-model.js';

/** The decoded binaries of `app`'s `wasm` path/url dependencies: the decoders and the download code load only for an app that has some. */
async function loadLibraries(app: App, options: LibraryOptions = {}): Promise<Libraries> {
  if (!app.dependencies.some(isBinaryDependency)) return Libraries.none;
  return (await import('./library-decoding.js')).decodeLibraries(app, options);
}
