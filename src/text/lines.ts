/** Offsets into a text as 1-based lines and columns, for error locations everywhere. */

/** 1-based line and column (UTF-16 units, as editors count for BMP text) of `offset`, and that line's text. */
export function lineColumn(source: string, offset: number): { line: number; column: number; lineText: string } {
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

/** `{ file, line, column }` of `offset` in `source`. */
export function locationOf(file: string, source: string, offset: number): { file: string; line: number; column: number } {
  const { line, column } = lineColumn(source, offset);
  return { file, line, column };
}
