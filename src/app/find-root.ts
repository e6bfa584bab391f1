/**
 * Finding the app root the way Golem does: walking up from a folder, the first golem.yaml that
 * declares `includes` is the root; without one, the topmost golem.yaml found is.
 */
import { statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { UserError } from '../errors.js';
import { DiskFiles, type FileView } from '../fs/files.js';
import { ManifestCache, type ManifestSource } from './manifest-doc.js';

export const MANIFEST_FILE = 'golem.yaml';

function declaresIncludes(source: ManifestSource, file: string): boolean {
  try {
    return source.manifest(file).doc.has('includes');
  } catch {
    // Unreadable or invalid here means "not the root marker"; loading reports the real problem.
    return false;
  }
}

/** A golem.yaml that is a FIFO or a device is an error, never a read that waits (a broken link is simply no manifest). */
function refuseSpecial(files: FileView, manifest: string): void {
  const special = files.special(manifest);
  if (special && special !== 'a broken symbolic link') {
    throw new UserError(`${manifest} is ${special}, not a regular file`, { code: 'E_MANIFEST', hint: 'Only a regular file is read as golem.yaml; remove or replace it.' });
  }
}

/**
 * The absolute app root. With `explicit` (the `--app <dir>` flag, resolved against `from`), that
 * folder must hold a golem.yaml; otherwise the search walks up from `from`. Manifests are read
 * through `source` (the run's one cache), so the root golem.yaml is not read twice.
 */
export function findAppRoot(from: string, explicit?: string, source: ManifestSource = new ManifestCache(new DiskFiles())): string {
  const files = source.files;
  if (explicit !== undefined) {
    const dir = resolve(from, explicit);
    refuseSpecial(files, join(dir, MANIFEST_FILE));
    if (!files.isFile(join(dir, MANIFEST_FILE))) {
      const what = files.isDir(dir) ? 'has no golem.yaml' : files.isFile(dir) ? 'is not a folder' : 'does not exist';
      throw new UserError(`--app ${explicit}: ${dir} ${what}`, { code: 'E_APP', hint: 'Pass the folder that holds the root golem.yaml.' });
    }
    return dir;
  }
  let topmost: string | undefined;
  for (let dir = resolve(from); ; dir = dirname(dir)) {
    const manifest = join(dir, MANIFEST_FILE);
    refuseSpecial(files, manifest);
    if (files.isFile(manifest)) {
      if (declaresIncludes(source, manifest)) return dir;
      topmost = dir;
    }
    if (dirname(dir) === dir) break;
  }
  if (topmost) return topmost;
  throw new UserError(`no golem.yaml in ${resolve(from)} or any folder above it`, {
    code: 'E_APP',
    hint: 'Run this inside a Golem app, or pass --app <dir>.',
  });
}

/**
 * The nearest folder at or above `from` that holds a golem.yaml, if any (no parsing, links
 * followed): one stat per folder, where a view of the disk would list each folder above the app
 * whole (a /tmp or a home folder can hold thousands of entries).
 */
export function nearestManifestDir(from: string): string | undefined {
  for (let dir = resolve(from); ; dir = dirname(dir)) {
    if (isRegularFile(join(dir, MANIFEST_FILE))) return dir;
    if (dirname(dir) === dir) return undefined;
  }
}

function isRegularFile(path: string): boolean {
  try {
    return statSync(path, { throwIfNoEntry: false })?.isFile() === true;
  } catch {
    return false; // not a folder, or not ours to look into
  }
}
