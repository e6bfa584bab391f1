/**
 * `create-golem-app add dependency <component> <target> [--type …] [--manifest root] [--app <dir>]`.
 * On a terminal, missing names are asked for (several targets may be picked at once), then the
 * type unless `--type` gave it; without a terminal, a missing name is a usage error.
 */
import type { AppDependency, RpcDependencyType } from '../app/index.js';
import { AppSession } from '../app/session.js';
import { parseDependencyType, runAddDependency } from '../commands/add-dependency.js';
import { UsageError, UserError } from '../errors.js';
import { createReporter, isInteractiveTerminal, printJson } from './output.js';
import { componentChoices, dependencyTypeChoices } from './prompts/choices.js';
import { APP_FLAG, defineCommand, flag, type Invocation } from './spec.js';

export const spec = defineCommand({
  path: ['add', 'dependency'],
  args: { component: '[component]', target: '[target]' },
  summary: "write a worker-to-worker dependency into golem.yaml, then generate the caller's clients",
  flags: {
    type: flag.string('<wasm-rpc|static-wasm-rpc>', 'dependency type (default: wasm-rpc)'),
    manifest: flag.string('<root>', "write into the root golem.yaml instead of the component's own"),
    'dry-run': flag.boolean('show the golem.yaml edit and the files that would be written, write nothing'),
    json: flag.boolean('print a JSON summary (schemas/add-dependency.schema.json)'),
    ...APP_FLAG,
  },
});

export async function run({ args, flags, cwd }: Invocation<typeof spec>): Promise<number> {
  const base = { cwd, app: flags.app, type: flags.type, manifest: flags.manifest, dryRun: flags['dry-run'] };
  if (args.component !== undefined && args.target !== undefined) {
    const result = await runAddDependency({ ...base, component: args.component, targets: [args.target] }, createReporter({ machineOutput: flags.json }));
    if (flags.json) printJson(result.summary);
    return 0;
  }
  if (!isInteractiveTerminal() || flags.json) throw new UsageError(`missing argument ${args.component === undefined ? '<component>' : '<target>'}`);
  // Flags are checked before any question is asked.
  const type = flags.type === undefined ? undefined : parseDependencyType(flags.type);
  const session = AppSession.open(cwd, flags.app);
  const answers = await ask(session.app, { component: args.component, target: args.target, type });
  await runAddDependency({ ...base, session, component: answers.component, targets: answers.targets, type: answers.type }, createReporter());
  return 0;
}

/** The caller, one or more targets (itself allowed; existing dependencies shown as such), the type. Cancel writes nothing. */
async function ask(
  app: { components: ReadonlyMap<string, unknown>; dependencies: readonly AppDependency[] },
  given: { component?: string; target?: string; type?: RpcDependencyType },
): Promise<{ component: string; targets: string[]; type: RpcDependencyType }> {
  const names = [...app.components.keys()];
  if (names.length === 0) {
    throw new UserError('the app has no components yet', { code: 'E_APP', hint: "Add one first with 'create-golem-app add component'." });
  }
  const unknown = [given.component, given.target].find((n) => n !== undefined && !app.components.has(n));
  if (unknown !== undefined) throw new UserError(`unknown component ${unknown}`, { code: 'E_APP', hint: `Components of this app: ${names.join(', ')}.` });
  const { askMultiselect, askSelect, intro } = await import('./prompts/ask.js');
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

  const type = given.type ?? (await askSelect({ message: 'Dependency type:', options: dependencyTypeChoices(), initialValue: 'wasm-rpc' as const }));
  return { component, targets, type };
}

function describeCalls(calls: Map<string, string>): string {
  return calls.size === 0 ? 'calls nothing yet' : `calls ${[...calls.keys()].join(', ')}`;
}
