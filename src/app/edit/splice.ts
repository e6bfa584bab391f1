/**
 * Text splices into the original bytes of a golem.yaml, and the Edit that results. The whole
 * document is never re-serialised: only the spliced ranges change.
 */
import type { Edit } from '../model.js';

export interface Splice {
  /** Offset in the original text. */
  at: number;
  /** Characters removed at `at`. */
  remove: number;
  insert: string;
}

export function applySplices(text: string, splices: readonly Splice[]): string {
  let out = text;
  for (const s of [...splices].sort((a, b) => b.at - a.at)) out = out.slice(0, s.at) + s.insert + out.slice(s.at + s.remove);
  return out;
}

const lineOf = (text: string, offset: number) => text.slice(0, offset).split('\n').length;

/** The lines of `after` that the splices wrote (inserted or changed), in order, without line endings. */
export function touchedLines(after: string, splices: readonly Splice[]): { line: number; text: string }[] {
  const all = after.split(/\r?\n/);
  const touched = new Set<number>();
  let shift = 0;
  for (const s of [...splices].sort((a, b) => a.at - b.at)) {
    const start = s.at + shift;
    const end = start + s.insert.length;
    shift += s.insert.length - s.remove;
    const first = lineOf(after, start);
    const last = s.insert.length > 0 ? lineOf(after, end - 1) : first;
    for (let l = first; l <= last; l++) touched.add(l);
  }
  return [...touched].sort((a, b) => a - b).map((line) => ({ line, text: all[line - 1] ?? '' }));
}

export function makeEdit(file: string, before: string, splices: readonly Splice[], status: Edit['status']): Edit {
  const after = applySplices(before, splices);
  return after === before ? { file, before, after, status: 'unchanged', lines: [] } : { file, before, after, status, lines: touchedLines(after, splices) };
}
