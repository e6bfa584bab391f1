/**
 * A template id as users write it — a bundled registry id (`ts`, `rust/caller`), an added
 * registry's `<registry>/<lang>/<name>[@version]`, a folder, or a remote source (`github:…`,
 * a git URL) — resolved to a local template folder and the registry it belongs to.
 * Registries, degit and git are loaded only when the id needs them: the common case
 * (a bundled id) starts fast.
 */
import type { Reporter } from '../../report.js';
import { loadBundledRegistry, registerTemplateSource, resolveComponentTemplate, type Registry, type TemplateEntry, type TemplateSource } from '../../templates/index.js';
import { parseRegistryTemplateId } from '../../templates/registries/names.js';
import { isRemoteSourceSpec } from '../../templates/sources/spec.js';

export interface TemplateLookup {
  cwd: string;
  offline?: boolean;
  /** `--registry <source>`: one more registry for this command. */
  registry?: string;
  report: Reporter;
  /** Inactivity timeout of every download, in seconds (default 60). */
  timeoutSeconds?: number;
}

/** Remote specs resolve through src/templates/sources, imported on first use. */
const lazyRemoteSource: TemplateSource = {
  name: 'remote',
  matches: isRemoteSourceSpec,
  resolve: async (spec, options) => (await import('../../templates/sources/index.js')).remoteTemplateSource.resolve(spec, options),
};
let remoteRegistered = false;

export async function resolveTemplate(id: string, lookup: TemplateLookup): Promise<{ template: TemplateEntry; registry: Registry }> {
  const options = {
    cwd: lookup.cwd,
    offline: lookup.offline,
    report: lookup.report,
    ...(lookup.registry ? { extra: lookup.registry } : {}),
    ...(lookup.timeoutSeconds === undefined ? {} : { timeoutSeconds: lookup.timeoutSeconds }),
  };
  // Registered first: a registry template may bring in a remote common template (golem's, for Go, Python, …).
  if (!remoteRegistered) {
    registerTemplateSource(lazyRemoteSource);
    remoteRegistered = true;
  }
  if (parseRegistryTemplateId(id) || lookup.registry) {
    const found = await (await import('../../templates/registries/index.js')).findRegistryTemplate(id, options);
    if (found) return found;
  }
  const registry = loadBundledRegistry();
  return { template: await resolveComponentTemplate(registry, id, options), registry };
}
