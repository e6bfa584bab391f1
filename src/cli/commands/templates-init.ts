/** `create-golem-app templates init <dir> [--language ts|rust] [--role provider|caller]` */
import { resolve } from 'node:path';
import { templatesInit } from '../../commands/templates-init.js';
import type { InitRole } from '../../templates/publishing/index.js';
import { createReporter } from '../output.js';
import type { ParsedCommand } from '../table.js';

export async function run(parsed: ParsedCommand): Promise<number> {
  const { language, role } = parsed.values as { language?: string; role?: string };
  templatesInit({ dir: resolve(parsed.cwd, parsed.positionals[0]!), ...(language ? { language } : {}), ...(role ? { role: role as InitRole } : {}) }, createReporter());
  return 0;
}
