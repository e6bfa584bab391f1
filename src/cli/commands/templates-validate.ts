/** `create-golem-app templates validate <dir> [--json]` */
import { resolve } from 'node:path';
import { templatesValidate } from '../../commands/templates-validate.js';
import { createReporter } from '../output.js';
import type { ParsedCommand } from '../table.js';

export function run(parsed: ParsedCommand): Promise<number> {
  return templatesValidate({ dir: resolve(parsed.cwd, parsed.positionals[0]!), json: parsed.values.json === true }, createReporter({ machineOutput: parsed.values.json === true }));
}
