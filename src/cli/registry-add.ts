/** `create-golem-app registry add <name> <git-url|path|github:owner/repo> [--offline] [--timeout <seconds>]` */
import { registryAdd } from '../commands/registry-add.js';
import { createReporter } from './output.js';
import { defineCommand, flag, type Invocation, TIMEOUT_FLAG, timeoutOption } from './spec.js';

export const spec = defineCommand({
  path: ['registry', 'add'],
  args: { name: '<name>', source: '<source>' },
  summary: 'add a third-party template registry (git URL, path or github:owner/repo), remembered in your config',
  flags: {
    offline: flag.boolean('check it from the cache only'),
    ...TIMEOUT_FLAG,
  },
});

export async function run({ args, flags, cwd }: Invocation<typeof spec>): Promise<number> {
  await registryAdd({ name: args.name, source: args.source, cwd, offline: flags.offline, ...timeoutOption(flags.timeout) }, createReporter());
  return 0;
}
