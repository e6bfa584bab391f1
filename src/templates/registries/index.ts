/**
 * Third-party template registries: git repositories with registry.json at the root, added by
 * name (`registry add`) and remembered in the user's config (config.ts). Their templates are
 * chosen as `<registry>/<lang>/<name>[@<version>]` — the latest version by default.
 *
 *   const registries = await loadAddedRegistries({ extra: values.registry, offline, report });
 *     // Registry[]: entries with ids `acme/ts/counter`, `version`, `origin: 'acme'`
 *   const found = await findRegistryTemplate('acme/ts/counter@1.1.0', { extra, offline, report });
 *     // undefined when the id is not a registry id (e.g. `ts/default`, a path, a URL);
 *     // { template, registry }: pass both to planComponent (the registry falls back to the
 *     // bundled common templates when it has none of its own)
 *
 * `extra` is a `--registry` value added for one command: `<source>` or `<name>=<source>`.
 */
import { slug } from '../../text/case.js';
import { existsSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { silentReporter } from '../../report.js';
import { UserError } from '../../errors.js';
import { loadBundledRegistry, registryFromJson, type Registry, type TemplateEntry } from './registry.js';
import { withCommonTemplate } from '../sources/find.js';
import { METADATA_FILE } from '../metadata.js';
import { subfolder } from '../sources/fetched.js';
import { resolveTemplateSource } from '../sources/index.js';
import { listRegistries, normalizeSource, type AddedRegistry, type Env } from './config.js';
import { fetchRegistryFolder, type FetchOptions } from './fetch.js';
import { parseRegistryTemplateId, qualifiedId, registryNameProblem } from './names.js';
import { readRegistryJson } from './registry-json.js';
import { compareSemver } from '../../text/semver.js';

export { addRegistry, configPath, listRegistries, normalizeSource, removeRegistry, type AddedRegistry, type Env } from './config.js';
export { assertRegistryName, parseRegistryTemplateId, qualifiedId, registryNameProblem, type RegistryTemplateRef } from './names.js';
export { compareSemver, isSemver } from '../../text/semver.js';
export { readRegistryJson, REGISTRY_FILE } from './registry-json.js';

export interface RegistryOptions extends FetchOptions {
  /** `--registry <source>` or `--registry <name>=<source>`: added for this command only. */
  extra?: string;
  /** Where the config is found (XDG_CONFIG_HOME, HOME); default process.env. */
  env?: Env;
}

/** `acme=github:acme/t` → acme; `github:acme/golem-templates` → golem-templates; else `registry`. */
export function parseExtraRegistry(extra: string, cwd = process.cwd()): AddedRegistry {
  const eq = extra.indexOf('=');
  if (eq > 0 && registryNameProblem(extra.slice(0, eq)) === undefined) {
    return { name: extra.slice(0, eq), source: normalizeSource(extra.slice(eq + 1), cwd) };
  }
  const last =
    extra
      .replace(/#.*$/, '')
      .replace(/[\\/]+$/, '')
      .split(/[\\/:]/)
      .pop() ?? '';
  const derived = slug(last.replace(/\.git$/, '')).replace(/^[^a-z]+/, '');
  return { name: registryNameProblem(derived) === undefined ? derived : 'registry', source: normalizeSource(extra, cwd) };
}

function registriesToUse(options: RegistryOptions): AddedRegistry[] {
  const added = listRegistries(options.env);
  if (!options.extra) return added;
  const extra = parseExtraRegistry(options.extra, options.cwd);
  return [...added.filter((r) => r.name !== extra.name), extra];
}

/** One registry: fetched (or the cached copy), registry.json checked, ids qualified with its name. */
export async function loadRegistry(registry: AddedRegistry, options: FetchOptions = {}): Promise<Registry> {
  const fetched = await fetchRegistryFolder(registry.name, registry.source, options);
  const json = await readRegistryJson(fetched.dir);
  const loaded = registryFromJson(json, fetched.dir, registry.name);
  return {
    ...loaded,
    templates: loaded.templates.map((t) => ({ ...t, id: qualifiedId(registry.name, t.id), origin: registry.name })),
  };
}

/**
 * Every added registry (plus `extra`). A remembered registry that cannot be loaded is skipped
 * with a warning, so one broken registry does not break listing; `extra` failing is an error.
 */
export async function loadAddedRegistries(options: RegistryOptions = {}): Promise<Registry[]> {
  const report = options.report ?? silentReporter;
  const extraName = options.extra ? parseExtraRegistry(options.extra, options.cwd).name : undefined;
  const out: Registry[] = [];
  for (const r of registriesToUse(options)) {
    try {
      out.push(await loadRegistry(r, options));
    } catch (err) {
      if (!(err instanceof UserError) || r.name === extraName) throw err;
      report.warn(`registry ${r.name} skipped: ${err.message}`);
    }
  }
  return out;
}

/** The newest entry per id (by semver; entries without a version count as oldest). */
export function latestEntries(templates: readonly TemplateEntry[]): TemplateEntry[] {
  const best = new Map<string, TemplateEntry>();
  for (const t of templates) {
    const current = best.get(t.id);
    if (!current || compareSemver(t.version ?? '', current.version ?? '') > 0) best.set(t.id, t);
  }
  return [...best.values()];
}

/** The entry's folder, refused when it is missing or reached through a symbolic link (untrusted input). */
function checkedFolder(registry: Registry, template: TemplateEntry): string {
  const rel = relative(registry.root, template.path).split(sep).join('/');
  const dir = subfolder(registry.root, rel);
  if (dir === undefined || !existsSync(join(dir, METADATA_FILE))) {
    throw new UserError(`registry ${registry.name}: the folder of ${template.id}@${template.version ?? '?'} ('${rel}') is missing, not a template or a link`, {
      code: 'E_REGISTRY',
      hint: 'The registry is broken; ask its maintainer to publish the template again.',
    });
  }
  return dir;
}

export interface FoundRegistryTemplate {
  template: TemplateEntry;
  /** The template's registry followed by the bundled one (for the common template). */
  registry: Registry;
}

export async function findRegistryTemplate(id: string, options: RegistryOptions = {}): Promise<FoundRegistryTemplate | undefined> {
  const ref = parseRegistryTemplateId(id);
  if (!ref) return undefined;
  const known = registriesToUse(options);
  const added = known.find((r) => r.name === ref.registry);
  if (!added) {
    throw new UserError(`unknown registry '${ref.registry}' in template '${id}'`, {
      code: 'E_REGISTRY',
      hint: known.length
        ? `Added registries: ${known.map((r) => r.name).join(', ')}. Add it with 'create-golem-app registry add ${ref.registry} <source>'.`
        : `Add it with 'create-golem-app registry add ${ref.registry} <git-url|path>', or use --registry.`,
    });
  }
  const registry = await loadRegistry(added, options);
  const wanted = qualifiedId(ref.registry, ref.id);
  const versions = registry.templates.filter((t) => t.id === wanted && t.kind === 'component');
  const available = latestEntries(registry.templates.filter((t) => t.kind === 'component')).map((t) => t.id);
  if (versions.length === 0) {
    throw new UserError(`registry ${ref.registry} has no component template '${ref.id}'`, {
      code: 'E_REGISTRY',
      hint: available.length ? `Its templates: ${available.join(', ')}.` : 'The registry lists no component templates.',
    });
  }
  const template = ref.version ? versions.find((t) => t.version === ref.version) : latestEntries(versions)[0];
  if (!template) {
    throw new UserError(`registry ${ref.registry} has no version ${ref.version} of '${ref.id}'`, {
      code: 'E_REGISTRY',
      hint: `Versions: ${versions.map((t) => t.version ?? '(none)').join(', ')}; leave out @version for the latest.`,
    });
  }
  const resolved = template.source
    ? { ...template, path: (await resolveTemplateSource(template.source, { ...options, report: options.report ?? silentReporter })).dir }
    : { ...template, path: checkedFolder(registry, template) };
  const withBundled = { ...registry, templates: [...registry.templates, ...loadBundledRegistry().templates] };
  return { template: await withCommonTemplate(withBundled, resolved, { ...options, cwd: options.cwd ?? process.cwd() }), registry: withBundled };
}
