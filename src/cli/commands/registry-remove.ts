/** `create-golem-app registry remove <name>` */
import { registryRemove } from '../../commands/registry-remove.js';
import { createReporter } from '../output.js';
import type { ParsedCommand } from '../table.js';

export async function run(parsed: ParsedCommand): Promise<number> {
  registryRemove({ name: parsed.positionals[0]! }, createReporter());
  return 0;
}
