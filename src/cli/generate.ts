/** `create-golem-app generate [--component <name>]… [--offline] [--timeout <seconds>] [--app <dir>]` */
import { runGenerate } from '../commands/generate.js';
import { createReporter, printJson } from './output.js';
import { APP_FLAG, defineCommand, flag, type Invocation, TIMEOUT_FLAG, timeoutOption } from './spec.js';

export const spec = defineCommand({
  path: ['generate'],
  args: {},
  summary: 'exports extraction, client packages and caller wiring, as `golem app build` does',
  flags: {
    component: flag.list('<name>', 'only this component (and the clients it needs)'),
    offline: flag.boolean("use only cached downloads of 'wasm' dependencies by url"),
    ...TIMEOUT_FLAG,
    'dry-run': flag.boolean('list the files that would be written, write nothing'),
    json: flag.boolean('print a JSON summary (schemas/generate.schema.json)'),
    ...APP_FLAG,
  },
});

export async function run({ flags, cwd }: Invocation<typeof spec>): Promise<number> {
  const result = await runGenerate(
    { cwd, app: flags.app, components: flags.component, dryRun: flags['dry-run'], network: { offline: flags.offline, ...timeoutOption(flags.timeout) } },
    createReporter({ machineOutput: flags.json }),
  );
  if (flags.json) printJson(result);
  return 0;
}
