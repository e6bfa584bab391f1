/** `templates init <dir>`: start a new template folder from a bundled one. */
import { relative } from 'node:path';
import { type InitResult, initTemplate } from '../templates/publishing/index.js';
import { type Reporter, silentReporter } from '../report.js';

export interface TemplatesInitOptions {
  dir: string;
  language?: string;
  role?: string;
}

export function templatesInit(options: TemplatesInitOptions & { cwd?: string }, report: Reporter = silentReporter): InitResult {
  const result = initTemplate(options);
  const shown = relative(options.cwd ?? process.cwd(), result.dir) || '.';
  report.step(`Created template ${shown} from ${result.from} (${result.files.length} files)`);
  report.info(`Next: edit it, then\n  create-golem-app templates validate ${shown}\n  create-golem-app templates publish ${shown} --registry <git-url|path> --version 1.0.0`);
  return result;
}
