/**
 * An error found in a planned file that a template wrote — a path its golem.yaml declares
 * outside the app, a WIT mistake — is the template's: the error is moved to the template's own
 * file (the line the rendered one came from) and names the template, since the app file it
 * would have become was never written.
 */
import { UserError } from '../../errors.js';
import type { Plan } from '../../fs/plan.js';
import { templateManifestLine } from './manifest.js';
import { readTemplateFile } from './template-files.js';
import type { PlannedFile } from './types.js';

export function attributeToTemplate(err: unknown, plan: Plan): unknown {
  if (!UserError.is(err) || !err.location) return err;
  const rel = plan.relative(err.location.file);
  const planned = rel ? (plan.planned(rel) as PlannedFile | undefined) : undefined;
  if (!planned?.sourcePath || !planned.template) return err;
  // A file the app already has and keeps (`--overwrite`), or a merge of it: the error is in the app's file.
  if (!plan.read(err.location.file)?.equals(planned.content)) return err;
  let line = err.location.line;
  let column = err.location.column;
  try {
    const source = readTemplateFile(planned.sourcePath).toString('utf8');
    if (rel!.endsWith('golem.yaml')) line = templateManifestLine(source, line);
    // Substitution may have moved the column; it is kept where the line reads the same.
    const lineOf = (text: string, n: number) => text.split('\n')[n - 1];
    if (lineOf(source, line) !== lineOf(planned.content.toString('utf8'), err.location.line)) column = 1;
  } catch {
    // the template changed meanwhile: the rendered position is the best there is
  }
  return new UserError(`${err.message} (declared by template ${planned.template}, which would write ${rel})`, {
    code: err.code,
    location: { file: planned.sourcePath, line, column },
    ...(err.hint ? { hint: err.hint } : {}),
    exitCode: err.exitCode,
    cause: err,
  });
}
