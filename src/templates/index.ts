/**
 * Templates: rendering/ (a component's files from a template), sources/ (template folders,
 * hosted and git sources), registries/ (the bundled registry and added ones), publishing/
 * (templates init, validate, publish). This module is the door the commands use; nothing here
 * writes: files are planned into the run's Plan (src/fs/plan.ts), which the command commits.
 *
 *   const registry = loadBundledRegistry();
 *   const template = findComponentTemplate(registry, 'ts');            // → ts/default
 *   addToPlan(plan, await planComponent({ into: plan, template, componentName: 'example:provider', registry }));
 *
 * - `findComponentTemplate(registry, id)`: `ts` → `ts/default`, `rust/caller`, or a folder
 *   path holding a template (Golem's metadata.json format); UserError listing valid ids.
 * - `planComponent(...)`: the common template of the language and group (skipped when its
 *   `appCommonSkipIfExists` file is in the app or already planned), then the component
 *   template, with Golem's placeholder substitution in contents and names,
 *   `Cargo.toml._`/`_gitignore` renamed, metadata.json never copied, golem.yaml as Golem
 *   handles it (minijinja `{{ … }}` kept verbatim), `*.hbs` rendered with Handlebars, the WIT
 *   deps the metadata asks for. A component file that already exists is a UserError.
 * - `addToPlan(plan, files)`: adds a component's files to a run's plan (a path planned twice is
 *   one file; `.gitignore` lines merged).
 * - `resolveComponentTemplate(registry, spec, {cwd, offline})`: also remote specs, through the
 *   TemplateSource registered with `registerTemplateSource` (src/templates/sources).
 * - `validateComponentName(name)`: undefined or a message with a valid example.
 * - Caller templates get `target: { componentName, client: ClientModel }` (client-model.ts);
 *   the `.hbs` context is documented in handlebars.ts and templates/README.md.
 * - `clientUsage(client, 'ts' | 'rust')`: the import (`use`) line and a one-line construction of a client.
 * - `validateRegistryText` / `loadRegistryFile`: registry.json checked against registry.schema.json.
 */
export type { PlannedFile } from './rendering/types.js';
import type { Registry, RegistryJson } from './registries/registry.js';
export type { TemplateEntry, TemplateKind, Registry, RegistryJson } from './registries/registry.js';
export type { CallerTarget } from './rendering/handlebars.js';
export type { ClientModel } from './rendering/client-model.js';
export { knownLanguage, loadBundledRegistry, normalizeLanguage, languageName } from './registries/registry.js';
export { buildToolsLine, GOLEM_CLI_VERSION } from './build-tools.js';
export { findComponentTemplate, resolveComponentTemplate, isFolderSpec } from './sources/find.js';
export { registerTemplateSource, isRemoteSpec, type TemplateSource } from './sources/seam.js';
export { planComponent, addToPlan } from './rendering/plan.js';
export { attributeToTemplate } from './rendering/attribute.js';
export { validateComponentName } from './rendering/names.js';
export { counterClientModel, clientNames } from './rendering/client-model.js';
export { clientUsage } from './rendering/caller-example.js';

/** Checks registry.json text against registry.schema.json (+ id/language/duplicate rules); loads ajv and yaml on first use. */
export async function validateRegistryText(text: string, file: string): Promise<RegistryJson> {
  return (await import('./registries/validate.js')).validateRegistryText(text, file);
}

/** A registry from its registry.json file (validated), entry paths relative to `root`. */
export async function loadRegistryFile(file: string, name: string, root: string): Promise<Registry> {
  return (await import('./registries/validate.js')).loadRegistryFile(file, name, root);
}
