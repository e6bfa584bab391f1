/** `generate`: open the app and generate its clients (or some components'), as `golem app build` does first. */
import { AppSession } from '../app/session.js';
import { commitPlan } from '../fs/plan.js';
import { type Reporter, silentReporter } from '../report.js';
import { type GenerateSummary, Generation, reportGeneration, summarize } from '../rpc/index.js';

export interface GenerateOptions {
  /** Where to look for the app (its root or a folder inside it). */
  cwd: string;
  /** `--app <dir>`: the app root given explicitly. */
  app?: string;
  components: string[];
}

export async function runGenerate(options: GenerateOptions, report: Reporter = silentReporter): Promise<GenerateSummary> {
  const session = await AppSession.openForWrite(options.cwd, options.app, { onRecover: (m) => report.warn(m) });
  const summary = await session.transaction.run(async () => {
    const generated = new Generation(() => session.app, session.plan).planInto({ components: options.components });
    return summarize(generated, commitPlan(session.plan).outcomes);
  });
  reportGeneration(summary, report);
  return summary;
}
