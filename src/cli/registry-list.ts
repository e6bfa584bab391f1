/** `create-golem-app registry list [--json]` */
import { registryList } from '../commands/registry-list.js';
import { createReporter, printJson } from './output.js';
import { defineCommand, flag, type Invocation } from './spec.js';

export const spec = defineCommand({
  path: ['registry', 'list'],
  args: {},
  summary: 'list the added template registries',
  flags: {
    json: flag.boolean('print JSON (schemas/registry-list.schema.json)'),
  },
});

export async function run({ flags }: Invocation<typeof spec>): Promise<number> {
  const registries = registryList({ json: flags.json }, createReporter({ machineOutput: flags.json }));
  if (flags.json) printJson(registries);
  return 0;
}
