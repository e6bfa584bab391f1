/**
 * `generate`: open the app and generate its clients (or some components'), as `golem app build`
 * does first. `--check` writes nothing and tells whether anything would change (for CI and
 * pre-commit hooks).
 */
import { AppSession } from '../app/session.js';
import { relative } from 'node:path';
import { UsageError } from '../errors.js';
import { commitPlan, type FileOutcome, inspectPlan } from '../fs/plan.js';
import { type Reporter, silentReporter } from '../report.js';
import { type DeclarationsOutcome, type GenerateSummary, Generation, type LibraryOptions, reportGeneration, summarize } from '../rpc/index.js';
import { reportDeclarations } from './shared/declarations.js';
import { reportDryRun } from './shared/dry-run.js';
import { pendingChanges, planGenerated } from './shared/generated-files.js';

export interface GenerateOptions {
  /** Where to look for the app (its root or a folder inside it). */
  cwd: string;
  /** `--app <dir>`: the app root given explicitly. */
  app?: string;
  components: string[];
  /** `--dry-run`: list what would be written, write nothing. */
  dryRun?: boolean;
  /** `--check`: write nothing; `upToDate` says whether anything would change. */
  check?: boolean;
  /** `--offline` and `--timeout`, for `wasm` dependencies by url. */
  network?: LibraryOptions;
}

/** What generation did (a dry run or a check: would do) to the generated files; what `--json` prints (schemas/generate.schema.json). */
export interface GenerateResult extends GenerateSummary {
  /** The app root (absolute). */
  app: string;
  dryRun: boolean;
  check: boolean;
  /** Nothing was (or, in a dry run or a check, would be) written or removed. */
  upToDate: boolean;
  /** The TypeScript declarations step (src/generated of TS components). */
  declarations: DeclarationsOutcome;
}

export async function runGenerate(options: GenerateOptions, report: Reporter = silentReporter): Promise<GenerateResult> {
  if (options.check && options.dryRun)
    throw new UsageError('--check and --dry-run do not go together', { hint: '--check lists what would change and sets the exit code; --dry-run only lists.' });
  // A check writes nothing, as a dry run: it holds the app's lock only while it plans.
  const readOnly = options.dryRun === true || options.check === true;
  const session = await AppSession.openForCommand(options.cwd, options.app, { dryRun: readOnly, onRecover: (m) => report.warn(m) });
  const result = (summary: GenerateSummary, changes: number, declarations: DeclarationsOutcome): GenerateResult => ({
    app: session.root,
    dryRun: options.dryRun === true,
    check: options.check === true,
    upToDate: changes === 0,
    ...summary,
    declarations,
  });
  // The binaries of `wasm` dependencies are decoded (url ones fetched) only for apps that have them.
  const plan = async () => planGenerated(session, options.components, await Generation.load(() => session.app, session.plan, { ...options.network, report }));
  if (readOnly) {
    const { paths, declarations, outcomes } = await session.run(async () => {
      const planned = await plan();
      return { ...planned, outcomes: inspectPlan(session.plan) };
    });
    const changes = pendingChanges(paths, outcomes);
    if (options.check) reportCheck(report, changes, paths.length, declarations);
    else reportDryRun(report, outcomes, relative(options.cwd, session.root) || '.');
    return result(summarize(paths, outcomes), changes.length, declarations);
  }
  const { summary, declarations } = await session.run(async () => {
    const { paths, declarations } = await plan();
    return { summary: summarize(paths, commitPlan(session.plan).outcomes), declarations };
  });
  reportGeneration(summary, report, declarations.folders);
  reportDeclarations(declarations, report);
  return result(summary, summary.added.length + summary.changed.length + summary.removed.length, declarations);
}

/** `generate --check`: what would change, file by file, or that it is all current; what could not be compared. */
function reportCheck(report: Reporter, changes: readonly FileOutcome[], checked: number, declarations: DeclarationsOutcome): void {
  if (changes.length === 0) report.info(`generated files up to date (${checked} checked)`);
  else {
    report.info(`generated files out of date: ${changes.length} ${changes.length === 1 ? 'file' : 'files'} would change (nothing written):`);
    for (const c of [...changes].sort((a, b) => (a.path < b.path ? -1 : 1))) report.info(`  ${c.action.padEnd(7)} ${c.path}`);
    report.info('Run create-golem-app generate to update them.');
  }
  for (const { component, reason } of declarations.skipped) report.warn(`TypeScript declarations of ${component} not checked: ${reason}`);
  if (declarations.missingPackages.length > 0) {
    report.warn(`TypeScript declarations of ${declarations.missingPackages.join(', ')} not checked: the app's packages are not installed (npm install).`);
  }
}
