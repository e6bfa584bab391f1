/** `templates validate <dir>`: render the template into a sample app and report every check. */
import { validateTemplate, type CheckResult } from '../templates/publishing/index.js';
import type { Reporter } from '../report.js';

export interface TemplatesValidateOptions {
  dir: string;
  json?: boolean;
}

const line = (c: CheckResult) => `${c.ok ? 'pass' : 'FAIL'}  ${c.check.padEnd(12)} ${c.file ? `${c.file}: ` : ''}${c.message}`;

/** Exit code: 0 when every check passes, 1 otherwise. */
export async function templatesValidate(options: TemplatesValidateOptions, report: Reporter): Promise<number> {
  const result = await validateTemplate(options.dir);
  if (options.json) {
    report.info(JSON.stringify({ dir: result.dir, ok: result.ok, checks: result.checks }, null, 2));
  } else {
    for (const c of result.checks) report.info(line(c));
    const failed = result.checks.filter((c) => !c.ok).length;
    if (failed) report.warn(`${failed} check(s) failed for ${result.dir}`);
    else report.step(`Template ${result.dir} is valid`);
  }
  return result.ok ? 0 : 1;
}
