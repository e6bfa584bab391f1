/**
 * The component templates the prompts offer: the bundled registry's, then the newest of each
 * template of the registries the user added (`registry add`, or `--registry` for one run). Added
 * registries are loaded (with a spinner) only when there are some; if loading fails the bundled
 * templates are still offered, with a warning. Templates that need Golem's WASI adapter (golem's
 * C and Zig templates) are not offered: they cannot be used.
 */
import { silentReporter } from '../../report.js';
import { UserError } from '../../errors.js';
import { loadBundledRegistry, type TemplateEntry } from '../../templates/index.js';
import { createReporter } from '../output.js';

export interface TemplateLookup {
  cwd: string;
  offline?: boolean;
  /** `--registry <source>` or `<name>=<source>`. */
  extra?: string;
  /** Inactivity timeout of registry fetches, in seconds. */
  timeoutSeconds?: number;
}

const usable = (t: TemplateEntry): boolean => !t.requiresAdapter;

export async function offeredTemplates(lookup: TemplateLookup): Promise<TemplateEntry[]> {
  const bundled = loadBundledRegistry().templates.filter(usable);
  const { listRegistries, loadAddedRegistries, latestEntries } = await import('../../templates/registries/index.js');
  if (listRegistries().length === 0 && lookup.extra === undefined) return bundled;
  try {
    const added = await createReporter().task(
      'Loading template registries',
      () =>
        loadAddedRegistries({
          cwd: lookup.cwd,
          offline: lookup.offline,
          report: silentReporter,
          ...(lookup.extra ? { extra: lookup.extra } : {}),
          ...(lookup.timeoutSeconds === undefined ? {} : { timeoutSeconds: lookup.timeoutSeconds }),
        }),
      (registries) => `Loaded ${registries.map((r) => r.name).join(', ')}`,
    );
    return [...bundled, ...added.flatMap((r) => latestEntries(r.templates))].filter(usable);
  } catch (err) {
    if (!(err instanceof UserError)) throw err;
    (await import('./ask.js')).log.warn(`${err.line.replace(/\.$/, '')} — offering the bundled templates only.`);
    return bundled;
  }
}
