/**
 * The toolkit's one error type: a `UserError` that knows the file, the 1-based line and column
 * of the offending token, and shows the source line with a caret under it.
 */
import { UserError } from '../errors.js';

export class WitError extends UserError {
  /** Byte-free character offset into the file source. */
  readonly offset: number;
  /** The source line and a caret line (`   ^`), for display under the one-line message. */
  readonly excerpt: string;

  constructor(message: string, file: string, source: string, offset: number, hint?: string) {
    const { line, column, lineText } = locate(source, offset);
    super(message, { location: { file, line, column }, hint });
    this.offset = offset;
    this.excerpt = `${lineText}\n${' '.repeat(Math.max(0, column - 1))}^`;
  }
}

/** An error without a source position (missing directory, missing package for a whole dir). */
export function witErrorAt(message: string, file: string, hint?: string): WitError {
  return new WitError(message, file, '', 0, hint);
}

/** 1-based line and column (in UTF-16 units, as editors count for BMP text) of `offset`. */
export function locate(source: string, offset: number): { line: number; column: number; lineText: string } {
  const at = Math.max(0, Math.min(offset, source.length));
  let line = 1;
  let lineStart = 0;
  for (let i = source.indexOf('\n'); i !== -1 && i < at; i = source.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  let lineEnd = source.indexOf('\n', lineStart);
  if (lineEnd === -1) lineEnd = source.length;
  return { line, column: at - lineStart + 1, lineText: source.slice(lineStart, lineEnd).replace(/\r$/, '') };
}
