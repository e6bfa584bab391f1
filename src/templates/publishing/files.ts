/**
 * The files of a template folder as publishing sees them, read through the one boundary
 * (../rendering/template-files.ts): regular files and folders only, `.git` and `node_modules`
 * skipped, links and special files reported (never followed), sizes known. Validation renders
 * and publishing copies exactly this list, so what was checked is what ships.
 */
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { readTemplateFile, readTemplateTree, type TemplateFile } from '../rendering/template-files.js';

/** A template is source text: any single file above this is refused (1 MiB). */
export const MAX_FILE_BYTES = 1024 * 1024;

export type { TemplateFile };

export interface TemplateListing {
  files: TemplateFile[];
  /** Entries that are neither a regular file nor a folder, with why. */
  unsafe: Array<{ path: string; reason: string }>;
}

/** The template's files through the one boundary (../rendering/template-files.ts). */
export function listTemplateFiles(dir: string): TemplateListing {
  const tree = readTemplateTree(dir);
  return { files: tree.files, unsafe: tree.refused };
}

/** Copies the listed files (their bytes and executable bit) from `from` into `to`. */
export function copyTemplateFiles(from: string, to: string, files: readonly TemplateFile[]): void {
  mkdirSync(to, { recursive: true });
  for (const f of files) {
    const target = join(to, ...f.path.split('/'));
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, readTemplateFile(join(from, ...f.path.split('/'))));
    chmodSync(target, f.executable ? 0o755 : 0o644);
  }
}
