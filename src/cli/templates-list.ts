/** `create-golem-app templates list [filter] [--language <lang>] [--json]` */
import { templatesList } from '../commands/templates-list.js';
import { createReporter, printJson } from './output.js';
import { defineCommand, flag, type Invocation, SOURCE_FLAGS, timeoutOption } from './spec.js';

export const spec = defineCommand({
  path: ['templates', 'list'],
  args: { filter: '[filter]' },
  summary: 'list the templates of the bundled registry and of added registries',
  flags: {
    language: flag.string('<lang>', 'only this language'),
    json: flag.boolean('print JSON (schemas/templates-list.schema.json)'),
    ...SOURCE_FLAGS,
  },
});

export async function run({ args, flags, cwd }: Invocation<typeof spec>): Promise<number> {
  const rows = await templatesList(
    { cwd, filter: args.filter, language: flags.language, json: flags.json, offline: flags.offline, registry: flags.registry, ...timeoutOption(flags.timeout) },
    createReporter({ machineOutput: flags.json }),
  );
  if (flags.json) printJson(rows);
  return 0;
}
