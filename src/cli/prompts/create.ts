/**
 * The interactive create flow: folder, languages, a loop of components (template, name, target
 * for callers), which components call which, git, install, then a summary of the file plan and
 * the dependency graph and a confirm. Every question comes before any write; a cancel at any
 * prompt throws CancelledError (exit 130) with nothing written. Questions whose answer a flag
 * already gives are not asked.
 */
import { existsSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import type { RpcDependencyType } from '../../app/index.js';
import { CancelledError } from '../../errors.js';
import { createApp, isEmptyDir, witIdentifierFromFolder, type ComponentRequest, type CreateOptions, type DependencyRequest } from '../../commands/create.js';
import { silentReporter } from '../../report.js';
import { detectPackageManager } from '../../commands/shared/package-manager.js';
import { normalizeLanguage, type TemplateEntry } from '../../templates/index.js';
import { DEFAULT_DIR, pairTemplates, parseDependency } from '../commands/create.js';
import type { ParsedCommand } from '../table.js';
import { askConfirm, askMultiselect, askSelect, askText, intro, log, note } from './ask.js';
import { componentChoices, dependencyTypeChoices, isCallerTemplate, languageName, templateChoices, templateLanguages } from './choices.js';
import { componentNameValidator, folderValidator, suggestComponentName } from './names.js';
import { graphLines, planLines, type Edge } from './summary.js';
import { offeredTemplates } from './templates.js';

export async function promptCreate(parsed: ParsedCommand, given: { dir?: string; components: string[]; templates: string[] }): Promise<CreateOptions> {
  const v = parsed.values;
  const strings = (key: string) => ((v[key] as string[] | undefined) ?? []).map(String);
  // Flags answer their questions: they are read (and checked) before the first prompt.
  const flagDependencies = strings('dependency').map(parseDependency);
  const flags = {
    ...(v.offline === true ? { offline: true } : {}),
    ...(typeof v.registry === 'string' ? { registry: v.registry } : {}),
    ...(given.components.length ? { callerTargets: strings('target') } : {}),
  };
  intro('create-golem-app');
  const folder = await askFolder(parsed.cwd, given.dir, v.overwrite === true);
  const components: ComponentRequest[] = given.components.length
    ? pairTemplates(given.components, given.templates)
    : await askComponents(await offeredTemplates({ cwd: parsed.cwd, ...flags, extra: flags.registry }), folder.dir, given.templates);
  const dependencies = flagDependencies.length ? flagDependencies : await askDependencies(components);

  const git = v['no-git'] === true ? false : await askConfirm({ message: 'Initialise a git repository?', initialValue: true });
  const answers = { ...flags, dir: folder.dir, components, dependencies, git, install: false, overwrite: folder.overwrite, dryRun: v['dry-run'] === true, packageManager: detectPackageManager() };
  // The file plan, as a dry run computes it: nothing is written.
  const { files } = await createApp({ ...answers, dryRun: true }, silentReporter);
  const pm = answers.packageManager;
  const hasNodePackage = files.some((f) => f.path === 'package.json');
  const install =
    v.install === true || (hasNodePackage && (await askConfirm({ message: `Install dependencies with ${pm}?`, initialValue: false })));

  const written = files.filter((f) => f.action !== 'skip' && f.action !== 'unchanged');
  note(
    [
      `${folder.shown}/`,
      ...planLines(written.map((f) => f.path)).map((l) => `  ${l}`),
      '',
      'Dependencies:',
      ...graphLines(edgesOf(components, dependencies)).map((l) => `  ${l}`),
      '',
      `git: ${git ? 'yes' : 'no'} · install: ${install ? pm : 'no'}`,
    ].join('\n'),
    `About to write ${written.length} files`,
  );
  if (!(await askConfirm({ message: 'Create the app?', initialValue: true }))) throw new CancelledError();
  return { ...answers, install };
}

/** The folder; a non-empty one offers cancel, writing into it, or choosing another. */
async function askFolder(cwd: string, given: string | undefined, overwrite: boolean): Promise<{ dir: string; shown: string; overwrite: boolean }> {
  const validate = (value: string | undefined) => folderValidator(value) ?? notAFile(resolve(cwd, value || DEFAULT_DIR));
  const ask = async (message: string) => (await askText({ message, placeholder: DEFAULT_DIR, defaultValue: DEFAULT_DIR, validate })) || DEFAULT_DIR;
  let shown = given ?? (await ask('Application folder:'));
  for (;;) {
    const dir = resolve(cwd, shown);
    const problem = notAFile(dir);
    if (problem) {
      log.warn(problem);
      shown = await ask('Another folder:');
      continue;
    }
    if (overwrite || isEmptyDir(dir)) return { dir, shown, overwrite };
    const choice = await askSelect({
      message: `${shown} is not empty. What now?`,
      options: [
        { value: 'cancel', label: 'Cancel' },
        { value: 'overwrite', label: 'Write into it', hint: 'only files the templates write are touched, nothing is deleted' },
        { value: 'another', label: 'Choose another folder' },
      ],
    });
    if (choice === 'cancel') throw new CancelledError();
    if (choice === 'overwrite') return { dir, shown, overwrite: true };
    shown = await ask('Another folder:');
  }
}

function notAFile(path: string): string | undefined {
  return existsSync(path) && !statSync(path).isDirectory() ? `${path} is a file, not a folder` : undefined;
}

/** Languages, then "add a component?" until the user says no (at least one component). */
async function askComponents(templates: TemplateEntry[], dir: string, templatesGiven: string[]): Promise<ComponentRequest[]> {
  const available = templateLanguages(templates);
  const languages =
    available.length <= 1
      ? available
      : await askMultiselect({
          message: 'Languages:',
          options: available.map((l) => ({ value: l, label: languageName(l) })),
          initialValues: [normalizeLanguage(templatesGiven[0]?.split('/')[0] ?? available[0]!)].filter((l) => available.includes(l)),
        });
  const namespace = witIdentifierFromFolder(dir) ?? 'app';
  const chosen: ComponentRequest[] = [];
  do {
    // A caller needs a component to call: caller templates are offered from the second component on.
    const offered = chosen.length ? templates : templates.filter((t) => !isCallerTemplate(t));
    const id = await askSelect({ message: chosen.length ? 'Template of the next component:' : 'Template of the first component:', options: templateChoices(offered, languages) });
    const template = templates.find((t) => t.id === id)!;
    chosen.push(await askComponent(template, namespace, chosen));
  } while (await askConfirm({ message: 'Add another component?', initialValue: false }));
  return chosen;
}

async function askComponent(template: TemplateEntry, namespace: string, chosen: ComponentRequest[]): Promise<ComponentRequest> {
  const taken = new Set(chosen.map((c) => c.name));
  const suggestion = suggestComponentName(namespace, isCallerTemplate(template) ? 'caller' : 'provider', taken);
  const name =
    (await askText({ message: 'Component name (namespace:name):', placeholder: suggestion, defaultValue: suggestion, validate: componentNameValidator(taken) })) ||
    suggestion;
  if (!isCallerTemplate(template)) return { name, template: template.id };
  // Its code is rendered from the target's WIT, so the target is a component chosen before it.
  const target = await askSelect({
    message: `Which component does ${name} call?`,
    options: componentChoices([...taken].reverse()), // the one just added first: most often the one meant
  });
  return { name, template: template.id, target };
}

/** "Which components call which?": a multi-select per component (itself included), then the type. */
async function askDependencies(components: ComponentRequest[]): Promise<DependencyRequest[]> {
  const names = components.map((c) => c.name);
  const picked: { caller: string; target: string }[] = [];
  log.info('Which components call which? Any of them, itself included; none is fine.');
  for (const c of components) {
    // A caller template already writes the dependency on its target: not offered again.
    const options = componentChoices(names.filter((n) => n !== c.target), { self: c.name });
    const message = c.target ? `${c.name} calls ${c.target} (its template); it also calls:` : `${c.name} calls:`;
    const targets = await askMultiselect({ message, options, required: false });
    picked.push(...targets.map((target) => ({ caller: c.name, target })));
  }
  if (picked.length === 0) return [];
  const type = await askSelect({ message: 'Dependency type:', options: dependencyTypeChoices(), initialValue: 'wasm-rpc' as RpcDependencyType });
  return picked.map((e) => ({ ...e, type }));
}

function edgesOf(components: ComponentRequest[], dependencies: DependencyRequest[]): Edge[] {
  const fromTemplates = components.flatMap((c) => (c.target ? [{ caller: c.name, target: c.target, type: 'wasm-rpc', origin: 'caller template' }] : []));
  return [...fromTemplates, ...dependencies];
}
