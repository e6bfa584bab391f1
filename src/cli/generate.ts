/** `create-golem-app generate [--component <name>]… [--app <dir>] [--check | --dry-run] [--offline] [--timeout <seconds>] [--json]` */
import { runGenerate } from '../commands/generate.js';
import { createReporter, printJson } from './output.js';
import { APP_FLAG, defineCommand, flag, type Invocation, WASM_DOWNLOAD_FLAGS, wasmDownloadOptions } from './spec.js';

export const spec = defineCommand({
  path: ['generate'],
  args: {},
  summary: 'exports extraction, client packages and caller wiring, as `golem app build` does',
  flags: {
    component: flag.list('<name>', 'only this component (and the clients it needs)'),
    check: flag.boolean('write nothing; exit 1 listing what would change, 0 when all is current (CI, pre-commit)'),
    ...WASM_DOWNLOAD_FLAGS,
    'dry-run': flag.boolean('list the files that would be written, write nothing'),
    json: flag.boolean('print a JSON summary (schemas/generate.schema.json)'),
    ...APP_FLAG,
  },
});

export async function run({ flags, cwd }: Invocation<typeof spec>): Promise<number> {
  const result = await runGenerate(
    { cwd, app: flags.app, components: flags.component, dryRun: flags['dry-run'], check: flags.check, network: wasmDownloadOptions(flags) },
    createReporter({ machineOutput: flags.json }),
  );
  if (flags.json) printJson(result);
  return flags.check && !result.upToDate ? 1 : 0;
}
