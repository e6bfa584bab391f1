/**
 * `templates list [filter] [--language <lang>] [--json]`: the component templates of the
 * bundled registry and of every added registry (newest version of each), grouped by language,
 * with where each comes from. Common templates are listed in JSON only: they are never chosen.
 */
import { type Reporter, silentReporter } from '../report.js';
import { languageName, loadBundledRegistry, normalizeLanguage, type TemplateEntry, type TemplateKind } from '../templates/index.js';

export interface TemplatesListOptions {
  cwd: string;
  filter?: string;
  language?: string;
  json?: boolean;
  offline?: boolean;
  /** `--registry <source>`: one more registry for this listing. */
  registry?: string;
  /** Environment for the registry config (tests). */
  env?: Readonly<Record<string, string | undefined>>;
  cacheDir?: string;
  /** Inactivity timeout of registry fetches, in seconds (default 60). */
  timeoutSeconds?: number;
}

export interface TemplateListing {
  id: string;
  kind: TemplateKind;
  language: string;
  role?: string;
  description: string;
  /** `bundled` or the registry's name. */
  registry: string;
  version?: string;
  /** A remote template's source spec (golem-cli's own templates: its repository at tag v1.2.5). */
  source?: string;
  /** False for templates that need Golem's WASI adapter (golem's C and Zig templates): listed, never used. */
  supported: boolean;
}

const listing = (t: TemplateEntry): TemplateListing => ({
  id: t.id,
  kind: t.kind,
  language: t.language,
  ...(t.role ? { role: t.role } : {}),
  description: t.description,
  registry: t.origin,
  ...(t.version ? { version: t.version } : {}),
  ...(t.source ? { source: t.source } : {}),
  supported: !t.requiresAdapter,
});

/** `github:golemcloud/golem-cli/golem-templates/…#v1.2.5` → `golem-cli v1.2.5`: where a bundled remote template comes from. */
const sourceLabel = (source: string): string => {
  const m = /^[a-z]+:[^/]+\/([^/#]+)[^#]*(?:#(.+))?$/.exec(source);
  return m ? `${m[1]}${m[2] ? ` ${m[2]}` : ''}` : source;
};

async function allTemplates(options: TemplatesListOptions, report: Reporter): Promise<TemplateEntry[]> {
  const { listRegistries, loadAddedRegistries, latestEntries } = await import('../templates/registries/index.js');
  const added =
    listRegistries(options.env).length || options.registry !== undefined
      ? await loadAddedRegistries({
          cwd: options.cwd,
          offline: options.offline,
          report,
          env: options.env,
          cacheDir: options.cacheDir,
          ...(options.timeoutSeconds === undefined ? {} : { timeoutSeconds: options.timeoutSeconds }),
          ...(options.registry !== undefined ? { extra: options.registry } : {}),
        })
      : [];
  return [...loadBundledRegistry().templates, ...added.flatMap((r) => latestEntries(r.templates))];
}

export async function templatesList(options: TemplatesListOptions, report: Reporter = silentReporter): Promise<TemplateListing[]> {
  const language = options.language === undefined ? undefined : normalizeLanguage(options.language);
  const filter = options.filter?.toLowerCase();
  const rows = (await allTemplates(options, report))
    .filter((t) => language === undefined || t.language === language)
    .filter((t) => filter === undefined || t.id.toLowerCase().includes(filter) || t.description.toLowerCase().includes(filter))
    .map(listing);
  if (options.json) return rows; // printed by the CLI
  const shown = rows.filter((r) => r.kind === 'component');
  if (shown.length === 0) {
    report.info(`No templates match${language ? ` language ${language}` : ''}${filter ? ` '${options.filter}'` : ''}.`);
    return rows;
  }
  const idWidth = Math.max(...shown.map((r) => r.id.length + (r.version ? r.version.length + 1 : 0)));
  const roleWidth = Math.max(...shown.map((r) => (r.role ?? '').length));
  const languages = [...new Set(shown.map((r) => r.language))];
  languages.forEach((lang, i) => {
    if (i > 0) report.info('');
    report.info(`${languageName(lang)} (${lang})`);
    for (const r of shown.filter((x) => x.language === lang)) {
      const id = r.version ? `${r.id}@${r.version}` : r.id;
      const from = r.registry === 'bundled' ? (r.source ? sourceLabel(r.source) : 'bundled') : `registry ${r.registry}${r.source ? ` (${r.source})` : ''}`;
      const description = r.supported ? r.description : `${r.description} — not supported: needs Golem's WASI adapter`;
      report.info(`  ${id.padEnd(idWidth)}  ${(r.role ?? '').padEnd(roleWidth)}  ${description}  [${from}]`);
    }
  });
  return rows;
}
