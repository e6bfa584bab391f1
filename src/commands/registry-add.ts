/** `registry add <name> <source>`: check that the source is a registry, then remember it. */
import { addRegistry, assertRegistryName, loadRegistry, normalizeSource, type Env } from '../templates/registries/index.js';
import { type Reporter, silentReporter } from '../report.js';
import type { Registry } from '../templates/index.js';

export interface RegistryAddOptions {
  name: string;
  source: string;
  cwd: string;
  offline?: boolean;
  env?: Env;
  cacheDir?: string;
  /** Inactivity timeout of the registry fetch, in seconds (default 60). */
  timeoutSeconds?: number;
}

export async function registryAdd(options: RegistryAddOptions, report: Reporter = silentReporter): Promise<Registry> {
  assertRegistryName(options.name);
  const source = normalizeSource(options.source, options.cwd);
  // Fetching first: a typo is caught now, and the cache gets its first copy for offline use.
  const registry = await loadRegistry(
    { name: options.name, source },
    {
      offline: options.offline,
      report,
      cwd: options.cwd,
      cacheDir: options.cacheDir,
      ...(options.timeoutSeconds === undefined ? {} : { timeoutSeconds: options.timeoutSeconds }),
    },
  );
  addRegistry({ name: options.name, source }, options.env);
  const ids = new Set(registry.templates.filter((t) => t.kind === 'component').map((t) => t.id));
  report.step(`Added registry ${options.name} (${source}): ${ids.size} template(s)`);
  if (ids.size) report.info(`Use them as ${[...ids].slice(0, 3).join(', ')}${ids.size > 3 ? ', …' : ''} (create-golem-app templates list).`);
  return registry;
}
