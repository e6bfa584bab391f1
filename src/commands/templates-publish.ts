/** `templates publish <dir> --registry <git-url|path>`: validate, then publish into the registry. */
import { publishTemplate, type PublishOptions } from '../templates/publish/index.js';
import type { Reporter } from './report.js';

export type TemplatesPublishOptions = Omit<PublishOptions, 'report' | 'beforePush'>;

export async function templatesPublish(options: TemplatesPublishOptions, report: Reporter): Promise<void> {
  const result = await publishTemplate({ ...options, report });
  if (result.retried) report.info('Another publish landed first; your entry was re-applied on top of it.');
  report.step(`${result.replaced ? 'Replaced' : 'Published'} ${result.id}@${result.version} at ${result.path}${result.sourceCommit ? ` (source ${result.sourceCommit.slice(0, 12)})` : ''}`);
  report.info(`Users add the registry with 'create-golem-app registry add <name> ${options.registry}' and pick '<name>/${result.id}'.`);
}
