/**
 * The one boundary where template content enters, whatever the template's source (a local
 * folder, a degit snapshot, a git checkout, a registry): only regular files and folders pass.
 *
 * - skipped: `.git` (a folder, or a `gitdir:` file of a work tree or submodule; any letter case,
 *   also as NTFS and HFS+ spell it: `.GIT`, `.git.`, `git~1`, `.g\u200cit`) and `node_modules`,
 *   at any depth: a template's repository, hooks and config, and its installed packages, never
 *   reach an app;
 * - refused (the whole template): symbolic links, devices, FIFOs and sockets, trees deeper than
 *   MAX_DEPTH folders or with more than MAX_FILES files, files over MAX_FILE_BYTES.
 *
 * Rendering (render.ts) and publishing (../publishing/files.ts) read templates only through
 * this module, so what is validated and published is what a user gets.
 */
import { closeSync, constants, fstatSync, lstatSync, openSync, readdirSync, readFileSync, type Stats } from 'node:fs';
import { join } from 'node:path';

export const MAX_DEPTH = 64;
export const MAX_FILES = 20_000;
/** No single template file above this is read (64 MiB); publishing has its own, smaller limit. */
export const MAX_FILE_BYTES = 64 * 1024 * 1024;

export interface TemplateFile {
  /** `/`-separated, relative to the template folder. */
  path: string;
  size: number;
  executable: boolean;
}

export interface TemplateTree {
  /** Regular files, sorted by path (folders first visited in name order). */
  files: TemplateFile[];
  /** Entries left out on purpose (`.git`, `node_modules`). */
  skipped: string[];
  /** Entries that refuse the template, with why. */
  refused: Array<{ path: string; reason: string }>;
}

/** Code points HFS+ ignores in names (git's `is_hfs_dotgit`): `.g\u200cit` is `.git` there. */
const HFS_IGNORABLE = /[\u200c-\u200f\u202a-\u202e\u206a-\u206f\ufeff]/g;

/** `.git` as any file system may spell it (git's own `is_ntfs_dotgit` / `is_hfs_dotgit` rules). */
export function isGitName(name: string): boolean {
  const plain = name
    .replace(HFS_IGNORABLE, '')
    .toLowerCase()
    .replace(/::\$.*$/, '')
    .replace(/[. ]+$/, '');
  return plain === '.git' || plain === 'git~1';
}

/** Why an entry is left out, or undefined when it is template content. */
export function skippedName(name: string): string | undefined {
  if (isGitName(name)) return 'a git repository';
  if (name.toLowerCase() === 'node_modules') return 'installed packages';
  return undefined;
}

function refusal(mode: Stats): string | undefined {
  if (mode.isSymbolicLink()) return 'is a symbolic link';
  if (mode.isFIFO()) return 'is a FIFO (named pipe)';
  if (mode.isSocket()) return 'is a socket';
  if (mode.isBlockDevice() || mode.isCharacterDevice()) return 'is a device';
  if (!mode.isFile() && !mode.isDirectory()) return 'is not a regular file or folder';
  return undefined;
}

/**
 * Every file of the template folder `dir` (its own `metadata.json` included), what was skipped
 * and what is refused. `exclude`: names (at any depth) left out as golem's `exclude` does.
 */
export function readTemplateTree(dir: string, exclude: ReadonlySet<string> = new Set()): TemplateTree {
  const tree: TemplateTree = { files: [], skipped: [], refused: [] };
  const walk = (abs: string, rel: string, depth: number) => {
    if (depth > MAX_DEPTH) {
      tree.refused.push({ path: rel, reason: `is more than ${MAX_DEPTH} folders deep` });
      return;
    }
    for (const name of readdirSync(abs).sort()) {
      const path = rel ? `${rel}/${name}` : name;
      if (skippedName(name) !== undefined) {
        tree.skipped.push(path);
        continue;
      }
      if (exclude.has(name)) continue;
      const stat = lstatSync(join(abs, name));
      const reason = refusal(stat) ?? (stat.isFile() && stat.size > MAX_FILE_BYTES ? `is larger than ${MAX_FILE_BYTES / 1024 / 1024} MiB` : undefined);
      if (reason) tree.refused.push({ path, reason });
      else if (stat.isDirectory()) walk(join(abs, name), path, depth + 1);
      else if (tree.files.length >= MAX_FILES) {
        tree.refused.push({ path, reason: `is beyond the ${MAX_FILES} files a template may have` });
        return;
      } else tree.files.push({ path, size: stat.size, executable: (stat.mode & 0o111) !== 0 });
    }
  };
  walk(dir, '', 0);
  return tree;
}

/**
 * The bytes of a template file, refused unless it is still a regular file when opened: never
 * through a link (O_NOFOLLOW), never blocking on a FIFO swapped in meanwhile (O_NONBLOCK).
 */
export function readTemplateFile(path: string): Buffer {
  const fd = openSync(path, constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0) | (constants.O_NONBLOCK ?? 0));
  try {
    const stat = fstatSync(fd);
    if (!stat.isFile() || stat.size > MAX_FILE_BYTES) throw new Error(`${path} is no longer a regular file of the template`);
    return readFileSync(fd);
  } finally {
    closeSync(fd);
  }
}
