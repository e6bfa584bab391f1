/**
 * `templates validate`: render a template folder into a throw-away app, as a user would get it,
 * and check it. Checks, in order (each reported with pass/fail and the file at fault):
 *
 *   metadata      metadata.json readable, a component template (appComponentGroup), a description,
 *                 a supported language, a valid role/version, no WASI adapter
 *   paths         only plain files and folders (no links, no special files)
 *   size          no file over MAX_FILE_BYTES
 *   render        the renderer accepts it (names stay inside the app after substitution, `.hbs` renders)
 *   wit           every WIT folder accepted by the WIT toolkit (component folders with the app's deps)
 *   golem.yaml    every manifest accepted by the application model
 *   placeholders  no `{{ … }}` left in a rendered file (minijinja component-name values in golem.yaml excepted)
 *   types         (TS templates) the component's sources type-check against jco's declarations of its
 *                 generated WIT — run by the `typeCheck` the caller passes in (it needs client
 *                 generation and the user's TypeScript and jco); without one it is reported skipped
 *
 * Problems in files the template wrote point at the template's own file and line:column (a
 * rendered line maps back to its template line; placeholders only change columns).
 * The sample component is `sample-ns:sample-component` (multi-word, so misspelt placeholder
 * forms show up); a caller gets the bundled counter provider `sample-ns:counter` as its target.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { UserError } from '../../errors.js';
import { loadApp } from '../../app/index.js';
import { commitPlan, Plan } from '../../fs/plan.js';
import { addToPlan, counterClientModel, findComponentTemplate, loadBundledRegistry, planComponent, type PlannedFile, type TemplateEntry } from '../index.js';
import { findCommonTemplate } from '../registries/registry.js';
import { isSemver } from '../../text/semver.js';
import { requiresAdapter } from '../metadata.js';
import { copyTemplateFiles, listTemplateFiles, MAX_FILE_BYTES, type TemplateListing } from './files.js';
import { findLeftovers } from './leftovers.js';
import { EXTENSION_KEY, LANGUAGES, readTemplateInfo, ROLES, type TemplateInfo } from './template-info.js';
import { checkWitFolder, findWitFolders } from './wit-check.js';

export const SAMPLE_COMPONENT = 'sample-ns:sample-component';
export const SAMPLE_TARGET = 'sample-ns:counter';

export type CheckName = 'metadata' | 'paths' | 'size' | 'render' | 'wit' | 'golem.yaml' | 'placeholders' | 'types';

export interface CheckResult {
  check: CheckName;
  ok: boolean;
  /** The file at fault: template-relative (`file:line:column` where known); app-relative for files the template did not write. */
  file?: string;
  message: string;
  /** Not run (e.g. no TypeScript to type-check with): `ok`, but nothing was checked, and the message says how to enable it. */
  skipped?: boolean;
}

/** The rendered sample app a check such as the type-check works on. */
export interface SampleApp {
  appDir: string;
  /** `sample-ns:sample-component`. */
  component: string;
  /** For callers: the component it calls (`sample-ns:counter`). */
  target?: string;
  /** The template folder as given (where its own node_modules would be). */
  templateDir: string;
  language: string;
  /** Where an app-relative place comes from: `template/file:line:column` for what the template wrote. */
  place(appRelative: string, line?: number, column?: number): string;
}

export interface ValidationReport {
  dir: string;
  ok: boolean;
  checks: CheckResult[];
  info?: TemplateInfo;
  /** The checked files: publishing copies exactly these. */
  listing?: TemplateListing;
  /** The rendered sample app, when `keepApp` was asked for. */
  appDir?: string;
}

export interface ValidateOptions {
  /** Keep the rendered sample app (for inspection and tests); its folder is returned. */
  keepApp?: boolean;
  /** The `types` check of a TS template, run on the sample app once every other check passed. */
  typeCheck?: (sample: SampleApp) => Promise<CheckResult[]>;
}

const pass = (check: CheckName, message: string): CheckResult => ({ check, ok: true, message });
const fail = (check: CheckName, message: string, file?: string): CheckResult => ({ check, ok: false, message, ...(file ? { file } : {}) });
export const skipped = (check: CheckName, message: string): CheckResult => ({ check, ok: true, skipped: true, message });

function metadataChecks(info: TemplateInfo): CheckResult[] {
  const { meta, extension } = info;
  const file = 'metadata.json';
  const problems: string[] = [];
  if (meta.appCommonGroup !== undefined) problems.push('this is a common template (appCommonGroup); only component templates (appComponentGroup) are published');
  if (meta.appComponentGroup === undefined) problems.push('\'appComponentGroup\' is missing (e.g. "default")');
  if (!meta.description.trim()) problems.push("'description' is missing or empty");
  if (requiresAdapter(meta)) problems.push(`Golem's WASI adapter (${meta.requiresAdapter ? "'requiresAdapter'" : "'adapterTarget'"}) is not supported by create-golem-app`);
  if (!info.language || !(LANGUAGES as readonly string[]).includes(info.language)) {
    problems.push(`language ${info.language ? `'${info.language}' is not supported` : 'cannot be told'}: set ${EXTENSION_KEY}.language to ${LANGUAGES.join(' or ')}`);
  }
  if (extension.role !== undefined && !ROLES.includes(extension.role)) problems.push(`${EXTENSION_KEY}.role must be one of ${ROLES.join(', ')}`);
  if (extension.version !== undefined && (typeof extension.version !== 'string' || !isSemver(extension.version))) {
    problems.push(`${EXTENSION_KEY}.version must be a semantic version such as 1.0.0`);
  }
  return problems.length ? problems.map((p) => fail('metadata', p, file)) : [pass('metadata', `${info.language} ${info.role} template, group ${info.group}`)];
}

function fileChecks(listing: TemplateListing): CheckResult[] {
  const unsafe = listing.unsafe.map((u) => fail('paths', `'${u.path}' ${u.reason}`, u.path));
  const large = listing.files.filter((f) => f.size > MAX_FILE_BYTES).map((f) => fail('size', `'${f.path}' is ${f.size} bytes; the limit is ${MAX_FILE_BYTES}`, f.path));
  return [...(unsafe.length ? unsafe : [pass('paths', `${listing.files.length} plain files`)]), ...(large.length ? large : [pass('size', `no file over ${MAX_FILE_BYTES} bytes`)])];
}

/** Renders the staged template (and for callers the sample target) into `appDir`. */
async function renderSample(info: TemplateInfo, templateDir: string, appDir: string): Promise<{ files: PlannedFile[]; entry: TemplateEntry }> {
  const registry = loadBundledRegistry();
  const language = info.language!;
  const entry: TemplateEntry = {
    id: info.defaultId ?? `${language}/template`,
    kind: 'component',
    language,
    group: info.group,
    role: info.role,
    description: info.meta.description,
    path: templateDir,
    origin: 'local',
  };
  const plan = new Plan(appDir);
  const rendered: PlannedFile[] = [];
  const add = (files: PlannedFile[]) => {
    rendered.push(...files);
    addToPlan(plan, files);
  };
  if (!findCommonTemplate(registry, language, info.group)) {
    throw new UserError(`no common template for ${language} in group '${info.group}'`, { code: 'E_TEMPLATE', hint: 'Use appComponentGroup "default".' });
  }
  if (info.role === 'caller') {
    const provider = findComponentTemplate(registry, `${language}/default`);
    add(await planComponent({ into: plan, template: provider, componentName: SAMPLE_TARGET, registry }));
  }
  const target = info.role === 'caller' ? { componentName: SAMPLE_TARGET, client: counterClientModel(SAMPLE_TARGET) } : undefined;
  add(await planComponent({ into: plan, template: entry, componentName: SAMPLE_COMPONENT, registry, ...(target ? { target } : {}) }));
  commitPlan(plan);
  return { files: rendered, entry };
}

function witChecks(appDir: string, place: SampleApp['place']): CheckResult[] {
  const folders = findWitFolders(appDir);
  const problems = folders.flatMap((folder) => {
    const problem = checkWitFolder(appDir, folder);
    return problem ? [fail('wit', problem.message, place(problem.file, problem.line, problem.column))] : [];
  });
  return problems.length ? problems : [pass('wit', `${folders.length} WIT folder(s) accepted: ${folders.join(', ')}`)];
}

function manifestCheck(appDir: string, place: SampleApp['place']): CheckResult {
  try {
    const app = loadApp(appDir, { explicitRoot: true });
    return pass('golem.yaml', `application model accepted (${app.components.size} component(s))`);
  } catch (err) {
    if (!(err instanceof UserError)) throw err;
    const file = err.location && place(relative(appDir, err.location.file), err.location.line, err.location.column);
    return fail('golem.yaml', err.message, file);
  }
}

function leftoverChecks(files: PlannedFile[], templateId: string, place: SampleApp['place']): CheckResult[] {
  const problems = files
    .filter((f) => f.template === templateId)
    .flatMap((f) => {
      const name = f.path.split('/').pop()!;
      return findLeftovers(f.content.toString('utf8'), name === 'golem.yaml').map((l) => fail('placeholders', `unrendered placeholder ${l.text}`, place(f.path, l.line, l.column)));
    });
  return problems.length ? problems : [pass('placeholders', 'no unrendered placeholders')];
}

/**
 * Maps places in the rendered app back to the template: a file the template under check wrote
 * becomes its source file; a line is the same line (substitution never adds lines), a column
 * moves by what the placeholders changed before it. In a file rendered by Handlebars (lines may
 * differ) a line is found by its text when it occurs once, else only the file is named. Files
 * the template did not write keep their app path.
 */
function placeMapper(files: PlannedFile[], templateId: string, stagedDir: string): SampleApp['place'] {
  const bySource = new Map(files.filter((f) => f.template === templateId && f.source).map((f) => [f.path, f]));
  return (appRelative, line, column) => {
    const at = (file: string) => (line === undefined ? file : `${file}:${line}:${column ?? 1}`);
    const f = bySource.get(appRelative);
    if (!f?.source) return at(appRelative);
    if (line === undefined) return f.source;
    const originalLines = readFileSync(join(stagedDir, f.source), 'utf8').split('\n');
    const rendered = f.content.toString('utf8').split('\n')[line - 1];
    if (f.source.endsWith('.hbs')) {
      // Handlebars may add or drop lines: a line written as is in the template is found by its text.
      const found = originalLines.flatMap((text, i) => (text === rendered ? [i + 1] : []));
      return found.length === 1 ? `${f.source}:${found[0]}:${column ?? 1}` : f.source;
    }
    const original = originalLines[line - 1];
    return `${f.source}:${line}:${original === undefined || rendered === undefined ? (column ?? 1) : mapColumn(original, rendered, column ?? 1)}`;
  };
}

/** A 1-based column of `rendered` in `original`: same before the first change, counted from the end after the last one, else the change's start. */
export function mapColumn(original: string, rendered: string, column: number): number {
  if (original === rendered) return column;
  let head = 0;
  while (head < original.length && head < rendered.length && original[head] === rendered[head]) head++;
  let tail = 0;
  while (tail < original.length - head && tail < rendered.length - head && original[original.length - 1 - tail] === rendered[rendered.length - 1 - tail]) tail++;
  const at = column - 1;
  if (at < head) return column;
  if (at >= rendered.length - tail) return original.length - (rendered.length - at) + 1;
  return head + 1;
}

/** The type-check, once the sample app is sound enough to type-check. */
async function typesCheck(earlier: CheckResult[], options: ValidateOptions, sample: SampleApp): Promise<CheckResult[]> {
  if (earlier.some((c) => !c.ok)) return [skipped('types', 'type-check skipped: fix the problems above first')];
  if (!options.typeCheck) return [skipped('types', 'type-check skipped: this validation was run without a type checker')];
  return options.typeCheck(sample);
}

export async function validateTemplate(dir: string, options: ValidateOptions = {}): Promise<ValidationReport> {
  let info: TemplateInfo;
  try {
    info = readTemplateInfo(dir);
  } catch (err) {
    if (!(err instanceof UserError)) throw err;
    return { dir, ok: false, checks: [fail('metadata', err.message, 'metadata.json')] };
  }
  const listing = listTemplateFiles(info.dir);
  const checks = [...metadataChecks(info), ...fileChecks(listing)];
  const report = (extra: CheckResult[] = [], appDir?: string): ValidationReport => {
    const all = [...checks, ...extra];
    return { dir: info.dir, ok: all.every((c) => c.ok), checks: all, info, listing, ...(appDir ? { appDir } : {}) };
  };
  // Rendering a template that already failed would only repeat the failure less clearly.
  if (checks.some((c) => !c.ok)) return report();

  const work = mkdtempSync(join(tmpdir(), 'cga-validate-'));
  const appDir = join(work, 'app');
  try {
    const templateDir = join(work, 'template');
    copyTemplateFiles(info.dir, templateDir, listing.files);
    let rendered: { files: PlannedFile[]; entry: TemplateEntry };
    try {
      rendered = await renderSample(info, templateDir, appDir);
    } catch (err) {
      if (!(err instanceof UserError)) throw err;
      // The renderer names the offending template file in its message (`… refused: '<path>' …`).
      const message = err.message.split(`${templateDir}/`).join('');
      return report([fail('render', message, err.location?.file ?? /refused: '([^']+)'/.exec(message)?.[1])]);
    }
    const place = placeMapper(rendered.files, rendered.entry.id, templateDir);
    const checked = [
      pass('render', `rendered as ${SAMPLE_COMPONENT}${info.role === 'caller' ? ` calling ${SAMPLE_TARGET}` : ''} (${rendered.files.length} files)`),
      ...witChecks(appDir, place),
      manifestCheck(appDir, place),
      ...leftoverChecks(rendered.files, rendered.entry.id, place),
    ];
    if (info.language === 'ts')
      checked.push(
        ...(await typesCheck(checked, options, {
          appDir,
          component: SAMPLE_COMPONENT,
          ...(info.role === 'caller' ? { target: SAMPLE_TARGET } : {}),
          templateDir: info.dir,
          language: info.language,
          place,
        })),
      );
    return report(checked, options.keepApp ? appDir : undefined);
  } finally {
    if (!options.keepApp) rmSync(work, { recursive: true, force: true });
  }
}
