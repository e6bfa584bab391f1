/**
 * Turns one template folder into planned files, as golem-cli 1.2.5 instantiates a template:
 * placeholder substitution in file and folder names, `Cargo.toml._` → `Cargo.toml`, our
 * `_gitignore` → `.gitignore` (npm drops `.gitignore` from tarballs), `metadata.json` and
 * `exclude`d names never copied, contents substituted unless `transform: false` or listed in
 * `transformExclude`, golem.yaml handled as Golem does (manifest.ts), `*.hbs` files rendered
 * with Handlebars (handlebars.ts).
 *
 * Templates are untrusted: symlinks and special files refuse the whole template, every
 * name (also after substitution) must stay a plain name inside the app, and nothing in a
 * template is executed.
 */
import { lstatSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { UserError } from '../../errors.js';
import { resolveInside } from '../../fs/paths.js';
import { expandManifestMarkers, renderComponentManifest } from './manifest.js';
import { METADATA_FILE, type TemplateMetadata } from '../metadata.js';
import { substitutePlaceholders } from './names.js';
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
}

/** Name renames after substitution (golem's `file_name_transform` plus npm's dotfile problem). */
const RENAMES: Record<string, string> = { 'Cargo.toml._': 'Cargo.toml', _gitignore: '.gitignore' };
const HBS_SUFFIX = '.hbs';
const utf8 = new TextDecoder('utf-8', { fatal: true });

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
  return name;
}

function decodeText(content: Buffer): string | undefined {
  try {
    return utf8.decode(content);
  } catch {
    return undefined; // binary: copied as is
  }
}

function renderContent(input: RenderInput, sourceName: string, targetName: string, content: Buffer, relSource: string): Buffer {
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
    return Buffer.from(input.renderHandlebars(text, relSource));
  }
  return Buffer.from(substitutePlaceholders(text, input.values));
}

function onExisting(input: RenderInput, name: string): PlannedFile['onExisting'] {
  if (name === '.gitignore') return 'merge-lines';
  if (input.kind === 'common') return 'skip';
  return input.overwrite ? 'replace' : 'fail';
}

/** Every file of the template folder as a planned file (sorted, deterministic). */
export function renderTemplateFolder(input: RenderInput): PlannedFile[] {
  const out: PlannedFile[] = [];
  const exclude = new Set(input.meta.exclude ?? []);
  const walk = (dir: string, relSource: string, relTarget: string) => {
    for (const entry of readdirSync(dir).sort()) {
      if (entry === METADATA_FILE || exclude.has(entry)) continue;
      const source = join(dir, entry);
      const relSrc = relSource ? `${relSource}/${entry}` : entry;
      const stat = lstatSync(source);
      if (stat.isSymbolicLink()) throw refuse(input, relSrc, 'is a symbolic link');
      let name = targetName(input, entry, relSrc);
      const relTgt = relTarget ? `${relTarget}/${name}` : name;
      if (stat.isDirectory()) {
        walk(source, relSrc, relTgt);
        continue;
      }
      if (!stat.isFile()) throw refuse(input, relSrc, 'is not a regular file or folder');
      // golem.yaml holds Golem's own minijinja `{{ … }}`: it is never a Handlebars file.
      if (entry === `golem.yaml${HBS_SUFFIX}`)
        throw refuse(input, relSrc, 'is a Handlebars golem.yaml; write golem.yaml plainly (placeholders are substituted, minijinja is kept)');
      const content = renderContent(input, entry, name, readFileSync(source), relSrc);
      let path = relTgt;
      if (entry.endsWith(HBS_SUFFIX)) {
        name = name.slice(0, -HBS_SUFFIX.length);
        path = relTgt.slice(0, -HBS_SUFFIX.length);
        if (name === '' || name === '.' || name === '..') throw refuse(input, relSrc, `becomes '${name}' once '.hbs' is dropped`);
      }
      try {
        resolveInside(input.appRoot, path);
      } catch {
        throw refuse(input, relSrc, `would be written outside the app as '${path}'`);
      }
      out.push({
        path,
        content,
        ...(stat.mode & 0o111 ? { mode: 0o755 } : {}),
        onExisting: onExisting(input, name),
        template: input.templateId,
        source: relSrc,
      });
    }
  };
  walk(input.folder, '', '');
  return out;
}
