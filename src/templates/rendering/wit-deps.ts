/**
 * The WIT packages golem-cli 1.2.5 lays into an app for templates that ask for them
 * (`requiresGolemHostWIT`, `requiresWASI`), taken from the project's copy in `wit/deps` and
 * written into every `witDepsPaths` folder (default `wit/deps`). Existing files are kept.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { packagePath } from '../../fs/package-root.js';
import type { TemplateMetadata } from '../metadata.js';
import type { PlannedFile } from './types.js';

/** Golem takes every `golem*` folder for the host WIT (golem-templates `parse_template`). */
const isHostFolder = (name: string) => name.startsWith('golem');
const WASI_FOLDERS = ['blobstore', 'cli', 'clocks', 'filesystem', 'http', 'io', 'keyvalue', 'logging', 'random', 'sockets'];

interface DepFile {
  /** `<folder>/<file>` */
  path: string;
  content: Buffer;
}

let cache: Map<string, DepFile[]> | undefined;

/** Files of each dep folder (top level only, as Golem copies them), read once per process. */
function depFolders(): Map<string, DepFile[]> {
  if (cache) return cache;
  const root = packagePath('wit', 'deps');
  cache = new Map();
  for (const folder of readdirSync(root, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name)
    .sort()) {
    const files = readdirSync(join(root, folder), { withFileTypes: true })
      .filter((d) => d.isFile())
      .map((d) => d.name)
      .sort()
      .map((file) => ({ path: `${folder}/${file}`, content: readFileSync(join(root, folder, file)) }));
    cache.set(folder, files);
  }
  return cache;
}

export function requiredDepFolders(meta: TemplateMetadata): string[] {
  const all = [...depFolders().keys()];
  return [...(meta.requiresGolemHostWIT ? all.filter(isHostFolder) : []), ...(meta.requiresWASI ? WASI_FOLDERS.filter((f) => all.includes(f)) : [])];
}

export function planWitDeps(meta: TemplateMetadata, templateId: string): PlannedFile[] {
  const folders = requiredDepFolders(meta);
  if (folders.length === 0) return [];
  const targets = meta.witDepsPaths ?? ['wit/deps'];
  return targets.flatMap((target) =>
    folders.flatMap((folder) =>
      depFolders()
        .get(folder)!
        .map(
          (f): PlannedFile => ({
            path: `${target.replace(/\/+$/, '')}/${f.path}`,
            content: f.content,
            onExisting: 'skip',
            template: templateId,
          }),
        ),
    ),
  );
}
