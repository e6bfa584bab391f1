/**
 * `create-golem-app remove component <name> [--yes] [--dry-run] [--json]`: the one command that
 * deletes user sources. It lists what goes (the folder with everything in it, the dependencies
 * on it, its generated output), then asks on a terminal; anywhere else `--yes` is required.
 */
import { AppSession } from '../app/session.js';
import { commitRemoveComponent, deletesSources, planRemoveComponent, removalLines, runRemoveComponent } from '../commands/remove-component.js';
import { CancelledError, UsageError, UserError } from '../errors.js';
import { createReporter, isInteractiveTerminal, printJson } from './output.js';
import { componentChoices } from './prompts/choices.js';
import { APP_FLAG, defineCommand, flag, type Invocation, WASM_DOWNLOAD_FLAGS, wasmDownloadOptions } from './spec.js';

export const spec = defineCommand({
  path: ['remove', 'component'],
  args: { name: '[name]' },
  summary: 'delete a component with its sources (its whole folder) and every dependency on it; asks first',
  flags: {
    yes: flag.boolean('delete without asking (required without a terminal)', 'y'),
    'dry-run': flag.boolean('list what would go, delete nothing'),
    json: flag.boolean('print a JSON summary (schemas/remove-component.schema.json)'),
    ...APP_FLAG,
    ...WASM_DOWNLOAD_FLAGS,
  },
});

export async function run({ args, flags, cwd }: Invocation<typeof spec>): Promise<number> {
  const interactive = isInteractiveTerminal() && !flags.json;
  // Asking: what the command reports continues the prompts' guide.
  const asks = interactive && (args.name === undefined || (!flags.yes && !flags['dry-run']));
  const guide = asks ? (await import('./prompts/reporter.js')).createPromptReporter() : undefined;
  const report = guide ?? createReporter({ machineOutput: flags.json });
  // What a killed run left is undone before the app is read to list what goes (a dry run changes nothing).
  if (!flags['dry-run']) await AppSession.recoverInterrupted(cwd, flags.app, (m) => report.warn(m));
  const network = wasmDownloadOptions(flags);
  let name = args.name;
  let session: AppSession | undefined;
  if (name === undefined) {
    if (!interactive) throw new UsageError('missing argument <name>');
    session = AppSession.open(cwd, flags.app);
    const names = [...session.app.components.keys()];
    if (names.length === 0) throw new UserError('the app has no components', { code: 'E_APP' });
    const { askSelect, intro } = await import('./prompts/ask.js');
    intro('remove component');
    name = await askSelect({ message: 'Which component should be deleted (with its sources)?', options: componentChoices(names) });
  }
  if (flags['dry-run']) {
    const result = await runRemoveComponent({ cwd, app: flags.app, name, dryRun: true, session, describe: !guide, network }, report);
    if (flags.json) printJson(result);
    return 0;
  }
  const plan = await planRemoveComponent({ cwd, app: flags.app, name, network, ...(session ? { session } : {}) });
  if (!guide) report.info(deletesSources(plan));
  if (!flags.yes) {
    if (!interactive) {
      throw new UsageError(`remove component deletes ${plan.component.folder}/ with its sources: confirm with --yes`, {
        hint: `Run it in a terminal to be asked, or add --yes; --dry-run lists what would go.`,
      });
    }
    const { askConfirm, intro, note } = await import('./prompts/ask.js');
    if (args.name !== undefined) intro('remove component');
    note([deletesSources(plan), '', ...removalLines(plan)].join('\n'), `Deleting ${plan.component.name}`);
    if (!(await askConfirm({ message: `Delete ${plan.component.folder}/ and its sources? This cannot be undone.`, initialValue: false }))) throw new CancelledError();
  }
  const result = await commitRemoveComponent(plan, report);
  guide?.close();
  if (flags.json) printJson(result);
  return 0;
}
