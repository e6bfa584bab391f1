/**
 * `add dependency` with missing arguments on a terminal: the caller, one or more targets
 * (itself allowed; existing dependencies shown as such), the type. Returns what the flags would
 * give (one target per dependency to add); cancel throws CancelledError before any write.
 */
import type { App, RpcDependencyType } from '../../app/index.js';
import { UserError } from '../../errors.js';
import { askMultiselect, askSelect, intro } from './ask.js';
import { componentChoices, dependencyTypeChoices } from './choices.js';

export interface AddDependencyAnswers {
  /** The calling component. */
  component: string;
  /** The components it should call (each a dependency; may include `component` itself). */
  targets: string[];
  type: RpcDependencyType;
}

export async function promptAddDependency(
  app: Pick<App, 'components' | 'dependencies'>,
  given: { component?: string; target?: string; type?: string },
): Promise<AddDependencyAnswers> {
  const names = [...app.components.keys()];
  if (names.length === 0) {
    throw new UserError('the app has no components yet', { hint: "Add one first with 'create-golem-app add component'." });
  }
  const unknown = [given.component, given.target].find((n) => n !== undefined && !app.components.has(n));
  if (unknown !== undefined) throw new UserError(`unknown component ${unknown}`, { hint: `Components of this app: ${names.join(', ')}.` });
  intro('add dependency');
  const calls = (caller: string) => new Map(app.dependencies.filter((d) => d.source === caller && d.target).map((d) => [d.target!, d.type]));

  const component =
    given.component ??
    (await askSelect({
      message: 'Which component makes the calls?',
      options: componentChoices(names, { notes: new Map(names.map((n) => [n, describeCalls(calls(n))])) }),
    }));

  const existing = calls(component);
  const targets = given.target
    ? [given.target]
    : await askMultiselect({
        message: `Which components should ${component} call?`,
        options: componentChoices(names, { self: component, notes: new Map([...existing].map(([t, type]) => [t, `already a dependency, ${type}`])) }),
        required: true,
      });

  const type = (given.type as RpcDependencyType | undefined) ??
    (await askSelect({ message: 'Dependency type:', options: dependencyTypeChoices(), initialValue: 'wasm-rpc' as RpcDependencyType }));
  return { component, targets, type };
}

function describeCalls(calls: Map<string, string>): string {
  return calls.size === 0 ? 'calls nothing yet' : `calls ${[...calls.keys()].join(', ')}`;
}
