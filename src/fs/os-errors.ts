/**
 * Operating-system errors as one line that says what happened where, with a hint that says what
 * to do: a full disk, permissions, a read-only file system, a name too long, a file where a
 * folder is needed, a link loop. Never "unexpected failure: ENOSPC".
 */
import { lstatSync } from 'node:fs';
import { dirname } from 'node:path';
import { UserError } from '../errors.js';

interface ErrnoLike {
  code?: unknown;
  path?: unknown;
  dest?: unknown;
  syscall?: unknown;
}

/** The nearest ancestor of `path` that exists but is not a folder (what ENOTDIR is about). */
function fileInTheWay(path: string): string | undefined {
  for (let p = path; dirname(p) !== p; p = dirname(p)) {
    try {
      if (!lstatSync(p).isDirectory()) return p;
    } catch {
      // missing or unreachable: look further up
    }
  }
  return undefined;
}

type Describe = (path: string) => { message: string; hint: string; code: string };

const PERMISSION_HINT = 'Check the permissions of it and its folder, or choose another folder.';

const MESSAGES: Record<string, Describe> = {
  ENOSPC: (p) => ({ message: `no space left on the device for ${p}`, hint: 'Free some space, then run the command again.', code: 'E_FS' }),
  EDQUOT: (p) => ({ message: `disk quota exceeded writing ${p}`, hint: 'Free some space or raise the quota, then run the command again.', code: 'E_FS' }),
  EACCES: (p) => ({ message: `permission denied: ${p}`, hint: PERMISSION_HINT, code: 'E_PERMISSION' }),
  EPERM: (p) => ({ message: `operation not permitted on ${p}`, hint: PERMISSION_HINT, code: 'E_PERMISSION' }),
  EROFS: (p) => ({ message: `${p} is on a read-only file system`, hint: 'Choose a folder on a writable file system.', code: 'E_PERMISSION' }),
  ENAMETOOLONG: (p) => ({ message: `a name is too long for the file system: ${p}`, hint: 'Use a shorter folder or component name.', code: 'E_FS' }),
  ENOTDIR: (p) => {
    const file = fileInTheWay(p);
    return {
      message: file && file !== p ? `${file} is a file, not a folder (needed for ${p})` : `${p} is not a folder`,
      hint: 'Move the file away or choose another path (check XDG_CONFIG_HOME and XDG_CACHE_HOME too).',
      code: 'E_FS',
    };
  },
  EEXIST: (p) => ({ message: `${p} already exists`, hint: 'Remove it or choose another name.', code: 'E_CONFLICT' }),
  ELOOP: (p) => ({ message: `too many levels of symbolic links at ${p} (a link loop?)`, hint: 'Fix or remove the link.', code: 'E_FS' }),
  EISDIR: (p) => ({ message: `${p} is a folder, not a file`, hint: 'Move the folder away or choose another name.', code: 'E_CONFLICT' }),
  EMFILE: () => ({ message: 'too many open files', hint: 'Raise the limit (ulimit -n) and run the command again.', code: 'E_FS' }),
  ENFILE: () => ({ message: 'too many open files in the system', hint: 'Close some programs and run the command again.', code: 'E_FS' }),
  EIO: (p) => ({ message: `input/output error at ${p}`, hint: 'Check the disk or file system.', code: 'E_FS' }),
  EBUSY: (p) => ({ message: `${p} is busy`, hint: 'Close what uses it and run the command again.', code: 'E_FS' }),
  ENOENT: (p) => ({ message: `${p} does not exist`, hint: 'Check the path.', code: 'E_FS' }),
};

/** True for an error from the operating system (it has a string errno code such as ENOSPC). */
export function isOsError(err: unknown): err is NodeJS.ErrnoException {
  const code = (err as ErrnoLike | null)?.code;
  return typeof code === 'string' && /^E[A-Z0-9]+$/.test(code);
}

/**
 * The UserError for an OS error (undefined for anything else). `path` names what was being
 * touched (default: the error's own path, which for a rename is the temp file); `outcome` is said first in the hint (e.g. "Nothing was
 * changed.").
 */
export function osError(err: unknown, options: { path?: string; outcome?: string } = {}): UserError | undefined {
  if (!isOsError(err)) return undefined;
  const e = err as ErrnoLike;
  const path = options.path ?? (typeof e.path === 'string' ? e.path : 'a file');
  const code = String(e.code);
  const describe = MESSAGES[code];
  const {
    message,
    hint,
    code: userCode,
  } = describe ? describe(path) : { message: `${String(e.syscall ?? 'a file operation')} failed on ${path} (${code})`, hint: 'Check the path and its permissions.', code: 'E_FS' };
  const then = options.outcome?.endsWith(';') ? hint.charAt(0).toLowerCase() + hint.slice(1) : hint;
  return new UserError(message, { code: userCode, hint: options.outcome ? `${options.outcome} ${then}` : hint, cause: err });
}
