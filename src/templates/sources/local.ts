/**
 * A template given as a folder path, in golem-cli 1.2.5's format: a folder with metadata.json
 * (`appComponentGroup`), usually inside a language folder next to its common template
 * (`<lang>/<lang>-app-common`, `<lang>/<lang>-app-component-<name>`), which is used when
 * present; otherwise the registry's common template of that language and group applies.
 */
import { existsSync, lstatSync, readdirSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { UserError } from '../../errors.js';
import { readTemplateMetadata, templateExtension, METADATA_FILE } from '../metadata.js';
import { knownLanguage, normalizeLanguage, type TemplateEntry } from '../registries/registry.js';

/** Golem's template name: the folder name without `<lang>-app-component-` / `<lang>-app-` (golem-templates `parse_template`). */
export function golemTemplateName(folderName: string): string {
  const segments = folderName.split('-');
  if (segments.length > 2 && segments[1] === 'app') {
    return segments.slice(segments.length > 3 && segments[2] === 'component' ? 3 : 2).join('-');
  }
  return folderName;
}

/** The language: the folder name's prefix (`ts-app-…`) or the parent folder (`ts/`). */
function languageOf(path: string): string | undefined {
  return knownLanguage(basename(path).split('-')[0] ?? '') ?? knownLanguage(basename(dirname(path)));
}

/** A sibling folder holding the common template of `group`, as in Golem's template tree. */
function siblingCommon(folder: string, language: string, group: string): TemplateEntry | undefined {
  const parent = dirname(folder);
  for (const name of readdirSync(parent).sort()) {
    const dir = join(parent, name);
    // Only real sibling folders: a link could bring in files from anywhere.
    if (dir === folder || !lstatSync(dir).isDirectory() || !existsSync(join(dir, METADATA_FILE))) continue;
    const meta = readTemplateMetadata(dir);
    if (meta.appCommonGroup === group) {
      return { id: `${language}/${golemTemplateName(name)}`, kind: 'common', language, group, description: meta.description, path: dir, origin: dir };
    }
  }
  return undefined;
}

/**
 * `folder` holds the template; `namedAs` is the path that names it (the folder itself, or for
 * a fetched copy the remote spec's path, e.g. `…/templates/ts/ts-app-component-default`).
 */
export function localTemplate(folder: string, namedAs: string = folder): TemplateEntry {
  if (!existsSync(folder) || !statSync(folder).isDirectory()) {
    throw new UserError(`template folder ${folder} does not exist`, { code: 'E_TEMPLATE', hint: 'Give a folder that holds a metadata.json, or a registry id such as ts/default.' });
  }
  const meta = readTemplateMetadata(folder);
  if (meta.appCommonGroup !== undefined) {
    throw new UserError(`${folder} is a common template (appCommonGroup); it is added with the components of its language`, {
      code: 'E_TEMPLATE',
      hint: 'Give a component template folder (one with appComponentGroup).',
    });
  }
  if (meta.appComponentGroup === undefined) {
    throw new UserError(`${folder}: standalone templates (no appComponentGroup in metadata.json) are not supported`, {
      code: 'E_TEMPLATE',
      hint: 'Add "appComponentGroup": "default" to its metadata.json.',
    });
  }
  const extension = templateExtension(meta);
  const language = languageOf(namedAs) ?? languageOf(folder) ?? (extension.language && normalizeLanguage(extension.language));
  if (!language) {
    throw new UserError(`cannot tell the language of template folder ${folder}`, {
      code: 'E_TEMPLATE',
      hint: 'Name it <lang>-app-component-<name> or put it in a folder named after the language (ts, rust, …), as golem-cli does.',
    });
  }
  const group = meta.appComponentGroup;
  const common = siblingCommon(folder, language, group);
  return {
    id: `${language}/${golemTemplateName(basename(namedAs))}`,
    kind: 'component',
    language,
    group,
    description: meta.description,
    ...(extension.role ? { role: extension.role } : {}),
    path: folder,
    origin: folder,
    ...(common ? { common } : {}),
  };
}
