/**
 * `create-golem-app remove dependency <component> [target] [--path <file>] [--url <url>] [--type <type>] [--dry-run] [--json]`.
 * On a terminal, a missing component or dependency is asked for (from what the app declares);
 * without one (or with --json), it is a usage error.
 */
import { describeRef } from '../app/index.js';
import { AppSession } from '../app/session.js';
import { runRemoveDependency } from '../commands/remove-dependency.js';
import { UsageError, UserError } from '../errors.js';
import { createReporter, isInteractiveTerminal, printJson } from './output.js';
import { componentChoices } from './prompts/choices.js';
import { APP_FLAG, defineCommand, flag, type Invocation, WASM_DOWNLOAD_FLAGS, wasmDownloadOptions } from './spec.js';

export const spec = defineCommand({
  path: ['remove', 'dependency'],
  args: { component: '[component]', target: '[target]' },
  summary: "take a dependency out of golem.yaml (only its lines), then regenerate the caller's clients",
  flags: {
    path: flag.string('<file>', "a wasm dependency's path, as golem.yaml has it"),
    url: flag.string('<url>', "a wasm dependency's url"),
    type: flag.string('<wasm-rpc|static-wasm-rpc|wasm>', 'only the dependency of this type (default: every type on that target)'),
    'dry-run': flag.boolean('show the golem.yaml lines that would leave and the files that would change, write nothing'),
    json: flag.boolean('print a JSON summary (schemas/remove-dependency.schema.json)'),
    ...APP_FLAG,
    ...WASM_DOWNLOAD_FLAGS,
  },
});

export async function run({ args, flags, cwd }: Invocation<typeof spec>): Promise<number> {
  const base = { cwd, app: flags.app, type: flags.type, dryRun: flags['dry-run'], path: flags.path, url: flags.url, network: wasmDownloadOptions(flags) };
  const named = args.target !== undefined || flags.path !== undefined || flags.url !== undefined;
  if (args.component !== undefined && named) {
    const result = await runRemoveDependency(
      { ...base, component: args.component, ...(args.target !== undefined ? { target: args.target } : {}) },
      createReporter({ machineOutput: flags.json }),
    );
    if (flags.json) printJson(result);
    return 0;
  }
  if (!isInteractiveTerminal() || flags.json) throw new UsageError(`missing argument ${args.component === undefined ? '<component>' : '<target>'}`);
  const session = AppSession.open(cwd, flags.app);
  const answers = await ask(session, args.component);
  const guide = (await import('./prompts/reporter.js')).createPromptReporter();
  await runRemoveDependency({ ...base, ...answers, session }, guide);
  guide.close();
  return 0;
}

/** The caller (among components that have dependencies), then one of its dependencies. Cancel writes nothing. */
async function ask(session: AppSession, component: string | undefined): Promise<{ component: string; target?: string; path?: string; url?: string; type: string }> {
  const { app } = session;
  const callers = [...new Set(app.dependencies.map((d) => d.source))];
  if (callers.length === 0) throw new UserError('the app has no dependencies', { code: 'E_APP', hint: "Add one with 'create-golem-app add dependency'." });
  const { askSelect, intro } = await import('./prompts/ask.js');
  intro('remove dependency');
  const caller = component ?? (await askSelect({ message: 'Which component gives up a dependency?', options: componentChoices(callers) }));
  const own = app.dependencies.filter((d) => d.source === caller);
  if (own.length === 0) throw new UserError(`${caller} has no dependencies`, { code: 'E_APP', hint: `Components with dependencies: ${callers.join(', ')}.` });
  const index = await askSelect({ message: 'Which dependency?', options: own.map((d, i) => ({ value: i, label: `${describeRef(d)} (${d.type})` })) });
  const d = own[index]!;
  return { component: caller, type: d.type, ...(d.target !== undefined ? { target: d.target } : d.path !== undefined ? { path: d.path } : { url: d.url! }) };
}
