/**
 * Templates and their rendering: from a registry entry and a component name to the list of
 * files to write (nothing is written here; src/fs/stage.ts writes plans).
 *
 *   const registry = loadBundledRegistry();
 *   const template = findComponentTemplate(registry, 'ts');            // → ts/default
 *   const files = await planComponent({ appRoot, template, componentName: 'example:provider',
 *                                       registry, alreadyPlanned: new Set() });
 *
 * - `findComponentTemplate(registry, id)`: `ts` → `ts/default`, `rust/caller`, or a folder
 *   path holding a template (Golem's metadata.json format); UserError listing valid ids.
 * - `planComponent(...)`: the common template of the language and group (skipped when its
 *   `appCommonSkipIfExists` file exists under appRoot or is in alreadyPlanned), then the
 *   component template, with Golem's placeholder substitution in contents and names,
 *   `Cargo.toml._`/`_gitignore` renamed, metadata.json never copied, golem.yaml as Golem
 *   handles it (minijinja `{{ … }}` kept verbatim), `*.hbs` rendered with Handlebars, the WIT
 *   deps the metadata asks for. A component file that already exists is a UserError.
 * - `addToPlan(plan, files)`: adds a component's files to a run's plan (a path planned twice is
 *   one file; `.gitignore` lines merged).
 * - `resolveComponentTemplate(registry, spec, {cwd, offline})`: also remote specs, through the
 *   TemplateSource registered with `registerTemplateSource` (src/templates/sources).
 * - `validateComponentName(name)`: undefined or a message with a valid example.
 * - `placeholderValues(name)`: Golem's placeholder → value table, in Golem's order.
 * - Caller templates get `target: { componentName, client: ClientModel }` (client-model.ts);
 *   the `.hbs` context is documented in handlebars.ts and templates/README.md.
 * - `validateRegistryText` / `loadRegistryFile`: registry.json checked against registry.schema.json.
 */
export type { PlannedFile } from './types.js';
import type { Registry, RegistryJson } from './registry.js';
export type { TemplateEntry, Registry, RegistryJson, RegistryEntryJson, TemplateKind, TemplateRole } from './registry.js';
export type { TemplateMetadata } from './metadata.js';
export type { CallerTarget, HandlebarsContext } from './handlebars.js';
export type { ClientModel, ClientResource, ClientFunction, ClientParam } from './client-model.js';
export type { NameForms } from './names.js';
export { loadBundledRegistry, findCommonTemplate, normalizeLanguage, languageName, componentTemplateIds } from './registry.js';
export { findComponentTemplate, resolveComponentTemplate, withCommonTemplate, isFolderSpec } from './find.js';
export { registerTemplateSource, resolveTemplateSource, isRemoteSpec, type TemplateSource, type TemplateSourceOptions } from './source.js';
export { planComponent, addToPlan, type PlanComponentOptions } from './plan.js';
export { buildToolsLine } from './build-tools.js';
export { validateComponentName, placeholderValues, nameForms } from './names.js';
export { counterClientModel, clientNames, clientParam, clientFunction, clientResource } from './client-model.js';

/** Checks registry.json text against registry.schema.json (+ id/language/duplicate rules); loads ajv and yaml on first use. */
export async function validateRegistryText(text: string, file: string): Promise<RegistryJson> {
  return (await import('./validate-registry.js')).validateRegistryText(text, file);
}

/** A registry from its registry.json file (validated), entry paths relative to `root`. */
export async function loadRegistryFile(file: string, name: string, root: string): Promise<Registry> {
  return (await import('./validate-registry.js')).loadRegistryFile(file, name, root);
}
