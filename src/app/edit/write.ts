/**
 * Writing planned edits all-or-nothing: every file is checked first (writable, unchanged since
 * it was read), the result is verified (e.g. re-loaded as an app) before any byte is written,
 * each file is replaced by a temp file + rename in its own folder keeping its mode, and a
 * failure part-way puts back every file already replaced.
 */
import { accessSync, chmodSync, chownSync, constants, existsSync, readFileSync, realpathSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { UserError } from '../../errors.js';
import type { Edit } from '../model.js';

export interface WriteOptions {
  /** Called with the new texts by path before anything is written; throw to refuse. */
  verify?: (texts: ReadonlyMap<string, string>) => void;
}

const NEW_FILE_MODE = 0o644;

/** How the file is replaced: its real path (a symlinked golem.yaml stays a symlink), mode and owner. */
interface Target {
  path: string;
  mode: number;
  owner?: { uid: number; gid: number };
}

function checkWritable(edit: Edit): Target {
  if (!existsSync(edit.file)) {
    if (edit.before !== '') throw new UserError(`${edit.file} disappeared since it was read`, { hint: 'Nothing was written; run the command again.' });
    return { path: edit.file, mode: NEW_FILE_MODE };
  }
  const stat = statSync(edit.file);
  if (!stat.isFile()) throw new UserError(`${edit.file} is not a regular file`, { hint: 'Nothing was written.' });
  const mode = stat.mode & 0o7777;
  // As root, rename would replace a file nobody may write: refuse on the mode bits themselves.
  if ((mode & 0o222) === 0) {
    throw new UserError(`${edit.file} is read-only (mode ${mode.toString(8).padStart(3, '0')})`, { hint: 'Nothing was written; make it writable (chmod u+w) and run the command again.' });
  }
  try {
    accessSync(edit.file, constants.W_OK);
    accessSync(dirname(edit.file), constants.W_OK);
  } catch {
    throw new UserError(`${edit.file} is not writable by you`, { hint: 'Nothing was written; check the permissions of the file and its folder.' });
  }
  if (readFileSync(edit.file, 'utf8') !== edit.before) {
    throw new UserError(`${edit.file} changed since it was read`, { hint: 'Nothing was written; run the command again.' });
  }
  return { path: realpathSync(edit.file), mode, owner: { uid: stat.uid, gid: stat.gid } };
}

/** Replaces the file with `text` via a temp file and rename in the same folder. */
function replaceAtomically(target: Target, text: string): void {
  const { path: file, mode, owner } = target;
  const temp = join(dirname(file), `.${basename(file)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  try {
    writeFileSync(temp, text, { flag: 'wx', mode });
    chmodSync(temp, mode); // the umask must not change the file's mode
    // As root, keep the owner (rename would otherwise hand a user's golem.yaml to root).
    if (owner && process.getuid?.() === 0) chownSync(temp, owner.uid, owner.gid);
    renameSync(temp, file);
  } catch (err) {
    try {
      rmSync(temp, { force: true });
    } catch {
      // The folder refuses removals too; the original error is the one to report.
    }
    throw err;
  }
}

/** Writes every changed edit, or none. Returns the files written. */
export function writeEdits(edits: readonly Edit[], options: WriteOptions = {}): string[] {
  const changed = edits.filter((e) => e.after !== e.before);
  const targets = changed.map(checkWritable);
  options.verify?.(new Map(changed.map((e) => [e.file, e.after])));
  const done: { edit: Edit; target: Target; existed: boolean }[] = [];
  try {
    changed.forEach((edit, i) => {
      const target = targets[i]!;
      const existed = existsSync(target.path);
      replaceAtomically(target, edit.after);
      done.push({ edit, target, existed });
    });
  } catch (err) {
    for (const { edit, target, existed } of done.reverse()) {
      if (existed) replaceAtomically(target, edit.before);
      else rmSync(target.path, { force: true });
    }
    const e = err as NodeJS.ErrnoException;
    throw new UserError(`could not write ${e.path ?? 'golem.yaml'}: ${e.code ?? e.message}`, { hint: 'Nothing was changed.', cause: err });
  }
  return changed.map((e) => e.file);
}
