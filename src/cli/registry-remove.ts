/** `create-golem-app registry remove <name>` */
import { registryRemove } from '../commands/registry-remove.js';
import { createReporter } from './output.js';
import { defineCommand, type Invocation } from './spec.js';

export const spec = defineCommand({
  path: ['registry', 'remove'],
  args: { name: '<name>' },
  summary: 'forget an added template registry',
  flags: {},
});

export async function run({ args }: Invocation<typeof spec>): Promise<number> {
  registryRemove({ name: args.name }, createReporter());
  return 0;
}
