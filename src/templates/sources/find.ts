/**
 * Resolving what the user typed after `--template` / `add component`: a registry id (`ts`,
 * `ts/default`, `rust/caller`), a local template folder (a path: absolute, `./…`, `../…`), or
 * (async only) a remote spec resolved through a TemplateSource.
 */
import { isAbsolute, resolve } from 'node:path';
import { localTemplate } from './local.js';
import { findTemplateById, type Registry, type TemplateEntry } from '../registries/registry.js';
import { fetchRemoteTemplate, isRemoteSpec, type TemplateSourceOptions } from './seam.js';

export function isFolderSpec(spec: string): boolean {
  return isAbsolute(spec) || spec === '.' || spec === '..' || /^\.\.?[\\/]/.test(spec);
}

export function findComponentTemplate(registry: Registry, id: string, cwd = process.cwd()): TemplateEntry {
  return isFolderSpec(id) ? localTemplate(resolve(cwd, id)) : findTemplateById(registry, id);
}

/** Like findComponentTemplate, also for remote specs and registry entries with a remote `source`. */
export async function resolveComponentTemplate(registry: Registry, spec: string, options: TemplateSourceOptions): Promise<TemplateEntry> {
  if (isRemoteSpec(spec)) return { ...localTemplate(await fetchRemoteTemplate(spec, options), specPath(spec)), origin: spec };
  const entry = findComponentTemplate(registry, spec, options.cwd);
  if (entry.source && !entry.path) {
    return { ...localTemplate(await fetchRemoteTemplate(entry.source, options), specPath(entry.source)), id: entry.id, origin: entry.origin };
  }
  return entry;
}

/** The path part of a remote spec (`github:o/r/templates/ts/ts-app-x#v1` → `o/r/templates/ts/ts-app-x`): it names the template. */
function specPath(spec: string): string {
  return spec
    .replace(/#.*$/, '')
    .replace(/^[a-z][a-z0-9+.-]*:(\/\/)?/i, '')
    .replace(/\/\//g, '/')
    .replace(/\/+$/, '');
}
