/** `create-golem-app registry list [--json]` */
import { registryList } from '../commands/registry-list.js';
import { createReporter } from './output.js';
import { defineCommand, flag, type Invocation } from './spec.js';

export const spec = defineCommand({
  path: ['registry', 'list'],
  args: {},
  summary: 'list the added template registries',
  flags: {
    json: flag.boolean('print JSON'),
  },
});

export async function run({ flags }: Invocation<typeof spec>): Promise<number> {
  registryList({ json: flags.json }, createReporter({ machineOutput: flags.json }));
  return 0;
}
