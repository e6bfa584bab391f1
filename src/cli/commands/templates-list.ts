/** `create-golem-app templates list [filter] [--language <lang>] [--json]`. */
import { templatesList } from '../../commands/templates-list.js';
import { createReporter } from '../output.js';
import type { ParsedCommand } from '../table.js';

export async function run(parsed: ParsedCommand): Promise<number> {
  const v = parsed.values;
  await templatesList(
    {
      cwd: parsed.cwd,
      filter: parsed.positionals[0],
      language: typeof v.language === 'string' ? v.language : undefined,
      json: v.json === true,
      offline: v.offline === true,
      registry: typeof v.registry === 'string' ? v.registry : undefined,
    },
    createReporter({ machineOutput: v.json === true }),
  );
  return 0;
}
