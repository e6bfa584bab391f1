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

export class UserError extends Error {
  override readonly name = 'UserError';
  readonly location?: SourceLocation;
  /** What to do about it, shown after the message. */
  readonly hint?: string;
  readonly exitCode: number;

  constructor(message: string, options: { location?: SourceLocation; hint?: string; exitCode?: number; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.location = options.location;
    this.hint = options.hint;
    this.exitCode = options.exitCode ?? 1;
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
    super(message, { ...options, exitCode: 2 });
  }
}

/** The user cancelled a prompt (exit code 130). Nothing has been written. */
export class CancelledError extends UserError {
  constructor() {
    super('cancelled', { exitCode: 130 });
  }
}
