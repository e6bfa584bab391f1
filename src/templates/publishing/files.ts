/**
 * The files of a template folder as publishing sees them: regular files and folders only,
 * `.git` skipped, symbolic links and special files reported (never followed), sizes known.
 * Validation renders and publishing copies exactly this list, so what was checked is what ships.
 */
import { chmodSync, copyFileSync, lstatSync, mkdirSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** A template is source text: any single file above this is refused (1 MiB). */
export const MAX_FILE_BYTES = 1024 * 1024;
const SKIPPED = new Set(['.git']);

export interface TemplateFile {
  /** `/`-separated, relative to the template folder. */
  path: string;
  size: number;
  executable: boolean;
}

export interface TemplateListing {
  files: TemplateFile[];
  /** Entries that are neither a regular file nor a folder, with why. */
  unsafe: Array<{ path: string; reason: string }>;
}

export function listTemplateFiles(dir: string): TemplateListing {
  const listing: TemplateListing = { files: [], unsafe: [] };
  const walk = (abs: string, rel: string) => {
    for (const name of readdirSync(abs).sort()) {
      if (SKIPPED.has(name)) continue;
      const path = rel ? `${rel}/${name}` : name;
      const stat = lstatSync(join(abs, name));
      if (stat.isSymbolicLink()) listing.unsafe.push({ path, reason: 'is a symbolic link (templates may not contain links)' });
      else if (stat.isDirectory()) walk(join(abs, name), path);
      else if (stat.isFile()) listing.files.push({ path, size: stat.size, executable: (stat.mode & 0o111) !== 0 });
      else listing.unsafe.push({ path, reason: 'is not a regular file or folder' });
    }
  };
  walk(dir, '');
  return listing;
}

/** Copies the listed files (their bytes and executable bit) from `from` into `to`. */
export function copyTemplateFiles(from: string, to: string, files: readonly TemplateFile[]): void {
  mkdirSync(to, { recursive: true });
  for (const f of files) {
    const target = join(to, ...f.path.split('/'));
    mkdirSync(dirname(target), { recursive: true });
    copyFileSync(join(from, ...f.path.split('/')), target);
    chmodSync(target, f.executable ? 0o755 : 0o644);
  }
}
