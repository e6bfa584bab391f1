/**
 * The Edit that text edits of a golem.yaml make: the whole new text, spliced into the original
 * bytes (the document is never re-serialised), and the lines that changed.
 */
import { applyEdits, type TextEdit } from '../../text/edits.js';
import type { Edit } from '../model.js';

const lineOf = (text: string, offset: number) => text.slice(0, offset).split('\n').length;

/** The lines of `after` that the edits wrote (inserted or changed), in order, without line endings. */
export function touchedLines(after: string, edits: readonly TextEdit[]): { line: number; text: string }[] {
  const all = after.split(/\r?\n/);
  const touched = new Set<number>();
  let shift = 0;
  for (const e of [...edits].sort((a, b) => a.start - b.start)) {
    const start = e.start + shift;
    const end = start + e.text.length;
    shift += e.text.length - (e.end - e.start);
    const first = lineOf(after, start);
    const last = e.text.length > 0 ? lineOf(after, end - 1) : first;
    for (let l = first; l <= last; l++) touched.add(l);
  }
  return [...touched].sort((a, b) => a - b).map((line) => ({ line, text: all[line - 1] ?? '' }));
}

export function makeEdit(file: string, before: string, edits: readonly TextEdit[], status: Edit['status']): Edit {
  const after = applyEdits(before, [...edits]);
  return after === before ? { file, before, after, status: 'unchanged', lines: [] } : { file, before, after, status, lines: touchedLines(after, edits) };
}
