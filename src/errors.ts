/**
 * The one error type for everything a user can fix: bad names, directories, manifests, WIT,
 * templates, network, git. The CLI prints it as one line (`file:line:col: message`, then the
 * hint) with exit code 1, never a stack trace. Anything else that escapes is a bug.
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

export class UserError extends Error {
  override readonly name = 'UserError';
  readonly [BRAND] = true;
  readonly location?: SourceLocation;
  /** What to do about it, shown after the message. */
  readonly hint?: string;
  readonly exitCode: number;

  constructor(message: string, options: { location?: SourceLocation; hint?: string; exitCode?: number; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.location = options.location;
    this.hint = options.hint;
    this.exitCode = options.exitCode ?? EXIT.failure;
  }

  /** Like `instanceof`, but true across separately bundled copies of this class. */
  static is(err: unknown): err is UserError {
    return typeof err === 'object' && err !== null && (err as Record<symbol, unknown>)[BRAND] === true;
  }

  /** `file:line:col: message (hint)` on one line. */
  format(): string {
    const where = this.location ? `${this.location.file}:${this.location.line}:${this.location.column}: ` : '';
    return `${where}${this.message}${this.hint ? ` ${this.hint}` : ''}`;
  }
}

/** A usage error: unknown command or flag, missing argument (exit code 2). */
export class UsageError extends UserError {
  constructor(message: string, options: { hint?: string } = {}) {
    super(message, { ...options, exitCode: EXIT.usage });
  }
}

/** The user cancelled a prompt (exit code 130). Nothing has been written. */
export class CancelledError extends UserError {
  constructor() {
    super('cancelled', { exitCode: EXIT.cancelled });
  }
}
