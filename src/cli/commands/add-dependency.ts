/**
 * `create-golem-app add dependency <component> <target> [--type …] [--manifest root] [--app <dir>]`.
 * On a terminal, missing names are asked for (several targets may be picked at once).
 */
import { findAppRoot, loadApp } from '../../app/index.js';
import { parseDependencyType, runAddDependency } from '../../commands/add-dependency.js';
import { UsageError } from '../../errors.js';
import { createReporter, isInteractiveTerminal } from '../output.js';
import { promptAddDependency } from '../prompts/add-dependency.js';
import type { ParsedCommand } from '../table.js';

const text = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);

export async function run(parsed: ParsedCommand): Promise<number> {
  const [component, target] = parsed.positionals;
  const v = parsed.values;
  const base = { cwd: parsed.cwd, app: text(v.app), type: text(v.type), manifest: text(v.manifest) };
  if (component !== undefined && target !== undefined) {
    await runAddDependency({ ...base, component, targets: [target] }, createReporter());
    return 0;
  }
  if (!isInteractiveTerminal()) throw new UsageError(`missing argument ${component === undefined ? '<component>' : '<target>'}`);
  // Flags are checked before any question is asked.
  const type = base.type === undefined ? undefined : parseDependencyType(base.type);
  const app = loadApp(findAppRoot(parsed.cwd, base.app), { explicitRoot: true });
  const answers = await promptAddDependency(app, { component, target, type });
  await runAddDependency({ ...base, component: answers.component, targets: answers.targets, type: answers.type }, createReporter());
  return 0;
}
