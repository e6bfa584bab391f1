/**
 * A template folder's `metadata.json`, in golem-cli 1.2.5's format (golem-templates
 * `TemplateMetadata`), so Golem's own template folders work unchanged. Unknown keys are ignored,
 * as Golem's serde does. Checked before use against metadata.schema.json (shipped in the
 * package): a known key of the wrong type, an oversized value or a path leaving the app is an
 * error at the file's line and column.
 */
import { parseJson } from '../text/json.js';
import { existsSync, lstatSync, readFileSync, realpathSync } from 'node:fs';
import { join, sep } from 'node:path';
import { UserError } from '../errors.js';
import { packagePath } from '../fs/package-root.js';
import { schemaFailure } from './schema-errors.js';
import { schemaValidator } from './schema-validator.js';

export interface TemplateMetadata {
  description: string;
  appCommonGroup?: string;
  /** App-relative file whose existence means the common template is already there. */
  appCommonSkipIfExists?: string;
  appComponentGroup?: string;
  requiresAdapter?: boolean;
  adapterTarget?: string;
  requiresGolemHostWIT?: boolean;
  requiresWASI?: boolean;
  /** Where the WIT deps go (default `["wit/deps"]`). */
  witDepsPaths?: string[];
  /** File or folder names (not paths) never copied. */
  exclude?: string[];
  instructions?: string;
  /** Names (after renaming) whose contents are copied without substitution. */
  transformExclude?: string[];
  /** Substitute placeholders in file contents (default true; golem.yaml is always handled). */
  transform?: boolean;
}

export const METADATA_FILE = 'metadata.json';

/** A metadata.json larger than this is refused before it is read (64 KiB; golem's are a few hundred bytes). */
const MAX_METADATA_BYTES = 64 * 1024;

const HINT = "Fix the template's metadata.json (its format: metadata.schema.json of create-golem-app, golem-cli's fields).";

/** The real path of the package's templates/ (it does not move while we run), with a trailing separator. */
let bundledTemplates: string | undefined;

/**
 * Whether a template folder is shipped inside this package (`templates/`). Every other folder —
 * a local path, a cached download, golem-cli's own templates fetched by degit — is untrusted.
 */
export function isBundledTemplateFolder(folder: string): boolean {
  try {
    bundledTemplates ??= realpathSync(packagePath('templates')) + sep;
    return realpathSync(folder).startsWith(bundledTemplates);
  } catch {
    return false;
  }
}

/**
 * Reads `<folder>/metadata.json` and checks it against metadata.schema.json (types, sizes, paths
 * inside the app). The templates shipped in this package are checked by the tests instead
 * (test/templates/metadata-schema.test.ts), so a scaffold from them does not load the validators.
 */
export function readTemplateMetadata(folder: string): TemplateMetadata {
  const file = join(folder, METADATA_FILE);
  if (!existsSync(file)) {
    throw new UserError(`template folder ${folder} has no ${METADATA_FILE}`, {
      code: 'E_TEMPLATE',
      hint: 'A template folder needs a metadata.json in golem-cli\'s format, e.g. {"description": "…", "appComponentGroup": "default"}.',
    });
  }
  // Templates are untrusted: a linked metadata.json could make us read (and echo) any file.
  const stat = lstatSync(file);
  if (!stat.isFile()) {
    throw new UserError(`template folder ${folder}: ${METADATA_FILE} is not a regular file`, { code: 'E_TEMPLATE', hint: 'Template files may not be symbolic links.' });
  }
  if (stat.size > MAX_METADATA_BYTES) {
    throw new UserError(`${file}: larger than ${MAX_METADATA_BYTES / 1024} KiB`, { code: 'E_TEMPLATE', hint: HINT });
  }
  const text = readFileSync(file, 'utf8');
  const parsed = parseJson(text, file);
  if ('error' in parsed) throw new UserError(`not valid JSON: ${parsed.error.message}`, { code: 'E_TEMPLATE', location: parsed.error.location, hint: 'Fix the JSON syntax.' });
  return checkMetadata(parsed.value, file, text, !isBundledTemplateFolder(folder));
}

/** Checks parsed metadata.json (against metadata.schema.json when `bySchema`); `text` (the file's) locates errors. */
function checkMetadata(raw: unknown, file: string, text: string, bySchema: boolean): TemplateMetadata {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    throw new UserError(`${file}: expected a JSON object`, { code: 'E_TEMPLATE', hint: "See golem-cli's template metadata.json format." });
  }
  const validate = bySchema ? schemaValidator('metadata') : undefined;
  if (validate && !validate(raw)) throw schemaFailure(file, text, validate.errors ?? [], { code: 'E_TEMPLATE', hint: HINT });
  const record = raw as Record<string, unknown>;
  const meta = { ...record, description: typeof record.description === 'string' ? record.description : '' } as TemplateMetadata;
  if (meta.appCommonGroup !== undefined && meta.appComponentGroup !== undefined) {
    throw new UserError(`${file}: a template is either common (appCommonGroup) or a component (appComponentGroup), not both`, {
      code: 'E_TEMPLATE',
      hint: 'Remove one of the two keys.',
    });
  }
  return meta;
}

/**
 * Golem's rule (golem-templates/src/lib.rs `parse_template`): `requiresAdapter` defaults to true
 * when `adapterTarget` is present (the C and Zig common templates).
 */
export function requiresAdapter(meta: TemplateMetadata): boolean {
  return meta.requiresAdapter ?? meta.adapterTarget !== undefined;
}

/**
 * The refusal of a template that needs golem-cli's WASI adapter (the `wasi_snapshot_preview1.wasm`
 * it copies into `adapterTarget`, default `adapters/`), which we do not ship.
 */
export function adapterRefusal(id: string, adapterTarget?: string): UserError {
  const where = adapterTarget === undefined ? '' : `, copied into ${adapterTarget.replace(/\/+$/, '')}/`;
  return new UserError(`template ${id} requires Golem's WASI adapter (wasi_snapshot_preview1.wasm${where}), which create-golem-app does not support`, {
    hint: `Create this component with golem-cli 1.2.5: golem component new ${id} <namespace:name>`,
  });
}

/** Golem's own refusal: templates that need a WASI adapter are not supported here. */
export function assertSupported(meta: TemplateMetadata, id: string): void {
  if (requiresAdapter(meta)) throw adapterRefusal(id, meta.adapterTarget);
}

/**
 * Our one addition to Golem's metadata.json: `"createGolemApp": { "language", "role", "version" }`
 * (Golem's loader skips unknown keys, so the folder stays a valid Golem template).
 */
export const EXTENSION_KEY = 'createGolemApp';

export interface TemplateExtension {
  language?: string;
  role?: 'provider' | 'caller' | 'other';
  version?: string;
}

export function templateExtension(meta: TemplateMetadata): TemplateExtension {
  const raw = (meta as unknown as Record<string, unknown>)[EXTENSION_KEY];
  return (typeof raw === 'object' && raw !== null && !Array.isArray(raw) ? raw : {}) as TemplateExtension;
}
