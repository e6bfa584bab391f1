/** What every source kind gets and gives back. */
import { lstatSync } from 'node:fs';
import { join } from 'node:path';
import type { NetworkOptions } from '../../net/index.js';
import type { Reporter } from '../../report.js';

/** `timeoutSeconds`: the inactivity timeout of every network step (src/net). */
export interface FetchContext extends NetworkOptions {
  cacheDir: string;
  offline: boolean;
  report: Reporter;
}

export interface FetchedSource {
  /** The local folder holding the template. */
  dir: string;
  commit?: string;
}

/**
 * `root/sub/dir` if every step is a real folder. A symlink step is refused (as missing): a
 * template repository must not point us at folders outside itself.
 */
export function subfolder(root: string, subdir: string | undefined): string | undefined {
  let dir = root;
  for (const segment of subdir === undefined ? [] : subdir.split('/')) {
    dir = join(dir, segment);
    try {
      const stat = lstatSync(dir);
      if (!stat.isDirectory() || stat.isSymbolicLink()) return undefined;
    } catch {
      return undefined;
    }
  }
  return dir;
}
