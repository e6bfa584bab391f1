/**
 * Turns one template folder into planned files, as golem-cli 1.2.5 instantiates a template:
 * placeholder substitution in file and folder names, `Cargo.toml._` → `Cargo.toml`, our
 * `_gitignore` → `.gitignore` (npm drops `.gitignore` from tarballs), `metadata.json` and
 * `exclude`d names never copied, contents substituted unless `transform: false` or listed in
 * `transformExclude`, golem.yaml handled as Golem does (manifest.ts), `*.hbs` files rendered
 * with Handlebars (handlebars.ts).
 *
 * Templates are untrusted: they are read only through template-files.ts (`.git` and
 * `node_modules` skipped; links, devices, FIFOs and sockets refuse the whole template), every
 * name must stay a plain name inside the app after substitution (no `..`, separators, drive
 * letters, nor a `.git` or `node_modules` made up by substitution), and nothing in a template
 * is executed.
 */
import { isUtf8 } from 'node:buffer';
import { join } from 'node:path';
import { UserError } from '../../errors.js';
import { resolveInside } from '../../fs/paths.js';
import { expandManifestMarkers, renderComponentManifest } from './manifest.js';
import { METADATA_FILE, type TemplateMetadata } from '../metadata.js';
import { substitutePlaceholders } from './names.js';
import { readTemplateFile, readTemplateTree, skippedName } from './template-files.js';
import type { PlannedFile } from './types.js';

export interface RenderInput {
  templateId: string;
  folder: string;
  meta: TemplateMetadata;
  kind: 'common' | 'component';
  appRoot: string;
  values: ReadonlyArray<readonly [string, string]>;
  /** Renders a `.hbs` file's text (without the suffix handling). */
  renderHandlebars?: (text: string, file: string) => string;
  /** Component files are replaced instead of failing when they exist (`--overwrite`). */
  overwrite?: boolean;
  /** The template is not bundled: its files are marked `untrusted`. */
  untrusted?: boolean;
}

/** Name renames after substitution (golem's `file_name_transform` plus npm's dotfile problem). */
const RENAMES: Record<string, string> = { 'Cargo.toml._': 'Cargo.toml', _gitignore: '.gitignore' };
const HBS_SUFFIX = '.hbs';

function refuse(input: RenderInput, relSource: string, why: string): UserError {
  return new UserError(`template ${input.templateId} refused: '${relSource}' ${why}`, {
    code: 'E_TEMPLATE',
    hint: 'Nothing was written. Templates may only contain plain files and folders that stay inside the app.',
  });
}

function targetName(input: RenderInput, sourceName: string, relSource: string): string {
  let name = substitutePlaceholders(sourceName, input.values);
  name = RENAMES[name] ?? name;
  if (name === '' || name === '.' || name === '..' || /[\\/\0]/.test(name)) {
    throw refuse(input, relSource, `becomes '${name}' after substitution, which is not a plain file name`);
  }
  if (/^[A-Za-z]:/.test(name)) throw refuse(input, relSource, `becomes '${name}' after substitution, a drive path`);
  if (skippedName(name) !== undefined) throw refuse(input, relSource, `becomes '${name}' after substitution, a name templates may not write`);
  return name;
}

/** The file as text; undefined when it is not UTF-8 (binary: copied as is). A BOM is kept, as golem's `read_to_string` keeps it. */
function decodeText(content: Buffer): string | undefined {
  return isUtf8(content) ? content.toString('utf8') : undefined;
}

function renderContent(input: RenderInput, sourceName: string, targetName: string, content: Buffer, relSource: string, absSource: string): Buffer {
  const isHbs = sourceName.endsWith(HBS_SUFFIX);
  const isManifest = sourceName === 'golem.yaml';
  const substitute = input.meta.transform !== false && !(input.meta.transformExclude ?? []).includes(targetName);
  if (!isHbs && !isManifest && !substitute) return content;
  const text = decodeText(content);
  if (text === undefined) {
    if (isHbs || isManifest) throw refuse(input, relSource, 'is not UTF-8 text');
    return content;
  }
  if (isManifest) {
    return Buffer.from(input.kind === 'common' ? expandManifestMarkers(text, input.values) : renderComponentManifest(text, input.values));
  }
  if (isHbs) {
    if (!input.renderHandlebars) throw refuse(input, relSource, 'is a Handlebars file, but no rendering context was given');
    return Buffer.from(input.renderHandlebars(text, absSource));
  }
  return Buffer.from(substitutePlaceholders(text, input.values));
}

function onExisting(input: RenderInput, name: string): PlannedFile['onExisting'] {
  if (name === '.gitignore') return 'merge-lines';
  if (input.kind === 'common') return 'skip';
  return input.overwrite ? 'replace' : 'fail';
}

/** Every file of the template folder as a planned file (sorted, deterministic), read through the boundary (template-files.ts). */
export function renderTemplateFolder(input: RenderInput): PlannedFile[] {
  const tree = readTemplateTree(input.folder, new Set(input.meta.exclude ?? []));
  const refused = tree.refused[0];
  if (refused) throw refuse(input, refused.path, refused.reason);
  const out: PlannedFile[] = [];
  for (const file of tree.files) {
    const segments = file.path.split('/');
    const entry = segments[segments.length - 1]!;
    if (entry === METADATA_FILE) continue;
    // Each name is substituted on its own: a value can never add a separator.
    const targets = segments.map((segment, i) => targetName(input, segment, segments.slice(0, i + 1).join('/')));
    let name = targets[targets.length - 1]!;
    let path = targets.join('/');
    // golem.yaml holds Golem's own minijinja `{{ … }}`: it is never a Handlebars file.
    if (entry === `golem.yaml${HBS_SUFFIX}`) {
      throw refuse(input, file.path, 'is a Handlebars golem.yaml; write golem.yaml plainly (placeholders are substituted, minijinja is kept)');
    }
    const source = join(input.folder, ...segments);
    let bytes: Buffer;
    try {
      bytes = readTemplateFile(source);
    } catch {
      throw refuse(input, file.path, 'changed into something other than a regular file while it was read');
    }
    const content = renderContent(input, entry, name, bytes, file.path, source);
    if (entry.endsWith(HBS_SUFFIX)) {
      name = name.slice(0, -HBS_SUFFIX.length);
      path = path.slice(0, -HBS_SUFFIX.length);
      if (name === '' || name === '.' || name === '..') throw refuse(input, file.path, `becomes '${name}' once '.hbs' is dropped`);
      if (skippedName(name) !== undefined) throw refuse(input, file.path, `becomes '${name}' once '.hbs' is dropped, a name templates may not write`);
    }
    try {
      resolveInside(input.appRoot, path);
    } catch {
      throw refuse(input, file.path, `would be written outside the app as '${path}'`);
    }
    out.push({
      path,
      content,
      ...(file.executable ? { mode: 0o755 } : {}),
      onExisting: onExisting(input, name),
      template: input.templateId,
      source: file.path,
      sourcePath: source,
      ...(input.untrusted ? { untrusted: true as const } : {}),
    });
  }
  return out;
}
