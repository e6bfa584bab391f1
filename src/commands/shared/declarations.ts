/**
 * The TypeScript declarations step every generating command ends with (`generate`, `add
 * component`, `add dependency`, `create --install`): planned into the command's plan with the
 * generated WIT (src/rpc/declarations.ts), reported after the commit, and — when the app's
 * packages are not installed yet — the line that says how to complete them.
 */
import type { AppSession } from '../../app/session.js';
import type { Reporter } from '../../report.js';
import { type DeclarationsOutcome, planDeclarations } from '../../rpc/index.js';

/** Plans the declarations of the TS components among `components` (default: all) into the session's plan. */
export function planTypeDeclarations(session: AppSession, components?: string[]): Promise<DeclarationsOutcome> {
  return planDeclarations(session.app, session.plan, components);
}

const GENERATE = 'npx create-golem-app generate';

/** What the declarations step could not do, after the commit (the written files are in the generation lines). */
export function reportDeclarations(outcome: DeclarationsOutcome, report: Reporter): void {
  for (const { component, reason } of outcome.skipped) report.warn(`TypeScript declarations of ${component} not generated: ${reason}`);
  const missing = outcome.missingPackages;
  if (missing.length === 0) return;
  const which = missing.length === 1 ? missing[0] : missing.join(', ');
  report.info(`The TypeScript declarations (src/generated) of ${which} need the app's packages: run npm install, then ${GENERATE} (golem app build writes them too).`);
}

/** The next-steps line for TS components whose declarations wait for the app's packages (after the install line), or none. */
export function declarationsNextSteps(components: readonly string[]): string[] {
  return components.length === 0 ? [] : [`  ${GENERATE}      # TypeScript declarations in src/generated (golem app build writes them too)`];
}
