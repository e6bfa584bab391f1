/** `create-golem-app templates validate <dir> [--json]` */
import { resolve } from 'node:path';
import { templatesValidate } from '../commands/templates-validate.js';
import { createReporter, printJson } from './output.js';
import { defineCommand, flag, type Invocation } from './spec.js';

export const spec = defineCommand({
  path: ['templates', 'validate'],
  args: { dir: '<dir>' },
  summary: 'render a template into a sample app and check it (metadata, paths, sizes, WIT, golem.yaml, placeholders, TS types)',
  flags: {
    json: flag.boolean('print JSON (schemas/templates-validate.schema.json)'),
  },
});

export async function run({ args, flags, cwd }: Invocation<typeof spec>): Promise<number> {
  const result = await templatesValidate({ dir: resolve(cwd, args.dir), json: flags.json, cwd }, createReporter({ machineOutput: flags.json }));
  if (flags.json) printJson({ dir: result.dir, ok: result.ok, checks: result.checks });
  return result.ok ? 0 : 1;
}
