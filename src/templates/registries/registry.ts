/**
 * The template registry (`registry.json`, format in registry.schema.json and
 * ../shared/design/registry.md): which templates exist, their ids, languages and groups. A
 * component template brings in the common template of its language and group.
 */
import { readFileSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
import { UserError } from '../../errors.js';
import { packagePath } from '../../fs/package-root.js';
import { adapterRefusal } from '../metadata.js';

export type TemplateKind = 'common' | 'component';
export type TemplateRole = 'provider' | 'caller' | 'other';

/** One entry as written in registry.json. */
export interface RegistryEntryJson {
  id: string;
  kind: TemplateKind;
  language: string;
  group: string;
  role?: TemplateRole;
  description: string;
  path?: string;
  source?: string;
  version?: string;
  commit?: string;
  /**
   * Golem's `requiresAdapter`: the template needs golem-cli's WASI adapter (C and Zig: their common
   * templates declare `adapterTarget`). Set on a common entry, it holds for the component
   * templates of its language and group too. Such templates are listed but not supported.
   */
  requiresAdapter?: boolean;
}

export interface RegistryJson {
  version: 1;
  templates: RegistryEntryJson[];
}

/** A registry entry ready to use: its folder made absolute, where it came from. */
export interface TemplateEntry extends Pick<RegistryEntryJson, 'id' | 'kind' | 'language' | 'group' | 'role' | 'description' | 'source' | 'version' | 'requiresAdapter'> {
  /** Absolute folder of the template (a local copy for remote sources; empty until fetched). */
  path: string;
  /** Where it came from: `bundled`, a registry name, or a folder / remote spec. */
  origin: string;
  /** The common template to use instead of the registry's (a template folder's sibling, as in Golem's tree). */
  common?: TemplateEntry;
}

export interface Registry {
  name: string;
  /** Folder that entry paths are relative to. */
  root: string;
  templates: TemplateEntry[];
}

/** Language ids and the names Golem accepts for them (golem-templates `GuestLanguage::from_string`). */
const LANGUAGE_ALIASES: Record<string, string> = {
  ts: 'ts',
  typescript: 'ts',
  rust: 'rust',
  js: 'js',
  javascript: 'js',
  go: 'go',
  py: 'python',
  python: 'python',
  c: 'c',
  'c++': 'c',
  cpp: 'c',
  zig: 'zig',
  moon: 'moonbit',
  moonbit: 'moonbit',
  mbt: 'moonbit',
  scala: 'scalajs',
  scalajs: 'scalajs',
};

/** The canonical language id for a name Golem accepts, or undefined. */
export function knownLanguage(name: string): string | undefined {
  return LANGUAGE_ALIASES[name.toLowerCase()];
}

const LANGUAGE_NAMES: Record<string, string> = {
  ts: 'TypeScript',
  rust: 'Rust',
  js: 'JavaScript',
  python: 'Python',
  go: 'Go',
  c: 'C',
  zig: 'Zig',
  moonbit: 'MoonBit',
  scalajs: 'Scala.js',
};

/** `ts` → `TypeScript`, for listings and prompts. */
export const languageName = (language: string): string => LANGUAGE_NAMES[language] ?? language;

export function normalizeLanguage(language: string): string {
  return LANGUAGE_ALIASES[language.toLowerCase()] ?? language.toLowerCase();
}

/** Entries of parsed registry JSON as TemplateEntry, paths made absolute against `root`. */
export function registryFromJson(json: RegistryJson, root: string, name: string): Registry {
  // As golem-templates/src/lib.rs: the adapter belongs to the common template, and every component of its group needs it.
  const needsAdapter = (e: RegistryEntryJson) =>
    e.requiresAdapter === true || json.templates.some((c) => c.kind === 'common' && c.requiresAdapter === true && c.language === e.language && c.group === e.group);
  return {
    name,
    root,
    templates: json.templates.map((e) => ({
      id: e.id,
      kind: e.kind,
      language: e.language,
      group: e.group,
      ...(e.role ? { role: e.role } : {}),
      description: e.description,
      path: e.path === undefined ? '' : isAbsolute(e.path) ? e.path : resolve(root, e.path),
      origin: name,
      ...(e.source ? { source: e.source } : {}),
      ...(e.version ? { version: e.version } : {}),
      ...(needsAdapter(e) ? { requiresAdapter: true } : {}),
    })),
  };
}

let bundled: Registry | undefined;

/**
 * The registry shipped in the package. It is trusted and checked by the tests against
 * registry.schema.json, so it is not validated at run time (keeps start-up small).
 */
export function loadBundledRegistry(): Registry {
  if (bundled) return bundled;
  const file = packagePath('registry.json');
  const json = JSON.parse(readFileSync(file, 'utf8')) as RegistryJson;
  bundled = registryFromJson(json, packagePath(), 'bundled');
  return bundled;
}

/** Ids of the component templates that can be used (not those needing Golem's WASI adapter). */
export function componentTemplateIds(registry: Registry): string[] {
  return registry.templates.filter((t) => t.kind === 'component' && !t.requiresAdapter).map((t) => t.id);
}

/** `ts` → `ts/default` (as Golem), `typescript/caller` → `ts/caller`. */
export function canonicalTemplateId(id: string): string {
  // Every part after the language is kept: `ts/default/x` names no template, it is not `ts/default`.
  const [language = '', ...name] = id.split('/');
  return `${normalizeLanguage(language)}/${name.length > 0 ? name.join('/') : 'default'}`;
}

/**
 * The component template for an id or language shorthand; a UserError naming the valid ids
 * otherwise. Templates that need Golem's WASI adapter are refused here, before anything is fetched
 * or written.
 */
export function findTemplateById(registry: Registry, id: string): TemplateEntry {
  const canonical = canonicalTemplateId(id);
  const entry = registry.templates.find((t) => t.id === canonical);
  if (entry?.kind === 'component') {
    if (entry.requiresAdapter) throw adapterRefusal(entry.id);
    return entry;
  }
  const language = canonical.split('/')[0]!;
  const ofLanguage = componentTemplateIds(registry).filter((t) => t.startsWith(`${language}/`));
  if (entry) {
    throw new UserError(`template ${entry.id} is a common template; it is added with the components of its language`, {
      hint: `Choose a component template: ${ofLanguage.join(', ')}.`,
    });
  }
  const languages = [...new Set(componentTemplateIds(registry).map((t) => t.split('/')[0]!))];
  throw new UserError(`unknown template '${id}'`, {
    hint: ofLanguage.length
      ? `${languageName(language)} templates: ${ofLanguage.join(', ')} (or a folder path).`
      : `Templates are <language>/<name>, for ${languages.join(', ')}; 'create-golem-app templates list' shows them (or give a folder path).`,
  });
}

/** The common template of a language and group, if the registry has one. */
export function findCommonTemplate(registry: Registry, language: string, group: string): TemplateEntry | undefined {
  return registry.templates.find((t) => t.kind === 'common' && t.language === language && t.group === group);
}
