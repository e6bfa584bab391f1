/** `registry list`: the added registries and where they come from. */
import { type AddedRegistry, configPath, type Env, listRegistries } from '../templates/registries/index.js';
import { type Reporter, silentReporter } from '../report.js';

export function registryList(options: { json?: boolean; env?: Env }, report: Reporter = silentReporter): AddedRegistry[] {
  const registries = listRegistries(options.env);
  if (options.json) return registries; // printed by the CLI
  if (registries.length === 0) {
    report.info(`No registries added (config: ${configPath(options.env)}). Add one with 'create-golem-app registry add <name> <source>'.`);
    return registries;
  }
  const width = Math.max(...registries.map((r) => r.name.length));
  for (const r of registries) report.info(`${r.name.padEnd(width)}  ${r.source}`);
  return registries;
}
