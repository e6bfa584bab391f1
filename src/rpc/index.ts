/**
 * Client generation faithful to Golem 1.2.5: exports extraction for every component, a client
 * package per wasm-rpc target, caller wiring, Cargo.toml for Rust components — written only
 * where bytes change. `generate` is what `golem app build` does before compiling.
 */
import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { App, AppComponent } from '../app/index.js';
import type { Reporter } from '../report.js';
import { UserError } from '../errors.js';
import { emptySyncResult, removeTree, syncTree, type SyncResult } from './file-tree.js';
import { clientRootDir, clientWitDir } from './layout.js';
import { safeDirName } from './naming.js';
import { Planner } from './pipeline.js';
import { buildStubDefinition } from './stub-def.js';
import type { StubDefinition } from './stub-model.js';

export { jcoAsyncExportArgs } from './jco-args.js';

/** App-relative paths of the files generation looked at, by outcome. */
export interface GenerateSummary {
  added: string[];
  changed: string[];
  unchanged: string[];
  removed: string[];
}

/**
 * Generates for the whole app, or for `options.components` (their generated WIT, plus the
 * base WIT and clients of the targets they call).
 */
export async function generate(app: App, options: { components?: string[] }, report: Reporter): Promise<GenerateSummary> {
  const chosen = selectComponents(app, options.components);
  const planner = new Planner(app);
  const result = emptySyncResult();

  // Plan everything before writing anything: an error leaves every file as it was.
  const generated = chosen.map((c) => planner.generated(c));
  const targets = new Map<string, AppComponent>();
  for (const c of chosen) for (const t of planner.targetsOf(c.name)) targets.set(t.name, t);
  const bases = new Map<string, AppComponent>();
  for (const c of [...chosen, ...targets.values()]) bases.set(c.name, c);

  for (const c of bases.values()) syncTree(planner.base(c).dir, planner.base(c).tree, app.root, result);
  for (const t of targets.values()) syncTree(clientWitDir(app.tempDir, t.name), planner.client(t).tree, app.root, result);
  for (const plan of generated) {
    syncTree(plan.component.generatedWit, plan.tree, app.root, result);
    if (plan.cargo) {
      writeFileSync(plan.cargo.path, plan.cargo.text);
      result.changed.push(relativeTo(app.root, plan.cargo.path));
    }
  }
  removeStaleClients(app, planner, result);

  const summary = sortSummary(result);
  const written = summary.added.length + summary.changed.length + summary.removed.length;
  for (const line of groupedByPackage(summary.added)) report.step(`added ${line}`);
  for (const line of groupedByPackage(summary.changed)) report.step(`updated ${line}`);
  for (const line of groupedByPackage(summary.removed)) report.step(`removed ${line}`);
  report.info(written === 0 ? `generated WIT up to date (${summary.unchanged.length} files unchanged)` : `${written} files written, ${summary.unchanged.length} unchanged`);
  return summary;
}

function selectComponents(app: App, names: string[] | undefined): AppComponent[] {
  if (!names || names.length === 0) return [...app.components.values()];
  return names.map((name) => {
    const c = app.components.get(name);
    if (!c) throw new UserError(`unknown component ${name}`, { hint: `Components of this app: ${[...app.components.keys()].join(', ') || '(none)'}.` });
    return c;
  });
}

/** Client dirs of components that no wasm-rpc dependency of the app targets any more. */
function removeStaleClients(app: App, planner: Planner, result: SyncResult): void {
  const root = clientRootDir(app.tempDir);
  if (!existsSync(root)) return;
  const wanted = new Set<string>();
  for (const c of app.components.values()) for (const t of planner.targetsOf(c.name)) wanted.add(safeDirName(t.name));
  for (const name of readdirSync(root)) {
    if (!wanted.has(name)) removeTree(join(root, name), app.root, result);
  }
}

/** Files of one `deps/<package>/` folder shown as one line (`…/deps/io/ (4 files)`), others as they are. */
function groupedByPackage(paths: string[]): string[] {
  const groups = new Map<string, string[]>();
  for (const path of paths) {
    const folder = /^(.*\/deps\/[^/]+\/)[^/]+$/.exec(path)?.[1] ?? path;
    groups.set(folder, [...(groups.get(folder) ?? []), path]);
  }
  return [...groups].map(([folder, files]) => (files.length > 1 ? `${folder} (${files.length} files)` : files[0]!));
}

const relativeTo = (root: string, path: string) => path.slice(root.length + 1).split('\\').join('/');

function sortSummary(r: SyncResult): GenerateSummary {
  const s = (xs: string[]) => [...xs].sort();
  return { added: s(r.added), changed: s(r.changed), unchanged: s(r.unchanged), removed: s(r.removed) };
}


export type { StubDefinition, StubType } from './stub-model.js';

/** What the client of `target` offers (entities, functions, types), as client generation sees it. */
export function clientStubDefinition(app: App, target: AppComponent): StubDefinition {
  const base = new Planner(app).base(target);
  return buildStubDefinition(base.resolve, target.componentType === 'ephemeral', base.appendedExports);
}
