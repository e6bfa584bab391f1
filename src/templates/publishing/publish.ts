/**
 * `templates publish`: validate the template (any failure refuses, before the registry is
 * touched), clone the registry repository, copy the checked files to
 * `templates/<id>/<version>/`, add the entry to registry.json (one per id and version; an
 * existing one only with `force`), commit and push. A rejected push — someone published
 * meanwhile — is retried once on the new head, re-applying the entry there, so no entry is
 * ever lost: either both publishes land or the loser gets a clear error.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { silentReporter, type Reporter } from '../../report.js';
import { UserError } from '../../errors.js';
import { resolveInside } from '../../fs/paths.js';
import { METADATA_FILE } from '../metadata.js';
import type { RegistryEntryJson, RegistryJson } from '../registries/registry.js';
import { normalizeSource } from '../registries/config.js';
import { readRegistryJson } from '../registries/registry-json.js';
import { compareSemver, isSemver } from '../../text/semver.js';
import { copyTemplateFiles, type TemplateFile } from './files.js';
import { cloneRegistry, commitAll, folderCommit, push, resetToRemote, writeRegistryJson, type RegistryClone } from './registry-repo.js';
import { EXTENSION_KEY, type TemplateInfo } from './template-info.js';
import { type CheckResult, type ValidateOptions, validateTemplate } from './validate.js';

export interface PublishOptions {
  /** The template folder. */
  dir: string;
  /** The registry repository: a git URL, `github:owner/repo`, or a local path. */
  registry: string;
  /** `<lang>/<name>`; default `<language>/<folder name>`. */
  id?: string;
  /** Default: the template's metadata.json `createGolemApp.version`. */
  version?: string;
  /** Replace an existing id+version. */
  force?: boolean;
  report?: Reporter;
  cwd?: string;
  /** Inactivity timeout of the clone, fetch and push, in seconds (src/net; default 60). */
  timeoutSeconds?: number;
  /** Called before each push attempt (1, 2); lets tests make a rival publish land first. */
  beforePush?: (attempt: number) => Promise<void>;
  /** The validation's type-check of TS templates (see `validateTemplate`). */
  typeCheck?: ValidateOptions['typeCheck'];
}

export interface PublishResult {
  id: string;
  version: string;
  /** Registry-relative folder of the published copy. */
  path: string;
  /** The registry commit that was pushed. */
  registryCommit: string;
  /** The template folder's own commit, when it is in git. */
  sourceCommit?: string;
  /** The first push was rejected and the entry was re-applied on the new head. */
  retried: boolean;
  replaced: boolean;
  /** A forced publish of files identical to the published ones: nothing was committed. */
  unchanged: boolean;
}

const ID = /^([a-z][a-z0-9]*)\/([a-z][a-z0-9-]*)$/;
const MAX_PUSH_ATTEMPTS = 2;

/** Local paths (also plain relative ones) are cloned by absolute path; `github:owner/repo` by its https URL. */
export function registryCloneUrl(registry: string, cwd: string): string {
  const github = /^github:([\w.-]+)\/([\w.-]+?)(?:\.git)?$/.exec(registry);
  return github ? `https://github.com/${github[1]}/${github[2]}.git` : normalizeSource(registry, cwd);
}

export function validationFailure(dir: string, failures: CheckResult[], publishing = true): UserError {
  const first = failures[0]!;
  return new UserError(
    `template ${dir} failed validation (${failures.length} problem${failures.length > 1 ? 's' : ''}): ${first.check}: ${first.file ? `${first.file}: ` : ''}${first.message}`,
    publishing
      ? { code: 'E_PUBLISH', hint: `Nothing was published. Run 'create-golem-app templates validate ${dir}' for the full report.` }
      : { code: 'E_TEMPLATE', hint: 'Fix what the FAIL lines above name, then validate again.' },
  );
}

interface Publication {
  entry: RegistryEntryJson;
  sourceDir: string;
  files: TemplateFile[];
  metadata: Record<string, unknown>;
  force: boolean;
}

/** Writes the template copy and its entry into the clone; returns whether it replaced one. */
async function applyPublication(clone: RegistryClone, p: Publication): Promise<boolean> {
  const json: RegistryJson = await readRegistryJson(clone.dir, true);
  const { id, version } = p.entry;
  const existing = json.templates.findIndex((t) => t.id === id && t.version === version);
  if (existing >= 0 && !p.force) {
    throw new UserError(`${id}@${version} is already published in ${clone.url}`, {
      code: 'E_PUBLISH',
      hint: 'Publish a new --version, or pass --force to replace it. Nothing was published.',
    });
  }
  const target = resolveInside(clone.dir, p.entry.path!, 'template folder');
  rmSync(target, { recursive: true, force: true });
  copyTemplateFiles(p.sourceDir, target, p.files);
  writeFileSync(join(target, METADATA_FILE), `${JSON.stringify(p.metadata, null, 2)}\n`);
  const templates = json.templates.filter((_, i) => i !== existing);
  templates.push(p.entry);
  templates.sort((a, b) => (a.id === b.id ? compareSemver(a.version ?? '', b.version ?? '') : a.id < b.id ? -1 : 1));
  writeRegistryJson(clone.dir, { ...json, version: 1, templates });
  return existing >= 0;
}

/** The id and version to publish: the options, else the template's own defaults; checked. */
function idAndVersion(options: PublishOptions, info: TemplateInfo): { id: string; version: string } {
  const id = options.id ?? info.defaultId;
  const match = id ? ID.exec(id) : null;
  if (!id || !match)
    throw new UserError(`invalid template id '${id ?? ''}'`, { code: 'E_PUBLISH', hint: 'Give --id <lang>/<name>, e.g. ts/my-counter (lowercase, digits and -).' });
  if (match[1] !== info.language)
    throw new UserError(`template id ${id} does not match the template's language '${info.language}'`, { code: 'E_PUBLISH', hint: `Use --id ${info.language}/${match[2]}.` });
  const version = options.version ?? info.extension.version;
  if (!version || !isSemver(version)) {
    throw new UserError(version ? `invalid version '${version}'` : `no version for ${id}`, {
      code: 'E_PUBLISH',
      hint: `Give --version x.y.z (or set ${EXTENSION_KEY}.version in metadata.json).`,
    });
  }
  return { id, version };
}

async function preparePublication(options: PublishOptions, dir: string, report: Reporter): Promise<Publication> {
  // An invalid template fails the task (the spinner stops as failed) with the validation error.
  const { info, listing, skips } = await report.task(
    `Validating ${dir}`,
    async () => {
      const v = await validateTemplate(dir, options.typeCheck ? { typeCheck: options.typeCheck } : {});
      const failures = v.checks.filter((c) => !c.ok);
      if (failures.length || !v.info || !v.listing) throw validationFailure(dir, failures);
      return { info: v.info, listing: v.listing, skips: v.checks.filter((c) => c.skipped) };
    },
    (v) => `Validated ${dir}${v.skips.length ? ` (skipped: ${v.skips.map((c) => c.check).join(', ')})` : ''}`,
  );
  for (const c of skips) report.warn(c.message);
  const { id, version } = idAndVersion(options, info);
  const source = await folderCommit(dir);
  if (source?.dirty) report.warn(`the template folder has uncommitted changes; the recorded commit ${source.commit.slice(0, 12)} does not include them`);
  return {
    entry: {
      id,
      kind: 'component',
      language: info.language!,
      group: info.group,
      role: info.role,
      description: info.meta.description,
      path: `templates/${id}/${version}`,
      version,
      ...(source ? { commit: source.commit } : {}),
    },
    sourceDir: dir,
    files: listing.files.filter((f) => f.path !== METADATA_FILE),
    metadata: { ...info.meta, [EXTENSION_KEY]: { ...info.extension, language: info.language, role: info.role, version } },
    force: options.force === true,
  };
}

type PushOutcome = { registryCommit: string; pushed: 'pushed' | 'rejected' | 'unchanged' };

async function commitAndPush(clone: RegistryClone, message: string, attempt: number, options: PublishOptions): Promise<PushOutcome> {
  const registryCommit = await commitAll(clone, message);
  // A forced publish of identical files changes nothing: there is nothing to push.
  if (registryCommit === undefined) return { registryCommit: (await clone.git.revparse(['HEAD'])).trim(), pushed: 'unchanged' };
  await options.beforePush?.(attempt);
  return { registryCommit, pushed: await push(clone) };
}

export async function publishTemplate(options: PublishOptions): Promise<PublishResult> {
  const report = options.report ?? silentReporter;
  const cwd = options.cwd ?? process.cwd();
  const dir = resolve(cwd, options.dir);
  const publication = await preparePublication(options, dir, report);
  const { id, version, commit: sourceCommit } = publication.entry;
  const label = `${id}@${version}`;
  const message = `Publish ${label}${sourceCommit ? `\n\nSource commit: ${sourceCommit}` : ''}`;
  const url = registryCloneUrl(options.registry, cwd);
  const work = mkdtempSync(join(tmpdir(), 'cga-publish-'));
  try {
    const clone = await report.task(
      `Cloning ${url}`,
      () => cloneRegistry(url, join(work, 'registry'), options.timeoutSeconds === undefined ? {} : { timeoutSeconds: options.timeoutSeconds }),
      () => `Cloned ${url}`,
    );
    for (let attempt = 1; ; attempt++) {
      const replaced = await applyPublication(clone, publication);
      const outcome = await report.task(
        `Committing and pushing ${label}`,
        () => commitAndPush(clone, message, attempt, options),
        (r) =>
          r.pushed === 'rejected'
            ? 'The registry changed meanwhile; fetching it again'
            : `${r.pushed === 'unchanged' ? 'Nothing to push for' : 'Pushed'} ${label} (${r.registryCommit.slice(0, 12)})`,
      );
      if (outcome.pushed !== 'rejected') {
        return {
          id,
          version: version!,
          path: publication.entry.path!,
          registryCommit: outcome.registryCommit,
          ...(sourceCommit ? { sourceCommit } : {}),
          retried: attempt > 1,
          replaced,
          unchanged: outcome.pushed === 'unchanged',
        };
      }
      if (attempt >= MAX_PUSH_ATTEMPTS) {
        throw new UserError(`the registry ${url} changed again while publishing ${label}; nothing was published`, {
          code: 'E_PUBLISH',
          hint: 'Someone else is publishing right now: run the publish again.',
        });
      }
      await resetToRemote(clone);
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
