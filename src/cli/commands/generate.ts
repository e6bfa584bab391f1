/** `create-golem-app generate [--component <name>]… [--app <dir>]`. */
import { runGenerate } from '../../commands/generate.js';
import { createReporter } from '../output.js';
import type { ParsedCommand } from '../table.js';

export async function run(parsed: ParsedCommand): Promise<number> {
  const v = parsed.values;
  const components = ((v.component as string[] | undefined) ?? []).map(String);
  await runGenerate({ cwd: parsed.cwd, app: typeof v.app === 'string' ? v.app : undefined, components }, createReporter());
  return 0;
}
