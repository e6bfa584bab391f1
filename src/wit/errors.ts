/**
 * The toolkit's one error type: a `UserError` that knows the file, the 1-based line and column
 * of the offending token, and shows the source line with a caret under it.
 */
import { UserError } from '../errors.js';
import { lineColumn } from '../text/lines.js';

export class WitError extends UserError {
  /** Byte-free character offset into the file source. */
  readonly offset: number;
  /** The source line and a caret line (`   ^`), for display under the one-line message. */
  readonly excerpt: string;

  constructor(message: string, file: string, source: string, offset: number, hint?: string) {
    const { line, column, lineText } = lineColumn(source, offset);
    super(message, { location: { file, line, column }, hint, code: 'E_WIT' });
    this.offset = offset;
    this.excerpt = `${lineText}\n${' '.repeat(Math.max(0, column - 1))}^`;
  }
}

/** An error without a source position (missing directory, missing package for a whole dir). */
export function witErrorAt(message: string, file: string, hint?: string): WitError {
  return new WitError(message, file, '', 0, hint);
}
