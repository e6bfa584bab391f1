/**
 * What `generate` writes, planned into a session's plan — generated WIT, clients and the
 * TypeScript declarations — and, from what a commit would do, the files that would change:
 * `generate` commits it, `generate --check` and `doctor` only compare.
 */
import type { AppSession } from '../../app/session.js';
import type { FileOutcome } from '../../fs/plan.js';
import { type DeclarationsOutcome, Generation } from '../../rpc/index.js';
import { planTypeDeclarations } from './declarations.js';

export interface PlannedGeneration {
  /** App-relative paths planned (written, unchanged or removed). */
  paths: string[];
  declarations: DeclarationsOutcome;
}

/** Plans generation for the app (or `components`) and their declarations; nothing is written. */
export async function planGenerated(session: AppSession, components?: string[], generation = new Generation(() => session.app, session.plan)): Promise<PlannedGeneration> {
  const generated = generation.planInto({ components });
  const declarations = await planTypeDeclarations(session, components);
  return { paths: [...generated, ...declarations.paths], declarations };
}

/** The outcomes among `paths` that change a file (create, replace, merge, remove), in the commit's order. */
export function pendingChanges(paths: readonly string[], outcomes: readonly FileOutcome[]): FileOutcome[] {
  const wanted = new Set(paths);
  return outcomes.filter((o) => wanted.has(o.path) && o.action !== 'unchanged' && o.action !== 'skip');
}
