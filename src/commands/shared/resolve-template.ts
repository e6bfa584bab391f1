/**
 * A template id as users write it — a bundled registry id (`ts`, `rust/caller`), an added
 * registry's `<registry>/<lang>/<name>[@version]`, a folder, or a remote source
 * (`github:…`, a git URL) — resolved to a local template folder and the registry it belongs to.
 */
import type { Reporter } from '../report.js';
import { loadBundledRegistry, registerTemplateSource, resolveComponentTemplate, type Registry, type TemplateEntry } from '../../templates/index.js';

export interface TemplateLookup {
  cwd: string;
  offline?: boolean;
  /** `--registry <source>`: one more registry for this command. */
  registry?: string;
  report: Reporter;
}

let remoteRegistered = false;

export async function resolveTemplate(id: string, lookup: TemplateLookup): Promise<{ template: TemplateEntry; registry: Registry }> {
  const options = { cwd: lookup.cwd, offline: lookup.offline, report: lookup.report, ...(lookup.registry ? { extra: lookup.registry } : {}) };
  const registries = await import('../../templates/registries/index.js');
  const fromRegistry = await registries.findRegistryTemplate(id, options);
  if (fromRegistry) return fromRegistry;
  if (!remoteRegistered) {
    const { remoteTemplateSource } = await import('../../templates/sources/index.js');
    registerTemplateSource(remoteTemplateSource);
    remoteRegistered = true;
  }
  const registry = loadBundledRegistry();
  return { template: await resolveComponentTemplate(registry, id, options), registry };
}
