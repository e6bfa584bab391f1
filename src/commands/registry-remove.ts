/** `registry remove <name>`: forget an added registry (its cached copy stays in the cache folder). */
import { type AddedRegistry, type Env, removeRegistry } from '../templates/registries/index.js';
import { type Reporter, silentReporter } from '../report.js';

export function registryRemove(options: { name: string; env?: Env }, report: Reporter = silentReporter): AddedRegistry {
  const removed = removeRegistry(options.name, options.env);
  report.step(`Removed registry ${removed.name} (${removed.source})`);
  return removed;
}
