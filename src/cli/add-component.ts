/**
 * `create-golem-app add component [template] [ns:name] [--target <component>] [--called-by <component>]… [--app <dir>]`.
 * On a terminal, what is missing is asked for (template, name, a caller's target, existing
 * components that should call the new one); without a terminal, missing arguments are a usage error.
 */
import { AppSession } from '../app/session.js';
import { runAddComponent } from '../commands/add-component.js';
import { UsageError, UserError } from '../errors.js';
import { findComponentTemplate, isRemoteSpec, loadBundledRegistry, type Registry } from '../templates/index.js';
import { createReporter, isInteractiveTerminal, printJson } from './output.js';
import { componentChoices, isCallerTemplate, templateChoices, templateLanguages } from './prompts/choices.js';
import { commonNamespace, componentNameValidator, suggestComponentName } from './prompts/names.js';
import { offeredTemplates, type TemplateLookup } from './prompts/templates.js';
import { APP_FLAG, defineCommand, flag, type Invocation, SOURCE_FLAGS, timeoutOption } from './spec.js';

export const spec = defineCommand({
  path: ['add', 'component'],
  args: { template: '[template]', name: '[ns:name]' },
  summary: 'add a component from a template (callers get --target)',
  flags: {
    target: flag.string('<component>', 'the component a caller template calls'),
    'called-by': flag.list('<component>', 'an existing component that should call the new one (repeatable; a wasm-rpc dependency)'),
    'dry-run': flag.boolean('list the files that would be written, write nothing'),
    json: flag.boolean('print a JSON summary (schemas/add-component.schema.json)'),
    ...SOURCE_FLAGS,
    ...APP_FLAG,
  },
});

interface AddComponentAnswers {
  /** Registry id (`ts/default`) or the folder path given as template. */
  template: string;
  /** `<namespace>:<name>` */
  name: string;
  /** For caller templates: the existing component it calls. */
  target?: string;
  /** Existing components that should call the new one (a `wasm-rpc` dependency each). */
  callers: string[];
}

export async function run({ args, flags, cwd }: Invocation<typeof spec>): Promise<number> {
  const network = timeoutOption(flags.timeout);
  const given = { cwd, app: flags.app, offline: flags.offline, registry: flags.registry, dryRun: flags['dry-run'], ...network };
  if (args.template !== undefined && args.name !== undefined) {
    const answers = { template: args.template, name: args.name, callers: flags['called-by'], ...(flags.target !== undefined ? { target: flags.target } : {}) };
    const result = await runAddComponent({ ...given, ...answers }, createReporter({ machineOutput: flags.json }));
    if (flags.json) printJson(result.summary);
    return 0;
  }
  if (!isInteractiveTerminal() || flags.json) {
    throw new UsageError(`missing argument ${args.template === undefined ? '<template>' : '<ns:name>'}`, {
      hint: 'Give the template and the component name (e.g. add component ts example:provider), or run it in a terminal to be asked.',
    });
  }
  const session = AppSession.open(cwd, flags.app);
  const answers = await ask(
    [...session.app.components.keys()],
    { template: args.template, name: args.name, target: flags.target },
    { cwd, offline: flags.offline, extra: flags.registry, ...network },
  );
  await runAddComponent({ ...given, ...answers, session }, createReporter());
  return 0;
}

/** Template, name (WIT rules, not taken), a caller's target, existing callers. Cancel writes nothing. */
async function ask(existing: string[], given: { template?: string; name?: string; target?: string; registry?: Registry }, lookup: TemplateLookup): Promise<AddComponentAnswers> {
  const { askMultiselect, askSelect, askText, intro } = await import('./prompts/ask.js');
  const registry = given.registry ?? loadBundledRegistry();
  const taken = new Set(existing);
  intro('add component');

  let template = given.template;
  let caller = template !== undefined && isKnownCaller(registry, template);
  if (template === undefined) {
    // A caller's code is rendered from its target's WIT, so callers need a component to call.
    const templates = await offeredTemplates(lookup);
    const offered = existing.length > 0 ? templates : templates.filter((t) => !isCallerTemplate(t));
    template = await askSelect({ message: 'Template:', options: templateChoices(offered, templateLanguages(offered)) });
    caller = offered.some((t) => t.id === template && isCallerTemplate(t));
  }

  const suggestion = suggestComponentName(commonNamespace(existing, 'app'), caller ? 'caller' : 'provider', taken);
  const name =
    given.name ??
    ((await askText({ message: 'Component name (namespace:name):', placeholder: suggestion, defaultValue: suggestion, validate: componentNameValidator(taken) })) || suggestion);

  const target = given.target ?? (caller ? await askSelect({ message: `Which component does ${name} call?`, options: componentChoices(existing) }) : undefined);

  const callers =
    existing.length === 0 ? [] : await askMultiselect({ message: `Should an existing component call ${name}?`, options: componentChoices(existing), required: false });

  return { template, name, ...(target !== undefined ? { target } : {}), callers };
}

/**
 * Whether a template is a caller, as far as the bundled registry or a local folder tells; remote
 * templates and ids of added registries are resolved (and checked) by the command itself.
 */
function isKnownCaller(registry: Registry, spec: string): boolean {
  if (isRemoteSpec(spec)) return false;
  try {
    return isCallerTemplate(findComponentTemplate(registry, spec));
  } catch (err) {
    if (err instanceof UserError) return false;
    throw err;
  }
}
