/** `generate`: open the app and generate its clients (or some components'), as `golem app build` does first. */
import { AppSession } from '../app/session.js';
import { relative } from 'node:path';
import { commitPlan, inspectPlan } from '../fs/plan.js';
import { type Reporter, silentReporter } from '../report.js';
import { type DeclarationsOutcome, type GenerateSummary, Generation, type LibraryOptions, reportGeneration, summarize } from '../rpc/index.js';
import { planTypeDeclarations, reportDeclarations } from './shared/declarations.js';
import { reportDryRun } from './shared/dry-run.js';

export interface GenerateOptions {
  /** Where to look for the app (its root or a folder inside it). */
  cwd: string;
  /** `--app <dir>`: the app root given explicitly. */
  app?: string;
  components: string[];
  /** `--dry-run`: list what would be written, write nothing. */
  dryRun?: boolean;
  /** `--offline` and `--timeout`, for `wasm` dependencies by url. */
  network?: LibraryOptions;
}

/** What generation did (a dry run: would do) to the generated files; what `--json` prints (schemas/generate.schema.json). */
export interface GenerateResult extends GenerateSummary {
  /** The app root (absolute). */
  app: string;
  dryRun: boolean;
  /** The TypeScript declarations step (src/generated of TS components). */
  declarations: DeclarationsOutcome;
}

export async function runGenerate(options: GenerateOptions, report: Reporter = silentReporter): Promise<GenerateResult> {
  const session = await AppSession.openForCommand(options.cwd, options.app, { dryRun: options.dryRun, onRecover: (m) => report.warn(m) });
  const plan = async () => {
    const generation = await Generation.load(() => session.app, session.plan, { ...options.network, report });
    const generated = generation.planInto({ components: options.components });
    const declarations = await planTypeDeclarations(session, options.components);
    return { paths: [...generated, ...declarations.paths], declarations };
  };
  const result = (summary: GenerateSummary, declarations: DeclarationsOutcome): GenerateResult => ({
    app: session.root,
    dryRun: options.dryRun === true,
    ...summary,
    declarations,
  });
  if (options.dryRun) {
    const { paths, declarations } = await plan();
    const outcomes = inspectPlan(session.plan);
    reportDryRun(report, outcomes, relative(options.cwd, session.root) || '.');
    return result(summarize(paths, outcomes), declarations);
  }
  const { summary, declarations } = await session.run(async () => {
    const { paths, declarations } = await plan();
    return { summary: summarize(paths, commitPlan(session.plan).outcomes), declarations };
  });
  reportGeneration(summary, report, declarations.folders);
  reportDeclarations(declarations, report);
  return result(summary, declarations);
}
