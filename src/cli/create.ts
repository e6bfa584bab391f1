/**
 * `create-golem-app [dir]`: flags → CreateOptions, create-vite style — whatever the flags leave
 * open is asked (only on a terminal, never with `--yes`): folder, languages, a loop of
 * components (template, name, a caller's target), which components call which, git; then the
 * plan is made, install is offered, the plan and the dependency graph are shown, and after a
 * confirm that same plan is written. A cancel at any prompt throws CancelledError (exit 130)
 * with nothing written. `--install` of an app holding install-time files from templates that
 * are not bundled asks for consent on a terminal (even with `--yes`, which is not consent);
 * elsewhere it installs with scripts off unless `--allow-scripts`.
 */
import { existsSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import type { RpcDependencyType } from '../app/index.js';
import {
  type ComponentRequest,
  type CreateOptions,
  type CreatePlan,
  type CreateResult,
  commitCreate,
  createApp,
  DEFAULT_TEMPLATE,
  defaultComponent,
  type DependencyRequest,
  isEmptyDir,
  planCreate,
  printDryRun,
  refuseNestedApp,
  witIdentifierFromFolder,
} from '../commands/create.js';
import { describeInstallTimeFiles } from '../commands/shared/install.js';
import { detectPackageManager } from '../commands/shared/package-manager.js';
import { CancelledError, UsageError } from '../errors.js';
import { normalizeLanguage, type TemplateEntry } from '../templates/index.js';
import { createReporter, isInteractiveTerminal, printJson } from './output.js';
import { componentChoices, dependencyTypeChoices, isCallerTemplate, languageName, templateChoices, templateLanguages } from './prompts/choices.js';
import { componentNameValidator, folderValidator, suggestComponentName } from './prompts/names.js';
import { graphLines, planLines, type Edge } from './prompts/summary.js';
import { offeredTemplates } from './prompts/templates.js';
import { defineCommand, flag, type Invocation, SOURCE_FLAGS, timeoutOption } from './spec.js';

export const spec = defineCommand({
  path: [],
  args: { dir: '[dir]' },
  summary: 'create a Golem application (interactive when a terminal and something is missing)',
  flags: {
    component: flag.list('<ns:name>', 'add a component (repeatable)'),
    template: flag.list('<lang>[/<name>]', 'template for the components: once for all, or once per --component (default: ts)', 't'),
    target: flag.list('<component>', 'what a caller template calls: once per caller component, in order'),
    dependency: flag.list('<caller>=<target>[=static-wasm-rpc]', 'a worker-to-worker dependency between components (repeatable; self allowed)'),
    yes: flag.boolean('accept the defaults, ask nothing', 'y'),
    'no-git': flag.boolean('do not initialise a git repository'),
    install: flag.boolean("run the package manager's install in the new app"),
    'allow-scripts': flag.boolean('let --install run the install-time code (package.json scripts, .npmrc, .yarnrc.yml, …) of templates that are not bundled'),
    overwrite: flag.boolean('allow a non-empty folder (existing files are kept, nothing is deleted)'),
    'dry-run': flag.boolean('print the files that would be written, write nothing'),
    json: flag.boolean('print a JSON summary (schemas/create.schema.json); asks nothing'),
    ...SOURCE_FLAGS,
  },
});

type Input = Invocation<typeof spec>;

const DEFAULT_DIR = 'golem-app';

/** `--template` given once applies to every component; given as often as `--component`, they pair in order. */
function pairTemplates(names: string[], templates: string[]): ComponentRequest[] {
  if (templates.length > 1 && templates.length !== names.length) {
    throw new UsageError(`${templates.length} --template values for ${names.length} --component values`, {
      hint: 'Give --template once (for all components) or once per --component.',
    });
  }
  return names.map((name, i) => ({ name, template: templates[templates.length > 1 ? i : 0] ?? DEFAULT_TEMPLATE }));
}

/** `--dependency caller=target[=static-wasm-rpc]`. */
function parseDependency(text: string): DependencyRequest {
  const [caller, target, type = 'wasm-rpc', ...rest] = text.split('=');
  if (!caller || !target || rest.length > 0 || (type !== 'wasm-rpc' && type !== 'static-wasm-rpc')) {
    throw new UsageError(`bad --dependency '${text}'`, { hint: 'Write it as <caller>=<target>, e.g. example:caller=example:provider (add =static-wasm-rpc for that type).' });
  }
  return { caller, target, type };
}

/** What the flags say, whatever is asked. */
const sourceOptions = (flags: Input['flags']) => ({
  ...(flags.offline ? { offline: true } : {}),
  ...(flags.registry !== undefined ? { registry: flags.registry } : {}),
  ...timeoutOption(flags.timeout),
});

export async function run({ args, flags, cwd }: Input): Promise<number> {
  // Inside an app, a new app (the default folder included) would be nested: refused before any question.
  refuseNestedApp(args.dir, cwd, DEFAULT_DIR);
  if (isInteractiveTerminal() && !flags.yes && !flags.json && (args.dir === undefined || flags.component.length === 0)) return runInteractive({ args, flags, cwd });
  const dir = resolve(cwd, args.dir ?? DEFAULT_DIR);
  const components = flags.component.length > 0 ? pairTemplates(flags.component, flags.template) : [defaultComponent(dir, flags.template[0])];
  const options: CreateOptions = {
    dir,
    cwd,
    components,
    callerTargets: flags.target,
    dependencies: flags.dependency.map(parseDependency),
    git: !flags['no-git'],
    install: flags.install,
    allowScripts: flags['allow-scripts'],
    overwrite: flags.overwrite,
    dryRun: flags['dry-run'],
    ...sourceOptions(flags),
  };
  const reporter = createReporter({ machineOutput: flags.json });
  let result: CreateResult;
  if (options.dryRun || !options.install) result = await createApp(options, reporter);
  else {
    const plan = await planCreate(options, reporter);
    // --json asks nothing: scripts stay off unless --allow-scripts, as anywhere without a terminal.
    if (!flags.json) Object.assign(options, await installConsent(plan, detectPackageManager()));
    result = await commitCreate(plan, reporter);
  }
  if (flags.json) printJson(result.summary);
  return 0;
}

/**
 * Whether and how to install: install-time files from templates that are not bundled are listed
 * and the user decides (on a terminal; `--yes` is not consent). Elsewhere, or when the user says
 * so, the install runs with scripts off (commitCreate says so); `--allow-scripts` is consent.
 */
async function installConsent(plan: CreatePlan, packageManager: string): Promise<{ install: boolean; allowScripts: boolean }> {
  const { install = false, allowScripts = false } = plan.options;
  if (!install || allowScripts || !plan.hasNodePackage || !isInteractiveTerminal()) return { install, allowScripts };
  const risky = plan.installTimeFiles;
  if (risky.length === 0) return { install, allowScripts };
  const p = await import('./prompts/ask.js');
  p.note(describeInstallTimeFiles(risky).join('\n'), 'Install-time files from templates that are not bundled');
  const choice = await p.askSelect({
    message: `Installing with ${packageManager} can run code from these files. Run it?`,
    options: [
      { value: 'off', label: 'Install with scripts off', hint: 'recommended' },
      { value: 'run', label: 'Install and run their scripts' },
      { value: 'skip', label: 'Do not install' },
    ],
    initialValue: 'off',
  });
  return { install: choice !== 'skip', allowScripts: choice === 'run' };
}

type Prompts = typeof import('./prompts/ask.js');

async function runInteractive({ args, flags, cwd }: Input): Promise<number> {
  const [p, { createPromptReporter }] = await Promise.all([import('./prompts/ask.js'), import('./prompts/reporter.js')]);
  // Flags answer their questions: they are read (and checked) before the first prompt.
  const flagDependencies = flags.dependency.map(parseDependency);
  const sources = sourceOptions(flags);
  p.intro('create-golem-app');
  const folder = await askFolder(p, cwd, args.dir, flags.overwrite);
  const components = flags.component.length
    ? pairTemplates(flags.component, flags.template)
    : await askComponents(
        p,
        await offeredTemplates({
          cwd,
          offline: flags.offline,
          ...(flags.registry !== undefined ? { extra: flags.registry } : {}),
          ...(sources.timeoutSeconds === undefined ? {} : { timeoutSeconds: sources.timeoutSeconds }),
        }),
        folder.dir,
        flags.template,
      );
  const dependencies = flagDependencies.length ? flagDependencies : await askDependencies(p, components);
  const git = flags['no-git'] ? false : await p.askConfirm({ message: 'Initialise a git repository?', initialValue: true });
  const packageManager = detectPackageManager();
  const options: CreateOptions = {
    ...sources,
    dir: folder.dir,
    cwd,
    components,
    ...(flags.component.length ? { callerTargets: flags.target } : {}),
    dependencies,
    git,
    install: false,
    allowScripts: flags['allow-scripts'],
    overwrite: folder.overwrite,
    dryRun: flags['dry-run'],
    packageManager,
  };

  // The plan, made once: shown here, then written as it is.
  const reporter = createPromptReporter();
  const plan = await planCreate(options, reporter);
  const install = flags.install || (plan.hasNodePackage && (await p.askConfirm({ message: `Install dependencies with ${packageManager}?`, initialValue: false })));
  const written = plan.files.filter((f) => f.action !== 'skip' && f.action !== 'unchanged');
  p.note(
    [
      `${folder.shown}/`,
      ...planLines(written.map((f) => f.path)).map((l) => `  ${l}`),
      '',
      'Dependencies:',
      ...graphLines(edgesOf(components, dependencies)).map((l) => `  ${l}`),
      '',
      `git: ${git ? 'yes' : 'no'} · install: ${install ? packageManager : 'no'}`,
    ].join('\n'),
    `About to write ${written.length} files`,
  );
  if (!(await p.askConfirm({ message: 'Create the app?', initialValue: true }))) throw new CancelledError();
  if (options.dryRun) printDryRun(plan, reporter);
  else {
    options.install = install;
    Object.assign(options, await installConsent(plan, packageManager));
    await commitCreate(plan, reporter);
  }
  reporter.close();
  return 0;
}

/** The folder; a non-empty one offers cancel, writing into it, or choosing another. */
async function askFolder(p: Prompts, cwd: string, given: string | undefined, overwrite: boolean): Promise<{ dir: string; shown: string; overwrite: boolean }> {
  const validate = (value: string | undefined) => folderValidator(value) ?? notAFile(resolve(cwd, value || DEFAULT_DIR));
  const ask = async (message: string) => (await p.askText({ message, placeholder: DEFAULT_DIR, defaultValue: DEFAULT_DIR, validate })) || DEFAULT_DIR;
  let shown = given ?? (await ask('Application folder:'));
  for (;;) {
    const dir = resolve(cwd, shown);
    const problem = notAFile(dir);
    if (problem) {
      p.log.warn(problem);
      shown = await ask('Another folder:');
      continue;
    }
    if (overwrite || isEmptyDir(dir)) return { dir, shown, overwrite };
    const choice = await p.askSelect({
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
async function askComponents(p: Prompts, templates: TemplateEntry[], dir: string, templatesGiven: string[]): Promise<ComponentRequest[]> {
  const available = templateLanguages(templates);
  const languages =
    available.length <= 1
      ? available
      : await p.askMultiselect({
          message: 'Languages:',
          options: available.map((l) => ({ value: l, label: languageName(l) })),
          initialValues: [normalizeLanguage(templatesGiven[0]?.split('/')[0] ?? available[0]!)].filter((l) => available.includes(l)),
        });
  const chosen: ComponentRequest[] = [];
  do {
    // The folder's name at first, then the namespace the user chose last (`shop:cart` → `shop:…`).
    const namespace = chosen.at(-1)?.name.split(':')[0] ?? witIdentifierFromFolder(dir) ?? 'app';
    // A caller needs a component to call: caller templates are offered from the second component on.
    const offered = chosen.length ? templates : templates.filter((t) => !isCallerTemplate(t));
    const id = await p.askSelect({ message: chosen.length ? 'Template of the next component:' : 'Template of the first component:', options: templateChoices(offered, languages) });
    const template = templates.find((t) => t.id === id)!;
    chosen.push(await askComponent(p, template, namespace, chosen));
  } while (await p.askConfirm({ message: 'Add another component?', initialValue: false }));
  return chosen;
}

async function askComponent(p: Prompts, template: TemplateEntry, namespace: string, chosen: ComponentRequest[]): Promise<ComponentRequest> {
  const taken = new Set(chosen.map((c) => c.name));
  const suggestion = suggestComponentName(namespace, isCallerTemplate(template) ? 'caller' : 'provider', taken);
  const name =
    (await p.askText({ message: 'Component name (namespace:name):', placeholder: suggestion, defaultValue: suggestion, validate: componentNameValidator(taken) })) || suggestion;
  if (!isCallerTemplate(template)) return { name, template: template.id };
  // Its code is rendered from the target's WIT, so the target is a component chosen before it.
  const target = await p.askSelect({
    message: `Which component does ${name} call?`,
    options: componentChoices([...taken].reverse()), // the one just added first: most often the one meant
  });
  return { name, template: template.id, target };
}

/** "Which components call which?": a multi-select per component (itself included), then the type. */
async function askDependencies(p: Prompts, components: ComponentRequest[]): Promise<DependencyRequest[]> {
  const names = components.map((c) => c.name);
  const picked: { caller: string; target: string }[] = [];
  p.log.info('Which components call which? Any of them, itself included; none is fine.');
  for (const c of components) {
    // A caller template already writes the dependency on its target: not offered again.
    const options = componentChoices(
      names.filter((n) => n !== c.target),
      { self: c.name },
    );
    const message = c.target ? `${c.name} calls ${c.target} (its template); it also calls:` : `${c.name} calls:`;
    const targets = await p.askMultiselect({ message, options, required: false });
    picked.push(...targets.map((target) => ({ caller: c.name, target })));
  }
  if (picked.length === 0) return [];
  const type = await p.askSelect<RpcDependencyType>({ message: 'Dependency type:', options: dependencyTypeChoices(), initialValue: 'wasm-rpc' });
  return picked.map((e) => ({ ...e, type }));
}

function edgesOf(components: ComponentRequest[], dependencies: DependencyRequest[]): Edge[] {
  const fromTemplates = components.flatMap((c) => (c.target ? [{ caller: c.name, target: c.target, type: 'wasm-rpc', origin: 'caller template' }] : []));
  return [...fromTemplates, ...dependencies];
}
