/**
 * `templates init`: a new template folder started from a bundled one (the counter provider, or
 * the caller for `--role caller`), with its metadata.json marked with language, role and a
 * first version, and a README for the author. The README is listed in `exclude`, so it is never
 * copied into apps.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { UserError } from '../../errors.js';
import { commitPlan, Plan, type PlannedWrite } from '../../fs/plan.js';
import { findComponentTemplate, loadBundledRegistry, normalizeLanguage } from '../index.js';
import { METADATA_FILE, readTemplateMetadata } from '../metadata.js';
import { listTemplateFiles } from './files.js';
import { EXTENSION_KEY, LANGUAGES, templateNameFromFolder } from './template-info.js';

export const INIT_ROLES = ['provider', 'caller'] as const;
export type InitRole = (typeof INIT_ROLES)[number];
export const FIRST_VERSION = '0.1.0';
const README = 'README.md';

/** The bundled template each role starts from. */
const STARTERS: Record<InitRole, string> = { provider: 'default', caller: 'caller' };

export interface InitOptions {
  dir: string;
  language?: string;
  /** `provider` or `caller` (checked here: it may come straight from a flag). */
  role?: string;
}

const isInitRole = (role: string): role is InitRole => INIT_ROLES.some((r) => r === role);

export interface InitResult {
  dir: string;
  /** The bundled template it was started from. */
  from: string;
  files: string[];
}

function readme(name: string, language: string, role: InitRole, from: string): string {
  return `# ${name}

A ${language} ${role} component template for create-golem-app, started from the bundled
\`${from}\` template. It is a Golem 1.2.5 template folder: \`metadata.json\` in golem-cli's
format, with create-golem-app's settings under \`${EXTENSION_KEY}\` (language, role, version).

Files are rendered with Golem's placeholders, in file contents and file names:
\`componentname\` (\`ns:name\`), \`component-name\`, \`ComponentName\`, \`componentName\`,
\`component_name\`, \`pack:name\`, \`pack_name\`, \`pack-name\`, \`pack/name\`, \`PackName\`,
\`pa_ck::na_me\`, \`pack-ns\`, \`PackNs\`. Files ending in \`.hbs\` are rendered with Handlebars
(\`{{component.kebab}}\`, \`{{target.client…}}\` for callers) and lose the suffix.
This README is listed in \`exclude\`, so apps never get it.

    create-golem-app templates validate .
    create-golem-app templates publish . --registry <git-url|path> --version 1.0.0
`;
}

export function initTemplate(options: InitOptions): InitResult {
  const dir = resolve(options.dir);
  const language = normalizeLanguage(options.language ?? 'ts');
  const role = options.role ?? 'provider';
  if (!(LANGUAGES as readonly string[]).includes(language)) {
    throw new UserError(`unsupported template language '${language}'`, { code: 'E_INPUT', hint: `Use --language ${LANGUAGES.join(' or ')}.` });
  }
  if (!isInitRole(role)) throw new UserError(`unsupported role '${role}'`, { code: 'E_INPUT', hint: `Use --role ${INIT_ROLES.join(' or ')}.` });
  if (existsSync(dir) && readdirSync(dir).length > 0) {
    throw new UserError(`${dir} is not empty`, { code: 'E_TEMPLATE', hint: 'Choose a new folder for the template; nothing was written.' });
  }
  const name = templateNameFromFolder(dir);
  if (!name) throw new UserError(`cannot make a template name from the folder name of ${dir}`, { code: 'E_TEMPLATE', hint: 'Use a folder name with letters, e.g. my-counter.' });

  const starter = findComponentTemplate(loadBundledRegistry(), `${language}/${STARTERS[role]}`);
  const meta = readTemplateMetadata(starter.path);
  const metadata = {
    ...meta,
    description: `${meta.description} (started from ${starter.id}; describe your template here)`,
    exclude: [...new Set([...(meta.exclude ?? []), README])],
    [EXTENSION_KEY]: { language, role, version: FIRST_VERSION },
  };
  const writes: PlannedWrite[] = [
    ...listTemplateFiles(starter.path)
      .files.filter((f) => f.path !== METADATA_FILE)
      .map((f): PlannedWrite => ({ path: f.path, content: readFileSync(resolve(starter.path, f.path)), ...(f.executable ? { mode: 0o755 } : {}), onExisting: 'fail' })),
    { path: METADATA_FILE, content: Buffer.from(`${JSON.stringify(metadata, null, 2)}\n`), onExisting: 'fail' },
    { path: README, content: Buffer.from(readme(name, language, role, starter.id)), onExisting: 'fail' },
  ];
  const plan = new Plan(dir);
  for (const w of writes) plan.write(w);
  commitPlan(plan);
  return { dir, from: starter.id, files: writes.map((w) => w.path).sort() };
}
