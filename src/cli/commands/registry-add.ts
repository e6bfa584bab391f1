/** `create-golem-app registry add <name> <git-url|path|github:owner/repo> [--offline]` */
import { registryAdd } from '../../commands/registry-add.js';
import { createReporter } from '../output.js';
import type { ParsedCommand } from '../table.js';

export async function run(parsed: ParsedCommand): Promise<number> {
  const [name, source] = parsed.positionals as [string, string];
  await registryAdd({ name, source, cwd: parsed.cwd, offline: parsed.values.offline === true }, createReporter());
  return 0;
}
