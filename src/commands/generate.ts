/** `generate`: open the app and generate its clients (or some components'), as `golem app build` does first. */
import { AppSession } from '../app/session.js';
import { commitPlan } from '../fs/plan.js';
import { type Reporter, silentReporter } from '../report.js';
import { type DeclarationsOutcome, type GenerateSummary, Generation, reportGeneration, summarize } from '../rpc/index.js';
import { planTypeDeclarations, reportDeclarations } from './shared/declarations.js';

export interface GenerateOptions {
  /** Where to look for the app (its root or a folder inside it). */
  cwd: string;
  /** `--app <dir>`: the app root given explicitly. */
  app?: string;
  components: string[];
}

export interface GenerateResult extends GenerateSummary {
  /** The TypeScript declarations step (src/generated of TS components). */
  declarations: DeclarationsOutcome;
}

export async function runGenerate(options: GenerateOptions, report: Reporter = silentReporter): Promise<GenerateResult> {
  const session = AppSession.open(options.cwd, options.app);
  const generated = new Generation(() => session.app, session.plan).planInto({ components: options.components });
  const declarations = await planTypeDeclarations(session, options.components);
  const summary = summarize([...generated, ...declarations.paths], commitPlan(session.plan).outcomes);
  reportGeneration(summary, report, declarations.folders);
  reportDeclarations(declarations, report);
  return { ...summary, declarations };
}
