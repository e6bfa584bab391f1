/**
 * `add component` with missing arguments on a terminal: template, name (WIT rules, not taken),
 * the target for caller templates, and which existing components should call the new one.
 * Returns what the flags would give; cancel throws CancelledError before anything is written.
 */
import type { App } from '../../app/index.js';
import { findComponentTemplate, loadBundledRegistry, type Registry } from '../../templates/index.js';
import { askMultiselect, askSelect, askText, intro } from './ask.js';
import { componentChoices, isCallerTemplate, templateChoices, templateLanguages } from './choices.js';
import { commonNamespace, componentNameValidator, suggestComponentName } from './names.js';

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

export async function promptAddComponent(
  app: Pick<App, 'components'>,
  given: { template?: string; name?: string; target?: string; registry?: Registry },
): Promise<AddComponentAnswers> {
  const registry = given.registry ?? loadBundledRegistry();
  const existing = [...app.components.keys()];
  const taken = new Set(existing);
  intro('add component');

  // A caller's code is rendered from its target's WIT: callers need a component to call.
  const offered = existing.length ? registry.templates : registry.templates.filter((t) => !isCallerTemplate(t));
  const template = findComponentTemplate(
    registry,
    given.template ?? (await askSelect({ message: 'Template:', options: templateChoices(offered, templateLanguages(offered)) })),
  );

  const suggestion = suggestComponentName(commonNamespace(existing, 'app'), isCallerTemplate(template) ? 'caller' : 'provider', taken);
  const name =
    given.name ??
    ((await askText({ message: 'Component name (namespace:name):', placeholder: suggestion, defaultValue: suggestion, validate: componentNameValidator(taken) })) ||
      suggestion);

  const target =
    given.target ??
    (isCallerTemplate(template)
      ? await askSelect({ message: `Which component does ${name} call?`, options: componentChoices(existing) })
      : undefined);

  const callers =
    existing.length === 0
      ? []
      : await askMultiselect({ message: `Should an existing component call ${name}? (space to tick, Enter to go on)`, options: componentChoices(existing), required: false });

  return { template: given.template ?? template.id, name, ...(target !== undefined ? { target } : {}), callers };
}
