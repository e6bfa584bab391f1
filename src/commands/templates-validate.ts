/** `templates validate <dir>`: render the template into a sample app and report every check. */
import { type CheckResult, type ValidationReport, validateTemplate, validationFailure } from '../templates/publishing/index.js';
import { type Reporter, silentReporter } from '../report.js';
import { templateTypeCheck } from './shared/template-types.js';

export interface TemplatesValidateOptions {
  dir: string;
  json?: boolean;
  /** The second place (after the template folder) TypeScript and jco are looked for. */
  cwd?: string;
}

const line = (c: CheckResult) => `${c.skipped ? 'skip' : c.ok ? 'pass' : 'FAIL'}  ${c.check.padEnd(12)} ${c.file ? `${c.file}: ` : ''}${c.message}`;

/** Every check and whether all passed (with --json; otherwise a failed check ends in its UserError); a skipped check is never called valid. */
export async function templatesValidate(options: TemplatesValidateOptions, report: Reporter = silentReporter): Promise<ValidationReport> {
  const result = await validateTemplate(options.dir, { typeCheck: templateTypeCheck(options.cwd ?? process.cwd()) });
  if (options.json) return result; // printed by the CLI: dir, ok, checks
  for (const c of result.checks) report.info(line(c));
  const failed = result.checks.filter((c) => !c.ok);
  const skipped = result.checks.filter((c) => c.skipped).map((c) => c.check);
  // The FAIL lines are the report (stdout); the run ends, as every failure does, in one error line.
  if (failed.length) throw validationFailure(result.dir, failed, false);
  if (skipped.length) report.info(`Template ${result.dir}: no problems found, but not fully checked (skipped: ${skipped.join(', ')})`);
  else report.step(`Template ${result.dir} is valid`);
  return result;
}
