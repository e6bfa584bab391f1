/**
 * `add component` with missing arguments on a terminal: template, name (WIT rules, not taken),
 * the target for caller templates, and which existing components should call the new one.
 * Returns what the flags would give; cancel throws CancelledError before anything is written.
 */
import type { App } from '../../app/index.js';
import { UserError } from '../../errors.js';
import { findComponentTemplate, isRemoteSpec, loadBundledRegistry, type Registry } from '../../templates/index.js';
import { askMultiselect, askSelect, askText, intro } from './ask.js';
import { componentChoices, isCallerTemplate, templateChoices, templateLanguages } from './choices.js';
import { commonNamespace, componentNameValidator, suggestComponentName } from './names.js';
import { offeredTemplates } from './templates.js';

export interface AddComponentAnswers {
  /** Registry id (`ts/default`) or the folder path given as template. */
  template: string;
  /** `<namespace>:<name>` */
  name: string;
  /** For caller templates: the existing component it calls. */
  target?: string;
  /** Existing components that should call the new one (a `wasm-rpc` dependency each). */
  callers: string[];
}

/** Where templates are looked up (as the command's flags say): the folder, `--offline`, `--registry`. */
interface TemplateLookupGiven {
  cwd?: string;
  offline?: boolean;
  extraRegistry?: string;
}

export async function promptAddComponent(
  app: Pick<App, 'components'>,
  given: { template?: string; name?: string; target?: string; registry?: Registry } & TemplateLookupGiven,
): Promise<AddComponentAnswers> {
  const registry = given.registry ?? loadBundledRegistry();
  const existing = [...app.components.keys()];
  const taken = new Set(existing);
  intro('add component');

  const { template, caller } = given.template === undefined ? await askTemplate(given, existing.length > 0) : { template: given.template, caller: isKnownCaller(registry, given.template) };

  const suggestion = suggestComponentName(commonNamespace(existing, 'app'), caller ? 'caller' : 'provider', taken);
  const name =
    given.name ??
    ((await askText({ message: 'Component name (namespace:name):', placeholder: suggestion, defaultValue: suggestion, validate: componentNameValidator(taken) })) ||
      suggestion);

  const target =
    given.target ??
    (caller
      ? await askSelect({ message: `Which component does ${name} call?`, options: componentChoices(existing) })
      : undefined);

  const callers =
    existing.length === 0
      ? []
      : await askMultiselect({ message: `Should an existing component call ${name}?`, options: componentChoices(existing), required: false });

  return { template, name, ...(target !== undefined ? { target } : {}), callers };
}

/** The template from the offered ones; a caller's code is rendered from its target's WIT, so callers need a component to call. */
async function askTemplate(given: TemplateLookupGiven, haveComponents: boolean): Promise<{ template: string; caller: boolean }> {
  const templates = await offeredTemplates({ cwd: given.cwd ?? process.cwd(), offline: given.offline, extra: given.extraRegistry });
  const offered = haveComponents ? templates : templates.filter((t) => !isCallerTemplate(t));
  const template = await askSelect({ message: 'Template:', options: templateChoices(offered, templateLanguages(offered)) });
  return { template, caller: offered.some((t) => t.id === template && isCallerTemplate(t)) };
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
