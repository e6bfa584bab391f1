/** The option lists the prompts show: templates by language, components, dependency types. */
import type { ComponentType, DependencyType, RpcDependencyType } from '../../app/index.js';
import { languageName, type TemplateEntry } from '../../templates/index.js';
import type { Choice } from './ask.js';

/** Display names of the languages we know; any other language shows its id. */

export { languageName };

const DEPENDENCY_TYPE_CHOICES: Record<DependencyType, Choice<DependencyType>> = {
  'wasm-rpc': { value: 'wasm-rpc', label: 'wasm-rpc', hint: 'dynamic linking, the default' },
  'static-wasm-rpc': { value: 'static-wasm-rpc', label: 'static-wasm-rpc', hint: 'deprecated in Golem 1.2; needs a Rust toolchain' },
  wasm: { value: 'wasm', label: 'wasm', hint: 'link a library: a library component, a file or a URL' },
};

/** Dependency types as choices; by default the worker-to-worker ones (`create` asks how callers call). */
export function dependencyTypeChoices<T extends DependencyType = RpcDependencyType>(types: readonly T[] = ['wasm-rpc', 'static-wasm-rpc'] as T[]): Choice<T>[] {
  return types.map((t) => DEPENDENCY_TYPE_CHOICES[t] as Choice<T>);
}

/** The types Golem's prompt offers a component of this type (static-wasm-rpc is accepted, not offered). */
export function offeredDependencyTypes(caller: ComponentType): DependencyType[] {
  return caller === 'library' ? ['wasm'] : ['wasm-rpc', 'wasm'];
}

export const isCallerTemplate = (t: TemplateEntry): boolean => t.role === 'caller';

/** Languages that have at least one component template, in registry order. */
export function templateLanguages(templates: TemplateEntry[]): string[] {
  return [...new Set(templates.filter((t) => t.kind === 'component').map((t) => t.language))];
}

/**
 * Component templates of the given languages, grouped by language (each label starts with the
 * language, so the groups read as such in a plain log too), with their descriptions.
 */
export function templateChoices(templates: TemplateEntry[], languages: string[]): Choice<string>[] {
  const entries = templates.filter((t) => t.kind === 'component' && languages.includes(t.language)).sort((a, b) => languages.indexOf(a.language) - languages.indexOf(b.language));
  // `ts/default` → "TypeScript · default"; an added registry's `acme/ts/counter` → "TypeScript · acme/counter".
  const label = (t: TemplateEntry) =>
    `${languageName(t.language)} · ${t.id
      .split('/')
      .filter((part) => part !== t.language)
      .join('/')}`;
  const width = Math.max(0, ...entries.map((t) => label(t).length));
  return entries.map((t) => ({ value: t.id, label: `${label(t).padEnd(width)}  ${t.description}` }));
}

/**
 * Components to pick from; `self` is listed first, marked "itself"; `notes` adds a remark to
 * some (e.g. "already a dependency"). Remarks go in the label, not in clack's hint, which only
 * shows under the cursor.
 */
export function componentChoices(names: Iterable<string>, options: { self?: string; notes?: ReadonlyMap<string, string> } = {}): Choice<string>[] {
  const { self, notes } = options;
  const ordered = self === undefined ? [...names] : [self, ...[...names].filter((n) => n !== self)];
  return ordered.map((name) => {
    const remarks = [name === self ? 'itself' : undefined, notes?.get(name)].filter(Boolean);
    return { value: name, label: remarks.length ? `${name} (${remarks.join(', ')})` : name };
  });
}
