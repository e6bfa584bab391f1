/**
 * Resolving what the user typed after `--template` / `add component`: a registry id (`ts`,
 * `ts/default`, `rust/caller`), a local template folder (a path: absolute, `./…`, `../…`), or
 * (async only) a remote spec resolved through a TemplateSource.
 */
import { isAbsolute, resolve } from 'node:path';
import { localTemplate } from './local.js';
import { adapterRefusal } from '../metadata.js';
import { findCommonTemplate, findTemplateById, type Registry, type TemplateEntry } from '../registries/registry.js';
import { fetchRemoteTemplate, isRemoteSpec, type TemplateSourceOptions } from './seam.js';

export function isFolderSpec(spec: string): boolean {
  return isAbsolute(spec) || spec === '.' || spec === '..' || /^\.\.?[\\/]/.test(spec);
}

export function findComponentTemplate(registry: Registry, id: string, cwd = process.cwd()): TemplateEntry {
  return isFolderSpec(id) ? localTemplate(resolve(cwd, id)) : findTemplateById(registry, id);
}

/** Like findComponentTemplate, also for remote specs and registry entries with a remote `source`. */
export async function resolveComponentTemplate(registry: Registry, spec: string, options: TemplateSourceOptions): Promise<TemplateEntry> {
  if (isRemoteSpec(spec)) return withCommonTemplate(registry, { ...localTemplate(await fetchRemoteTemplate(spec, options), specPath(spec)), origin: spec }, options);
  const entry = findComponentTemplate(registry, spec, options.cwd);
  if (entry.source && !entry.path) {
    // A cache folder has no sibling common template: the registry's applies. The entry's own id, role and description stay.
    const { common: _none, ...fetched } = localTemplate(await fetchRemoteTemplate(entry.source, options), specPath(entry.source));
    return withCommonTemplate(registry, { ...fetched, id: entry.id, origin: entry.origin, description: entry.description, ...(entry.role ? { role: entry.role } : {}) }, options);
  }
  return entry;
}

/**
 * The template with the common template it will use: its own (a sibling folder), else the
 * registry's for its language and group, fetched first when that one is remote (golem's common
 * templates of the languages other than TS and Rust). A common template that needs Golem's WASI
 * adapter is refused before it is fetched.
 */
export async function withCommonTemplate(registry: Registry, template: TemplateEntry, options: TemplateSourceOptions): Promise<TemplateEntry> {
  if (template.common) return template;
  const common = findCommonTemplate(registry, template.language, template.group);
  if (common?.requiresAdapter) throw adapterRefusal(template.id);
  if (!common?.source || common.path) return template;
  return { ...template, common: { ...common, path: await fetchRemoteTemplate(common.source, options) } };
}

/** The path part of a remote spec (`github:o/r/templates/ts/ts-app-x#v1` → `o/r/templates/ts/ts-app-x`): it names the template. */
function specPath(spec: string): string {
  return spec
    .replace(/#.*$/, '')
    .replace(/^[a-z][a-z0-9+.-]*:(\/\/)?/i, '')
    .replace(/\/\//g, '/')
    .replace(/\/+$/, '');
}
