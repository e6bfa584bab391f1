/**
 * What publishing needs to know about a template folder beyond Golem's metadata.json: its
 * language, role and version. They live in metadata.json under one extra key, which Golem's
 * own loader ignores (unknown keys are skipped), so the folder stays a valid Golem template:
 *
 *   { "description": "…", "appComponentGroup": "default",
 *     "createGolemApp": { "language": "ts", "role": "provider", "version": "0.1.0" } }
 *
 * Without the key the language is recognised from the files (Cargo.toml._ → rust,
 * package.json → ts) and the role is `provider`.
 */
import { slug } from '../../text/case.js';
import { existsSync, readdirSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { UserError } from '../../errors.js';
import { readTemplateMetadata, templateExtension, type TemplateExtension, type TemplateMetadata } from '../metadata.js';
import { normalizeLanguage, type TemplateRole } from '../registries/registry.js';

export { EXTENSION_KEY, type TemplateExtension } from '../metadata.js';
export const LANGUAGES = ['ts', 'rust'] as const;
export const ROLES: readonly TemplateRole[] = ['provider', 'caller', 'other'];

export interface TemplateInfo {
  dir: string;
  meta: TemplateMetadata;
  extension: TemplateExtension;
  /** Normalised (`ts`, `rust`), or undefined when it cannot be told. */
  language?: string;
  role: TemplateRole;
  group: string;
  /** `<lang>/<folder name>`: the id used when publishing without `--id`. */
  defaultId?: string;
}

/** Files whose presence anywhere in a template tells its language. */
const LANGUAGE_MARKERS: Array<[file: string, language: string]> = [
  ['Cargo.toml._', 'rust'],
  ['Cargo.toml', 'rust'],
  ['package.json', 'ts'],
  ['tsconfig.json', 'ts'],
];

function findsFile(dir: string, name: string, depth = 4): boolean {
  if (depth < 0) return false;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.isFile() && entry.name === name) return true;
    if (entry.isDirectory() && entry.name !== '.git' && entry.name !== 'node_modules' && findsFile(join(dir, entry.name), name, depth - 1)) return true;
  }
  return false;
}

export function inferLanguage(dir: string): string | undefined {
  return LANGUAGE_MARKERS.find(([file]) => findsFile(dir, file))?.[1];
}

/** A folder name turned into a template name (`My Counter` → `my-counter`). */
export function templateNameFromFolder(dir: string): string | undefined {
  const name = slug(basename(resolve(dir)));
  return /^[a-z][a-z0-9-]*$/.test(name) ? name : undefined;
}

export function readTemplateInfo(dirInput: string): TemplateInfo {
  const dir = resolve(dirInput);
  if (!existsSync(dir)) throw new UserError(`template folder ${dir} does not exist`, { code: 'E_TEMPLATE', hint: "Create one with 'create-golem-app templates init <dir>'." });
  const meta = readTemplateMetadata(dir);
  const extension = templateExtension(meta);
  const declared = typeof extension.language === 'string' ? normalizeLanguage(extension.language) : undefined;
  const language = declared ?? inferLanguage(dir);
  const name = templateNameFromFolder(dir);
  return {
    dir,
    meta,
    extension,
    ...(language ? { language } : {}),
    role: ROLES.includes(extension.role as TemplateRole) ? (extension.role as TemplateRole) : 'provider',
    group: meta.appComponentGroup ?? 'default',
    ...(language && name ? { defaultId: `${language}/${name}` } : {}),
  };
}
