/** `templates publish <dir> --registry <git-url|path|name>`: validate, then publish into the registry. */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { type PublishOptions, type PublishResult, publishTemplate, registryCloneUrl } from '../templates/publishing/index.js';
import { listRegistries, type Env } from '../templates/registries/index.js';
import { type Reporter, silentReporter } from '../report.js';
import { templateTypeCheck } from './shared/template-types.js';

export type TemplatesPublishOptions = Omit<PublishOptions, 'report' | 'beforePush' | 'typeCheck'> & { env?: Env };

/** `--registry acme` names an added registry, unless a folder of that name is right here. */
function registryRepository(registry: string, cwd: string, env: Env | undefined): string {
  const added = listRegistries(env).find((r) => r.name === registry);
  return added && !existsSync(resolve(cwd, registry)) ? added.source : registry;
}

export async function templatesPublish(options: TemplatesPublishOptions, report: Reporter = silentReporter): Promise<PublishResult> {
  const { env, ...rest } = options;
  const cwd = options.cwd ?? process.cwd();
  const registry = registryRepository(options.registry, cwd, env);
  const result = await publishTemplate({ ...rest, registry, report, typeCheck: templateTypeCheck(cwd) });
  if (result.retried) report.info('Another publish landed first; your entry was re-applied on top of it.');
  report.step(
    `${result.unchanged ? 'Unchanged (identical files)' : result.replaced ? 'Replaced' : 'Published'} ${result.id}@${result.version} at ${result.path}${result.sourceCommit ? ` (source ${result.sourceCommit.slice(0, 12)})` : ''}`,
  );
  report.info(`Users add the registry with 'create-golem-app registry add <name> ${registryCloneUrl(registry, cwd)}' and pick '<name>/${result.id}'.`);
  return result;
}
