/**
 * Surgical edits of WIT source text: replacements by offset, and removal of whole lines, so
 * everything the edits do not touch (comments, blank lines, formatting) stays byte-identical.
 */

export interface TextEdit {
  start: number;
  end: number;
  text: string;
}

/** Applies non-overlapping edits (any order). */
export function applyEdits(source: string, edits: TextEdit[]): string {
  const sorted = [...edits].sort((a, b) => a.start - b.start);
  let out = '';
  let at = 0;
  for (const e of sorted) {
    if (e.start < at) throw new Error(`overlapping text edits at ${e.start}`);
    out += source.slice(at, e.start) + e.text;
    at = e.end;
  }
  return out + source.slice(at);
}

const lineStart = (s: string, i: number): number => s.lastIndexOf('\n', i - 1) + 1;
const lineEnd = (s: string, i: number): number => {
  const n = s.indexOf('\n', i);
  return n === -1 ? s.length : n + 1;
};
const isBlank = (s: string) => s.trim() === '';

/**
 * The range to delete for removing `[start, end)` together with its own lines (when nothing else
 * shares them) and one of the two blank lines that would otherwise end up adjacent.
 */
export function lineRange(source: string, start: number, end: number): { start: number; end: number } {
  let s = start;
  let e = end;
  const ls = lineStart(source, s);
  if (isBlank(source.slice(ls, s))) s = ls;
  const le = lineEnd(source, e);
  if (isBlank(source.slice(e, le))) e = le;
  if (s === ls && e === le) {
    const prevBlank = s > 0 && isBlank(source.slice(lineStart(source, s - 1), s));
    const nextLineEnd = lineEnd(source, e);
    const nextBlank = e < source.length && isBlank(source.slice(e, nextLineEnd));
    if ((prevBlank || s === 0) && nextBlank) e = nextLineEnd;
  }
  return { start: s, end: e };
}

export const removeLines = (source: string, start: number, end: number): TextEdit => ({ ...lineRange(source, start, end), text: '' });

/** The whitespace at the start of the line holding `offset`. */
export function indentationAt(source: string, offset: number): string {
  const ls = lineStart(source, offset);
  return /^[ \t]*/.exec(source.slice(ls, offset))![0];
}

/** Removes up to `indent.length` leading whitespace characters from every line but the first. */
export function dedentTail(text: string, indent: string): string {
  if (!indent) return text;
  return text
    .split('\n')
    .map((line, i) => (i === 0 ? line : line.startsWith(indent) ? line.slice(indent.length) : line.trimStart() === '' ? '' : line.replace(/^[ \t]+/, '')))
    .join('\n');
}

/** The line ending a file uses (CRLF files keep CRLF in inserted lines). */
export const lineEnding = (source: string): string => (source.includes('\r\n') ? '\r\n' : '\n');
