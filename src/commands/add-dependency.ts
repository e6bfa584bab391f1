/**
 * `add dependency <component> <target>`: validate the names and the type against the app, plan
 * the dependency in the right golem.yaml (the app re-checked from the planned bytes), plan the
 * caller's clients, then write it all as one transaction (the app locked from before the first
 * read to the end). If anything fails, nothing is written: the command changes nothing.
 */
import { relative } from 'node:path';
import { addDependency, type App, type Edit, type RpcDependencyType } from '../app/index.js';
import { AppSession } from '../app/session.js';
import { closest } from '../app/shape.js';
import { UserError } from '../errors.js';
import { commitPlan, inspectPlan } from '../fs/plan.js';
import { type Reporter, silentReporter } from '../report.js';
import { appRelative } from './shared/app-overview.js';
import { reportDryRun } from './shared/dry-run.js';
import { componentLanguage, Generation, type GenerateSummary, reportGeneration, summarize } from '../rpc/index.js';
import { clientUsage } from '../templates/index.js';
import { callerTarget } from './shared/caller-target.js';
import { planTypeDeclarations, reportDeclarations } from './shared/declarations.js';

export interface AddDependencyInput {
  /** Where to look for the app (a folder inside it). */
  cwd: string;
  /** `--app <dir>`. */
  app?: string;
  component: string;
  /** One dependency per target (the interactive prompt may pick several). */
  targets: string[];
  /** `--type`, default `wasm-rpc`. */
  type?: string;
  /** `--manifest`, only `root`. */
  manifest?: string;
  /** The app, already opened (e.g. by the prompts); default: found from `cwd` / `app`. */
  session?: AppSession;
  /** `--dry-run`: show the edits and list what would be written, write nothing. */
  dryRun?: boolean;
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
  /** One per target: `added`, `updated` (its type changed) or `unchanged` (already declared so). */
  dependencies: { caller: string; target: string; type: RpcDependencyType; manifest: string; status: Edit['status']; lines: Edit['lines'] }[];
  /** The caller's generated files; null when nothing changed in golem.yaml. */
  generated: GenerateSummary | null;
}

const TYPES: readonly RpcDependencyType[] = ['wasm-rpc', 'static-wasm-rpc'];

/** Why a `--type` value is refused, per known mistake. */
const TYPE_ADVICE: Record<string, string> = {
  'wasm-rpc-static': "Use 'static-wasm-rpc': Golem's JSON schema spells it 'wasm-rpc-static', but the Golem CLI only accepts 'static-wasm-rpc'.",
  wasm: "A 'wasm' dependency links a WASM file by path or url; add it to golem.yaml by hand. This command writes worker-to-worker dependencies.",
};

export function parseDependencyType(value: string | undefined): RpcDependencyType {
  if (value === undefined) return 'wasm-rpc';
  if ((TYPES as readonly string[]).includes(value)) return value as RpcDependencyType;
  const guess = closest(value, TYPES);
  throw new UserError(`unknown --type '${value}'`, {
    code: 'E_INPUT',
    hint: TYPE_ADVICE[value] ?? `${guess ? `Did you mean '${guess}'? ` : ''}Use one of: ${TYPES.join(', ')}.`,
  });
}

function parseManifestChoice(value: string | undefined): 'root' | undefined {
  if (value === undefined || value === 'root') return value;
  throw new UserError(`unknown --manifest '${value}'`, {
    code: 'E_INPUT',
    hint: "The only choice is 'root' (write into the root golem.yaml); leave it out to use the component's own.",
  });
}

export async function runAddDependency(input: AddDependencyInput, report: Reporter = silentReporter): Promise<AddDependencyResult> {
  const type = parseDependencyType(input.type);
  const manifest = parseManifestChoice(input.manifest);
  const session = await AppSession.openForCommand(input.cwd, input.app, { dryRun: input.dryRun, reuse: input.session, onRecover: (m) => report.warn(m) });
  return session.run(async () => addDependencies(session, input, type, manifest, report));
}

async function addDependencies(
  session: AppSession,
  input: AddDependencyInput,
  type: RpcDependencyType,
  manifest: 'root' | undefined,
  report: Reporter,
): Promise<AddDependencyResult> {
  if (type === 'static-wasm-rpc') report.info('note: Golem marks static-wasm-rpc as deprecated, and building its client needs a Rust toolchain (cargo).');

  const planned: Edit[] = [];
  const dependencies: AddDependencySummary['dependencies'] = [];
  const summary = (generated: GenerateSummary | null): AddDependencySummary => ({ app: session.root, dryRun: input.dryRun === true, dependencies, generated });
  const plannedTargets: string[] = [];
  for (const target of input.targets) {
    // Each edit is planned on the files as the previous one left them.
    const edit = addDependency(session.app, input.component, target, type, { source: session, ...(manifest ? { manifest } : {}) });
    const file = relative(input.cwd, edit.file) || edit.file;
    const what = `${input.component} → ${target} (${type})`;
    dependencies.push({ caller: input.component, target, type, manifest: appRelative(session.root, edit.file), status: edit.status, lines: edit.lines });
    if (edit.status === 'unchanged') {
      report.info(`${what} is already declared in ${file}; nothing changed.`);
      continue;
    }
    session.edit(edit);
    void session.app; // re-validated from the planned bytes before anything is written
    planned.push(edit);
    plannedTargets.push(target);
    const added = edit.status === 'added';
    if (input.dryRun) report.info(`Would ${added ? 'add' : 'update'} dependency ${what} in ${file}`);
    else report.step(`${added ? 'Added' : 'Updated'} dependency ${what} in ${file}`);
    const mark = edit.status === 'added' ? '+' : '~';
    for (const line of edit.lines) report.info(`  ${String(line.line).padStart(4)} ${mark} ${line.text}`);
  }
  if (planned.length === 0) return { app: session.app, edits: planned, usage: [], summary: summary(null) };
  let generated: string[];
  const usage: AddDependencyResult['usage'] = [];
  const generation = new Generation(() => session.app, session.plan);
  try {
    generated = generation.planInto({ components: [input.component] });
    const caller = session.app.components.get(input.component)!;
    const language = componentLanguage(caller, session.plan);
    for (const name of plannedTargets) {
      const target = session.app.components.get(name);
      const lines = language && target && clientUsage(callerTarget(generation, target).client, language);
      if (lines) usage.push({ target: target.name, ...lines });
    }
  } catch (err) {
    // All or nothing: the plan is dropped, every golem.yaml stays as it was.
    report.warn(`nothing was changed: ${[...new Set(planned.map((e) => relative(input.cwd, e.file) || e.file))].join(', ')} restored.`);
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
