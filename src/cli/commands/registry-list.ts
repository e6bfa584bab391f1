/** `create-golem-app registry list [--json]` */
import { registryList } from '../../commands/registry-list.js';
import { createReporter } from '../output.js';
import type { ParsedCommand } from '../table.js';

export async function run(parsed: ParsedCommand): Promise<number> {
  registryList({ json: parsed.values.json === true }, createReporter({ machineOutput: parsed.values.json === true }));
  return 0;
}
