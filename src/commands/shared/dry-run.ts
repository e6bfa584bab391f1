/**
 * The `--dry-run` listing, one for every command that writes: what the commit would do to each
 * planned file (from `inspectPlan`, so conflicts are found as a real run finds them); nothing is
 * written.
 */
import type { FileOutcome } from '../../fs/plan.js';
import type { Reporter } from '../../report.js';

export function reportDryRun(report: Reporter, outcomes: readonly FileOutcome[], where: string): void {
  const writes = outcomes.filter((f) => f.action !== 'skip' && f.action !== 'unchanged').length;
  report.info(`Dry run: ${writes} ${writes === 1 ? 'file' : 'files'} would be written in ${where} (nothing written):`);
  for (const f of outcomes) if (f.action !== 'unchanged') report.info(`  ${f.action.padEnd(9)} ${f.path}`);
  const unchanged = outcomes.length - outcomes.filter((f) => f.action !== 'unchanged').length;
  if (unchanged > 0) report.info(`  (${unchanged} ${unchanged === 1 ? 'file' : 'files'} unchanged)`);
}
