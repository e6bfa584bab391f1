/** `templates validate <dir>`: render the template into a sample app and report every check. */
import { type CheckResult, type ValidationReport, validateTemplate } from '../templates/publishing/index.js';
import { type Reporter, silentReporter } from '../report.js';

export interface TemplatesValidateOptions {
  dir: string;
  json?: boolean;
}

const line = (c: CheckResult) => `${c.ok ? 'pass' : 'FAIL'}  ${c.check.padEnd(12)} ${c.file ? `${c.file}: ` : ''}${c.message}`;

/** Every check and whether all passed (the CLI exits 1 when one failed). */
export async function templatesValidate(options: TemplatesValidateOptions, report: Reporter = silentReporter): Promise<ValidationReport> {
  const result = await validateTemplate(options.dir);
  if (options.json) {
    report.info(JSON.stringify({ dir: result.dir, ok: result.ok, checks: result.checks }, null, 2));
  } else {
    for (const c of result.checks) report.info(line(c));
    const failed = result.checks.filter((c) => !c.ok).length;
    if (failed) report.warn(`${failed} check(s) failed for ${result.dir}`);
    else report.step(`Template ${result.dir} is valid`);
  }
  return result;
}
