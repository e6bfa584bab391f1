/**
 * The WIT and the generated files: each component's WIT (and its targets' clients) resolved on
 * its own, so every component the toolkit rejects is a finding; then, when all resolve, what
 * `generate` would change — generated WIT, clients, Cargo.toml, TypeScript declarations — and
 * what generation left behind for removed dependencies and components, planned into the
 * session's plan (committed only by `doctor --fix`).
 */
import { join } from 'node:path';
import type { App, AppComponent } from '../../app/index.js';
import type { AppSession } from '../../app/session.js';
import { UserError } from '../../errors.js';
import { type FileOutcome, inspectPlan } from '../../fs/plan.js';
import { Generation, type LibraryOptions } from '../../rpc/index.js';
import { declarationsStampPath, guestTypesStep } from '../../rpc/declarations.js';
import { cargoTomlPath } from '../../rpc/cargo.js';
import { clientDir, clientRootDir, generatedBaseWitDir, generatedBaseWitRoot } from '../../rpc/layout.js';
import { type PlannedGeneration, pendingChanges, planGenerated } from '../shared/generated-files.js';
import { type Finding, finding, findingOf } from './findings.js';

const GENERATE = 'Run create-golem-app generate (or create-golem-app doctor --fix).';

/**
 * WIT findings; when there are none, the generated files that would change (as fixable findings).
 * `planBroken`: generation failed halfway, so the plan holds part of it and must not be committed.
 */
export async function checkGenerated(session: AppSession, network: LibraryOptions = {}): Promise<{ findings: Finding[]; notes: string[]; planBroken?: true }> {
  const app = session.app;
  // The binaries of `wasm` dependencies by path or url, decoded (url ones fetched into the cache);
  // one that cannot be had is a finding of each component that depends on it.
  const generation = await Generation.load(() => session.app, session.plan, network);
  const wit = new Map<string, Finding>();
  for (const component of app.components.values()) {
    try {
      generation.verify(component);
    } catch (err) {
      if (!UserError.is(err)) throw err;
      // A target's problem is met again by each of its callers: one finding.
      wit.set(err.format(), findingOf(err, 'wit'));
    }
  }
  if (wit.size > 0) return { findings: [...wit.values()], notes: ['Generated files were not compared: the WIT above does not resolve.'] };

  let planned: PlannedGeneration;
  let obsolete: string[];
  try {
    planned = await planGenerated(session, undefined, generation);
    obsolete = generation.planObsoleteOutput();
  } catch (err) {
    // What generation refuses as a whole (e.g. a folder it would write outside the app).
    if (!UserError.is(err)) throw err;
    return { findings: [findingOf(err, 'generated')], notes: ['Generated files were not compared: generation stops at the error above.'], planBroken: true };
  }
  const changes = pendingChanges([...planned.paths, ...obsolete], inspectPlan(session.plan));
  const findings = changeFindings(session, app, changes);
  for (const { component, reason } of planned.declarations.skipped) {
    findings.push(finding('warning', 'generated', `the TypeScript declarations of ${component} cannot be checked: ${reason}`, null, app.components.get(component)?.location));
  }
  return { findings, notes: [] };
}

const regenerate = (message: string, at?: { file: string; line: number; column: number }): Finding => ({
  ...finding('error', 'generated', message, GENERATE, at),
  fix: 'regenerated',
});

interface Group {
  finding: Finding;
  prefixes: string[];
}

/** The changes grouped by what they belong to: a component's generated WIT or declarations, a client, leftovers. */
function changeFindings(session: AppSession, app: App, changes: FileOutcome[]): Finding[] {
  const rel = (path: string) => session.plan.relative(path) ?? path;
  const groups: Group[] = [];
  const targets = new Map<string, { target: AppComponent; first: { file: string; line: number; column: number } }>();
  for (const dep of app.dependencies) {
    const target = dep.target === undefined || dep.type === 'wasm' ? undefined : app.components.get(dep.target);
    if (target && !targets.has(target.name)) targets.set(target.name, { target, first: dep.location });
  }
  for (const c of app.components.values()) {
    const paths = [rel(c.generatedWit), rel(generatedBaseWitDir(app.tempDir, c.name)), rel(cargoTomlPath(c))];
    groups.push({ finding: regenerate(`the generated WIT of ${c.name} is out of date`, c.location), prefixes: paths });
    const step = guestTypesStep(c);
    if (step) {
      const stamp = declarationsStampPath(app.tempDir, c.name);
      groups.push({ finding: regenerate(`the TypeScript declarations of ${c.name} are out of date`, c.location), prefixes: [rel(step.outDir), rel(stamp)] });
    }
  }
  for (const { target, first } of targets.values()) {
    groups.push({ finding: regenerate(`the generated client of ${target.name} is out of date`, first), prefixes: [rel(clientDir(app.tempDir, target.name))] });
  }
  const leftovers = new Map<string, Finding>();
  const other: FileOutcome[] = [];
  for (const change of changes) {
    const group = groups.find((g) => g.prefixes.some((p) => change.path === p || change.path.startsWith(`${p}/`)));
    if (group) {
      group.finding.changes.push(change);
      continue;
    }
    const left = leftoverFolder(app, rel, change.path);
    if (!left) {
      other.push(change);
      continue;
    }
    const f = leftovers.get(left.folder) ?? {
      ...finding(
        'error',
        'generated',
        left.kind === 'client' ? 'a generated client is left behind: no dependency targets it any more' : 'generated WIT is left behind by a removed component',
        'Remove it: create-golem-app doctor --fix',
        { file: join(app.root, left.folder) },
      ),
      fix: 'removed',
    };
    f.changes.push(change);
    leftovers.set(left.folder, f);
  }
  const out = [...groups.map((g) => g.finding).filter((f) => f.changes.length > 0), ...leftovers.values()];
  if (other.length > 0) {
    out.push({ ...regenerate(`${other.length} generated ${other.length === 1 ? 'file is' : 'files are'} out of date`), changes: other });
  }
  return out;
}

/** `golem-temp/client/<x>` or `golem-temp/generated-base-wit/<x>` that `path` is in, if it is in one. */
function leftoverFolder(app: App, rel: (path: string) => string, path: string): { kind: 'client' | 'base'; folder: string } | undefined {
  for (const [kind, root] of [
    ['client', rel(clientRootDir(app.tempDir))],
    ['base', rel(generatedBaseWitRoot(app.tempDir))],
  ] as const) {
    if (!path.startsWith(`${root}/`)) continue;
    const name = path.slice(root.length + 1).split('/')[0]!;
    return { kind, folder: `${root}/${name}` };
  }
  return undefined;
}
