/** `generate`: open the app and generate its clients (or some components'), as `golem app build` does first. */
import { AppSession } from '../app/session.js';
import { relative } from 'node:path';
import { commitPlan, inspectPlan } from '../fs/plan.js';
import { type Reporter, silentReporter } from '../report.js';
import { type GenerateSummary, Generation, reportGeneration, summarize } from '../rpc/index.js';
import { reportDryRun } from './shared/dry-run.js';

export interface GenerateOptions {
  /** Where to look for the app (its root or a folder inside it). */
  cwd: string;
  /** `--app <dir>`: the app root given explicitly. */
  app?: string;
  components: string[];
  /** `--dry-run`: list what would be written, write nothing. */
  dryRun?: boolean;
}

/** What generation did (a dry run: would do) to the generated files; what `--json` prints (schemas/generate.schema.json). */
export interface GenerateResult extends GenerateSummary {
  /** The app root (absolute). */
  app: string;
  dryRun: boolean;
}

export async function runGenerate(options: GenerateOptions, report: Reporter = silentReporter): Promise<GenerateResult> {
  const session = AppSession.open(options.cwd, options.app);
  const generated = new Generation(() => session.app, session.plan).planInto({ components: options.components });
  const result = (summary: GenerateSummary): GenerateResult => ({ app: session.root, dryRun: options.dryRun === true, ...summary });
  if (options.dryRun) {
    const outcomes = inspectPlan(session.plan);
    reportDryRun(report, outcomes, relative(options.cwd, session.root) || '.');
    return result(summarize(generated, outcomes));
  }
  const summary = summarize(generated, commitPlan(session.plan).outcomes);
  reportGeneration(summary, report);
  return result(summary);
}
