/**
 * `create-golem-app add component [template] [ns:name] [--target <component>] [--called-by <component>]… [--app <dir>]`.
 * On a terminal, what is missing is asked for (template, name, a caller's target, existing
 * components that should call the new one); without a terminal, missing arguments are a usage error.
 */
import { findAppRoot, loadApp } from '../../app/index.js';
import { runAddComponent, type AddComponentInput } from '../../commands/add-component.js';
import { UsageError } from '../../errors.js';
import { createReporter, isInteractiveTerminal } from '../output.js';
import type { ParsedCommand } from '../table.js';

const text = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);

async function ask(parsed: ParsedCommand, given: Partial<AddComponentInput>): Promise<Pick<AddComponentInput, 'template' | 'name' | 'target' | 'callers'>> {
  const { promptAddComponent } = await import('../prompts/add-component.js');
  const app = loadApp(findAppRoot(parsed.cwd, given.app), { explicitRoot: true });
  return promptAddComponent(app, { template: given.template, name: given.name, target: given.target, cwd: parsed.cwd, offline: given.offline, extraRegistry: given.registry });
}

export async function run(parsed: ParsedCommand): Promise<number> {
  const [template, name] = parsed.positionals as [string | undefined, string | undefined];
  const v = parsed.values;
  const given = { cwd: parsed.cwd, app: text(v.app), template, name, target: text(v.target), offline: v.offline === true, registry: text(v.registry) };
  let answers: Pick<AddComponentInput, 'template' | 'name' | 'target' | 'callers'>;
  if (template !== undefined && name !== undefined) {
    const callers = ((v['called-by'] as string[] | undefined) ?? []).map(String);
    answers = { template, name, callers, ...(given.target !== undefined ? { target: given.target } : {}) };
  } else if (isInteractiveTerminal()) {
    answers = await ask(parsed, given);
  } else {
    throw new UsageError(`missing argument ${template === undefined ? '<template>' : '<ns:name>'}`, {
      hint: 'Give the template and the component name (e.g. add component ts example:provider), or run it in a terminal to be asked.',
    });
  }
  await runAddComponent({ ...given, ...answers }, createReporter());
  return 0;
}
