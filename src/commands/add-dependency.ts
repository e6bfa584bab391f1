/**
 * `add dependency <component> [<target>] [--type …] [--path <file.wasm> | --url <url>]`: check
 * the request against Golem's dependency rules (src/app/dependency-rules.ts), plan the
 * dependency in the right golem.yaml (the app re-checked from the planned bytes), plan the
 * caller's generated WIT (for a `wasm` dependency on a binary: its packages, decoded), then write
 * it all as one transaction (the app locked from before the first read to the end). If anything
 * fails, nothing is written: the command changes nothing.
 */
import { isAbsolute, relative, resolve } from 'node:path';
import { addDependency, type App, type DependencyRef, type DependencyType, type Edit } from '../app/index.js';
import { dependencyRuleProblem, type DependencyRequest } from '../app/dependency-rules.js';
import { AppSession } from '../app/session.js';
import { closest } from '../app/shape.js';
import { UserError } from '../errors.js';
import { commitPlan, inspectPlan } from '../fs/plan.js';
import { type Reporter, silentReporter } from '../report.js';
import { appRelative } from './shared/app-overview.js';
import { reportDryRun } from './shared/dry-run.js';
import { componentLanguage, Generation, type GenerateSummary, type LibraryOptions, reportGeneration, summarize } from '../rpc/index.js';
import { clientUsage } from '../templates/index.js';
import { callerTarget } from './shared/caller-target.js';
import { planTypeDeclarations, reportDeclarations } from './shared/declarations.js';

export interface AddDependencyInput {
  /** Where to look for the app (a folder inside it). */
  cwd: string;
  /** `--app <dir>`. */
  app?: string;
  component: string;
  /** One dependency per target (the interactive prompt may pick several); none with `path`/`url`. */
  targets: string[];
  /** `--path`: a component binary (relative to `cwd`), for a `wasm` dependency. */
  path?: string;
  /** `--url`: a component binary to download, for a `wasm` dependency. */
  url?: string;
  /** `--type`; default `wasm` for a path, a url or a library component, else `wasm-rpc`. */
  type?: string;
  /** `--manifest`, only `root`. */
  manifest?: string;
  /** The app, already opened (e.g. by the prompts); default: found from `cwd` / `app`. */
  session?: AppSession;
  /** `--dry-run`: show the edits and list what would be written, write nothing. */
  dryRun?: boolean;
  /** `--offline`, `--timeout`: fetching a `url` dependency. */
  network?: LibraryOptions;
}

export interface AddDependencyResult {
  app: App;
  edits: Edit[];
  clients?: GenerateSummary;
  /** Per new target, how the caller's code reaches its client (when the caller is TS or Rust). */
  usage: { target: string; importLine: string; construct: string }[];
  /** What `--json` prints (schemas/add-dependency.schema.json). */
  summary: AddDependencySummary;
}

export interface AddDependencySummary {
  /** The app root (absolute). */
  app: string;
  dryRun: boolean;
  /** One per target (or the path or url): `added`, `updated` (its type changed) or `unchanged` (already declared so). */
  dependencies: ({ caller: string; type: DependencyType; manifest: string; status: Edit['status']; lines: Edit['lines'] } & DependencyRef)[];
  /** The caller's generated files; null when nothing changed in golem.yaml. */
  generated: GenerateSummary | null;
}

const TYPES: readonly DependencyType[] = ['wasm-rpc', 'static-wasm-rpc', 'wasm'];

/** Why a `--type` value is refused, per known mistake. */
const TYPE_ADVICE: Record<string, string> = {
  'wasm-rpc-static': "Use 'static-wasm-rpc': Golem's JSON schema spells it 'wasm-rpc-static', but the Golem CLI only accepts 'static-wasm-rpc'.",
};

/** `--type`, checked; undefined when not given (the default depends on what is named). */
export function parseDependencyType(value: string | undefined): DependencyType | undefined {
  if (value === undefined || (TYPES as readonly string[]).includes(value)) return value as DependencyType | undefined;
  const guess = closest(value, TYPES);
  throw new UserError(`unknown --type '${value}'`, {
    code: 'E_INPUT',
    hint: TYPE_ADVICE[value] ?? `${guess ? `Did you mean '${guess}'? ` : ''}Use one of: ${TYPES.join(', ')}.`,
  });
}

/** What the request names, one entry per dependency (a path is kept relative to the app root, as Golem reads it). */
function requestedRefs(input: AddDependencyInput, root: string): DependencyRef[] {
  const refs: DependencyRef[] = input.targets.map((target) => ({ target }));
  if (input.path !== undefined) {
    const absolute = resolve(input.cwd, input.path);
    const rel = relative(root, absolute);
    refs.push({ path: isAbsolute(rel) ? absolute : rel.split('\\').join('/') || '.' });
  }
  if (input.url !== undefined) refs.push({ url: input.url });
  return refs;
}

/** Golem has no default type; ours: `wasm` for a binary or a library component, `wasm-rpc` otherwise. */
function defaultType(app: App, refs: DependencyRef[]): DependencyType {
  const linksLibraries = refs.length > 0 && refs.every((r) => !('target' in r) || app.components.get(r.target)?.componentType === 'library');
  return linksLibraries ? 'wasm' : 'wasm-rpc';
}

/** Golem's rules (golem-cli/src/command_handler/interactive.rs `create_component_dependency`), as one error. */
export function checkDependencyRules(app: App, caller: string, refs: DependencyRef[], type: DependencyType): void {
  const requests: DependencyRequest[] = refs.length > 1 && refs.some((r) => !('target' in r)) ? [Object.assign({ type }, ...refs)] : refs.map((r) => ({ type, ...r }));
  if (requests.length === 0) requests.push({ type });
  for (const request of requests) {
    const problem = dependencyRuleProblem(caller, request, app);
    if (problem) throw new UserError(problem.message, { code: problem.rule === 'unknown-caller' || problem.rule === 'unknown-target' ? 'E_APP' : 'E_INPUT', hint: problem.hint });
  }
}

const describe = (ref: DependencyRef): string => ('target' in ref ? ref.target : 'path' in ref ? ref.path : ref.url);

function parseManifestChoice(value: string | undefined): 'root' | undefined {
  if (value === undefined || value === 'root') return value;
  throw new UserError(`unknown --manifest '${value}'`, {
    code: 'E_INPUT',
    hint: "The only choice is 'root' (write into the root golem.yaml); leave it out to use the component's own.",
  });
}

export async function runAddDependency(input: AddDependencyInput, report: Reporter = silentReporter): Promise<AddDependencyResult> {
  const given = parseDependencyType(input.type);
  const manifest = parseManifestChoice(input.manifest);
  const session = await AppSession.openForCommand(input.cwd, input.app, { dryRun: input.dryRun, reuse: input.session, onRecover: (m) => report.warn(m) });
  return session.run(async () => {
    const refs = requestedRefs(input, session.root);
    const type = given ?? defaultType(session.app, refs);
    checkDependencyRules(session.app, input.component, refs, type);
    return addDependencies(session, input, refs, type, manifest, report);
  });
}

async function addDependencies(
  session: AppSession,
  input: AddDependencyInput,
  refs: DependencyRef[],
  type: DependencyType,
  manifest: 'root' | undefined,
  report: Reporter,
): Promise<AddDependencyResult> {
  if (type === 'static-wasm-rpc') report.info('note: Golem marks static-wasm-rpc as deprecated, and building its client needs a Rust toolchain (cargo).');

  const planned: Edit[] = [];
  const dependencies: AddDependencySummary['dependencies'] = [];
  const summary = (generated: GenerateSummary | null): AddDependencySummary => ({ app: session.root, dryRun: input.dryRun === true, dependencies, generated });
  const plannedTargets: string[] = [];
  for (const ref of refs) {
    // Each edit is planned on the files as the previous one left them.
    const edit = addDependency(session.app, input.component, ref, type, { source: session, ...(manifest ? { manifest } : {}) });
    const file = relative(input.cwd, edit.file) || edit.file;
    const what = `${input.component} → ${describe(ref)} (${type})`;
    dependencies.push({ caller: input.component, ...ref, type, manifest: appRelative(session.root, edit.file), status: edit.status, lines: edit.lines });
    if (edit.status === 'unchanged') {
      report.info(`${what} is already declared in ${file}; nothing changed.`);
      continue;
    }
    session.edit(edit);
    void session.app; // re-validated from the planned bytes before anything is written
    planned.push(edit);
    if ('target' in ref && type !== 'wasm') plannedTargets.push(ref.target);
    const added = edit.status === 'added';
    if (input.dryRun) report.info(`Would ${added ? 'add' : 'update'} dependency ${what} in ${file}`);
    else report.step(`${added ? 'Added' : 'Updated'} dependency ${what} in ${file}`);
    const mark = edit.status === 'added' ? '+' : '~';
    for (const line of edit.lines) report.info(`  ${String(line.line).padStart(4)} ${mark} ${line.text}`);
  }
  if (planned.length === 0) return { app: session.app, edits: planned, usage: [], summary: summary(null) };
  let generated: string[];
  const usage: AddDependencyResult['usage'] = [];
  try {
    const generation = await Generation.load(() => session.app, session.plan, { ...input.network, report });
    generated = generation.planInto({ components: [input.component] });
    const caller = session.app.components.get(input.component)!;
    const language = componentLanguage(caller, session.plan);
    for (const name of plannedTargets) {
      const target = session.app.components.get(name);
      const lines = language && target && clientUsage(callerTarget(generation, target).client, language);
      if (lines) usage.push({ target: target.name, ...lines });
    }
  } catch (err) {
    // All or nothing: the plan is dropped, every golem.yaml stays as it was. Said on stdout: stderr
    // carries only the error line and its hint.
    if (!input.dryRun) report.info(`nothing was changed: ${[...new Set(planned.map((e) => relative(input.cwd, e.file) || e.file))].join(', ')} restored.`);
    throw err;
  }
  const declarations = await planTypeDeclarations(session, [input.component]);
  if (input.dryRun) {
    const outcomes = inspectPlan(session.plan);
    reportDryRun(report, outcomes, relative(input.cwd, session.root) || '.');
    return { app: session.app, edits: planned, usage, summary: summary(summarize([...generated, ...declarations.paths], outcomes)) };
  }
  const clients = summarize([...generated, ...declarations.paths], commitPlan(session.plan).outcomes);
  reportGeneration(clients, report, declarations.folders);
  reportDeclarations(declarations, report);
  for (const u of usage) {
    report.info(`\nUse the client of ${u.target} in ${input.component}:`);
    report.info(`  ${u.importLine.split('\n').join('\n  ')}`);
    report.info(`  ${u.construct}`);
  }
  return { app: session.app, edits: planned, clients, usage, summary: summary(clients) };
}
