/**
 * The one error type for everything a user can fix: bad names, directories, manifests, WIT,
 * templates, network, git. The CLI prints it as a sentence (`error: file:line:col: what.`) and, on
 * the next line, indented, the hint (what to do), with exit code 1, never a stack trace. Anything
 * else that escapes is a bug.
 *
 * Every error carries a stable `code` for programs (`--json`, the API): `E_USAGE` (exit 2),
 * `E_INPUT` (a bad flag or argument value), `E_CANCELLED`, `E_MANIFEST` (golem.yaml), `E_WIT`,
 * `E_WIT_DEPS` (a WIT package in neither `wit/deps` nor a witDeps folder), `E_TEMPLATE`,
 * `E_SOURCE` (fetching templates and registries), `E_REGISTRY`, `E_PUBLISH`, `E_APP` (the app as a whole: names, components, dependencies),
 * `E_PATH` (a path that would leave the folder), `E_CONFLICT` (something in the way),
 * `E_CHANGED` (a file changed since it was read), `E_PERMISSION`, `E_WRITE`, `E_FS` (another
 * operating-system error: a full disk, a name too long, a FIFO where a file is read), `E_LOCKED`
 * (another run holds the folder's lock), `E_GIT`, `E_INSTALL`, `E_TIMEOUT` (a host that did not
 * answer in time), `E_NETWORK` (a download that failed), `E_INTERNAL` (a bug: anything that is
 * not a UserError) and `E_USER` for the rest.
 */
export interface SourceLocation {
  file: string;
  /** 1-based. */
  line: number;
  /** 1-based. */
  column: number;
}

/** Exit codes: 1 a failure the user can fix, 2 a usage error, 130 cancelled. */
export const EXIT = { failure: 1, usage: 2, cancelled: 130 } as const;

/** Brand shared by every copy of this module (the CLI entry and the command chunks are separate bundles). */
const BRAND = Symbol.for('create-golem-app.UserError');

export interface UserErrorOptions {
  location?: SourceLocation;
  hint?: string;
  exitCode?: number;
  cause?: unknown;
  /** Stable error code (default `E_USER`). */
  code?: string;
}

export class UserError extends Error {
  override readonly name: string = 'UserError';
  readonly [BRAND] = true;
  readonly code: string;
  readonly location?: SourceLocation;
  /** What to do about it, shown after the message. */
  readonly hint?: string;
  readonly exitCode: number;

  constructor(message: string, options: UserErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = options.code ?? 'E_USER';
    this.location = options.location;
    this.hint = options.hint;
    this.exitCode = options.exitCode ?? EXIT.failure;
  }

  /** Like `instanceof`, but true across separately bundled copies of this class. */
  static is(err: unknown): err is UserError {
    return typeof err === 'object' && err !== null && (err as Record<symbol, unknown>)[BRAND] === true;
  }

  /** The error line: `file:line:col: what.` — one line, ending as a sentence. */
  get line(): string {
    const where = this.location ? `${this.location.file}:${this.location.line}:${this.location.column}: ` : '';
    return sentence(`${where}${this.message}`);
  }

  /** The error line and, when there is one, the hint on the next line, indented (as written: it may end with a command to copy). */
  format(): string {
    return this.hint ? `${this.line}\n  ${oneLine(this.hint)}` : this.line;
  }
}

/** Inner line breaks become spaces. */
const oneLine = (text: string): string => text.replace(/\s*[\r\n]+\s*/g, ' ').trim();

/** One line, ending with `.` unless it already ends a sentence. */
export function sentence(text: string): string {
  const line = oneLine(text).replace(/[:;,]$/, '');
  return /[.?!]$/.test(line) ? line : `${line}.`;
}

/** A usage error: unknown command or flag, missing argument (exit code 2). */
export class UsageError extends UserError {
  constructor(message: string, options: { hint?: string } = {}) {
    super(message, { ...options, code: 'E_USAGE', exitCode: EXIT.usage });
  }
}

/** The user cancelled a prompt (exit code 130). Nothing has been written. */
export class CancelledError extends UserError {
  constructor() {
    super('cancelled', { code: 'E_CANCELLED', exitCode: EXIT.cancelled });
  }
}
