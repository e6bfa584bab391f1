/** `create-golem-app add component <template> <ns:name> [--target <component>] [--app <dir>]`. */
import { runAddComponent } from '../../commands/add-component.js';
import { createReporter } from '../output.js';
import type { ParsedCommand } from '../table.js';

const text = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);

export async function run(parsed: ParsedCommand): Promise<number> {
  const [template, name] = parsed.positionals as [string, string];
  const v = parsed.values;
  await runAddComponent(
    { cwd: parsed.cwd, app: text(v.app), template, name, target: text(v.target), offline: v.offline === true },
    createReporter(),
  );
  return 0;
}
