/** `create-golem-app templates init <dir> [--language ts|rust] [--role provider|caller]` */
import { resolve } from 'node:path';
import { templatesInit } from '../commands/templates-init.js';
import { createReporter } from './output.js';
import { defineCommand, flag, type Invocation } from './spec.js';

export const spec = defineCommand({
  path: ['templates', 'init'],
  args: { dir: '<dir>' },
  summary: 'start a new template folder from a bundled one',
  flags: {
    language: flag.string('<ts|rust>', 'language of the template (default: ts)'),
    role: flag.string('<provider|caller>', 'start from the counter provider or the caller (default: provider)'),
  },
});

export async function run({ args, flags, cwd }: Invocation<typeof spec>): Promise<number> {
  templatesInit({ dir: resolve(cwd, args.dir), cwd, language: flags.language, role: flags.role }, createReporter());
  return 0;
}
