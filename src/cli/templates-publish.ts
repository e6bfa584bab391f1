/** `create-golem-app templates publish <dir> --registry <git-url|path> [--id <lang>/<name>] [--version x.y.z] [--force]` */
import { templatesPublish } from '../commands/templates-publish.js';
import { UsageError } from '../errors.js';
import { createReporter } from './output.js';
import { defineCommand, flag, type Invocation, TIMEOUT_FLAG, timeoutOption } from './spec.js';

export const spec = defineCommand({
  path: ['templates', 'publish'],
  args: { dir: '<dir>' },
  summary: 'validate a template, then publish it into a git-hosted registry',
  flags: {
    registry: flag.string('<git-url|path|name>', 'the registry repository, or the name of an added registry (required)'),
    id: flag.string('<lang>/<name>', 'template id (default: <language>/<folder name>)'),
    version: flag.string('<x.y.z>', 'version to publish (default: metadata.json createGolemApp.version)'),
    force: flag.boolean('replace an already published id and version'),
    ...TIMEOUT_FLAG,
  },
});

export async function run({ args, flags, cwd }: Invocation<typeof spec>): Promise<number> {
  if (!flags.registry) throw new UsageError('missing --registry <git-url|path>', { hint: 'Name the registry repository to publish into.' });
  await templatesPublish(
    {
      dir: args.dir,
      registry: flags.registry,
      cwd,
      force: flags.force,
      ...timeoutOption(flags.timeout),
      ...(flags.id ? { id: flags.id } : {}),
      ...(flags.version ? { version: flags.version } : {}),
    },
    createReporter(),
  );
  return 0;
}
