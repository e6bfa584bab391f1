/** `create-golem-app templates publish <dir> --registry <git-url|path> [--id <lang>/<name>] [--version x.y.z] [--force]` */
import { UsageError } from '../../errors.js';
import { templatesPublish } from '../../commands/templates-publish.js';
import { createReporter } from '../output.js';
import type { ParsedCommand } from '../table.js';

export async function run(parsed: ParsedCommand): Promise<number> {
  const v = parsed.values as { registry?: string; id?: string; version?: string; force?: boolean };
  if (!v.registry) throw new UsageError('missing --registry <git-url|path>', { hint: 'Name the registry repository to publish into.' });
  await templatesPublish(
    { dir: parsed.positionals[0]!, registry: v.registry, cwd: parsed.cwd, force: v.force === true, ...(v.id ? { id: v.id } : {}), ...(v.version ? { version: v.version } : {}) },
    createReporter(),
  );
  return 0;
}
