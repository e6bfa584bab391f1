/**
 * Planning removals from a parsed golem.yaml by node ranges, the inverse of insert.ts: entries of
 * block collections leave with their whole lines, items of flow collections (`[…]`, `{…}`) with
 * one separating comma; a collection left empty leaves with its key, up to the top-level key.
 * Every other byte stays as written — comments on their own lines included (only comments inside
 * a removed entry, or after it on its last line, go with it).
 */
import { isMap, isPair, isSeq, type Node, type Pair, type YAMLMap, type YAMLSeq } from 'yaml';
import { UserError } from '../../errors.js';
import { locationAt, type ManifestDoc } from '../manifest-doc.js';
import type { Edit } from '../model.js';
import { applyEdits, type TextEdit } from '../../text/edits.js';
import { contentEnd } from './insert.js';

type Collection = YAMLMap | YAMLSeq;
/** An entry of a collection: a pair of a mapping, or an item of a sequence. */
type Entry = Pair | Node;

const isFlow = (node: Collection) => (node as { flow?: boolean }).flow === true;
const lineStart = (text: string, offset: number) => text.lastIndexOf('\n', offset - 1) + 1;
const lineEnd = (text: string, offset: number) => {
  const nl = text.indexOf('\n', offset);
  return nl < 0 ? text.length : nl + 1;
};
const isBlankLine = (text: string, start: number) => text.slice(start, lineEnd(text, start)).trim() === '';

function fail(m: ManifestDoc, offset: number, message: string): never {
  throw new UserError(message, { code: 'E_MANIFEST', location: locationAt(m, offset), hint: 'Remove it from the golem.yaml by hand.' });
}

/** Where an entry's text starts: a pair's key, a block item's `-`. */
function entryStart(m: ManifestDoc, entry: Entry, inBlockSeq: boolean): number {
  const node = (isPair(entry) ? entry.key : entry) as Node;
  const start = node.range![0];
  if (!inBlockSeq) return start;
  // The `-` before the item: on its line, or on an earlier line of its own (`-\n  target: x`).
  let at = start;
  for (;;) {
    const from = lineStart(m.text, at);
    const before = m.text.slice(from, at).replace(/#.*$/, '');
    const dash = before.lastIndexOf('-');
    if (dash >= 0 && /^\s*$/.test(before.slice(0, dash)) && /^\s*$/.test(before.slice(dash + 1))) return from + dash;
    if (before.trim() !== '' || from === 0) fail(m, start, 'cannot find where this list item starts');
    at = from - 1;
  }
}

/** Where an entry's content ends (comments after it excluded). */
function entryEnd(m: ManifestDoc, entry: Entry): number {
  if (!isPair(entry)) return contentEnd(m.text, entry);
  const value = entry.value as Node | null;
  const keyEnd = (entry.key as Node).range![1];
  return value?.range && value.range[1] > keyEnd ? Math.max(keyEnd, contentEnd(m.text, value)) : keyEnd;
}

interface Range {
  start: number;
  end: number;
  /** The range ends with the collection's last entry. */
  last?: boolean;
}

/** The ranges that remove `entries` from a block collection: whole lines. */
function blockRanges(m: ManifestDoc, collection: Collection, entries: Entry[]): Range[] {
  const lastEntry = collection.items[collection.items.length - 1];
  return entries.map((e) => {
    const start = entryStart(m, e, isSeq(collection));
    const end = entryEnd(m, e);
    if (m.text.slice(lineStart(m.text, start), start).trim() !== '') fail(m, start, 'this entry shares its line with another one');
    return { start: lineStart(m.text, start), end: lineEnd(m.text, end), last: e === lastEntry };
  });
}

/** The ranges that remove `entries` from a flow collection, each with one separating comma. */
function flowRanges(m: ManifestDoc, collection: Collection, entries: Entry[]): Range[] {
  const items = collection.items as Entry[];
  const gone = new Set(entries);
  const ranges: Range[] = [];
  items.forEach((item, i) => {
    if (!gone.has(item)) return;
    const start = entryStart(m, item, false);
    const end = entryEnd(m, item);
    const next = items.slice(i + 1).find((n) => !gone.has(n));
    // Up to the next kept entry (its comma and spacing with it), or back to the previous kept one's end.
    if (next) ranges.push({ start, end: entryStart(m, next, false) });
    else {
      const previous = items
        .slice(0, i)
        .reverse()
        .find((n) => !gone.has(n));
      ranges.push({ start: previous ? entryEnd(m, previous) : start, end });
    }
  });
  return ranges;
}

/**
 * Joins touching ranges. Then blank lines, as add-dependency.ts leaves them: the last entry takes
 * the blank line before it (the one that separated it from what comes before), another one
 * between two blank lines takes the one after it.
 */
function tidy(text: string, ranges: Range[], block: boolean): TextEdit[] {
  const sorted = [...ranges].sort((a, b) => a.start - b.start);
  const merged: Range[] = [];
  for (const r of sorted) {
    const last = merged[merged.length - 1];
    if (last && r.start <= last.end) {
      last.end = Math.max(last.end, r.end);
      last.last = r.last;
    } else merged.push({ ...r });
  }
  if (block) {
    for (const r of merged) {
      const blankBefore = r.start > 0 && isBlankLine(text, lineStart(text, r.start - 1));
      const blankAfter = r.end < text.length && isBlankLine(text, r.end);
      if (blankBefore && (r.end >= text.length || (r.last && !blankAfter))) r.start = lineStart(text, r.start - 1);
      else if ((blankBefore || r.start === 0) && blankAfter) r.end = lineEnd(text, r.end);
    }
  }
  return merged.map((r) => ({ start: r.start, end: r.end, text: '' }));
}

/**
 * A node of the document and the entries to remove from it. The caller walks the document
 * top-down and says, for every collection on the way, which entries go.
 */
export interface RemovalTree {
  collection: Collection;
  /** Entries removed whole. */
  remove: Entry[];
  /** Entries kept, but with removals inside their value. */
  inside: { entry: Entry; tree: RemovalTree }[];
}

/** Whether applying `tree` leaves its collection without entries (it then goes with its own entry). */
function emptied(tree: RemovalTree): boolean {
  const gone = new Set<Entry>([...tree.remove, ...tree.inside.filter((i) => emptied(i.tree)).map((i) => i.entry)]);
  return tree.collection.items.every((e) => gone.has(e as Entry));
}

/** The text edits of a removal tree (the document's top collection must not itself empty out into nothing to remove from). */
export function planRemoval(m: ManifestDoc, tree: RemovalTree): TextEdit[] {
  const whole = [...tree.remove, ...tree.inside.filter((i) => emptied(i.tree)).map((i) => i.entry)];
  const block = !isFlow(tree.collection);
  const edits = tidy(m.text, block ? blockRanges(m, tree.collection, whole) : flowRanges(m, tree.collection, whole), block);
  for (const i of tree.inside) if (!emptied(i.tree)) edits.push(...planRemoval(m, i.tree));
  return edits;
}

/** The lines of `before` that the removal deletes (1-based, without line endings). */
function removedLines(before: string, edits: readonly TextEdit[]): { line: number; text: string }[] {
  const all = before.split(/\r?\n/);
  const out: { line: number; text: string }[] = [];
  for (const e of [...edits].sort((a, b) => a.start - b.start)) {
    const first = before.slice(0, e.start).split('\n').length;
    const last = before.slice(0, Math.max(e.start, e.end - 1)).split('\n').length;
    for (let l = first; l <= last; l++) if (!out.some((o) => o.line === l)) out.push({ line: l, text: all[l - 1] ?? '' });
  }
  return out;
}

/** The Edit of a removal: the new text spliced from the old, and the lines that left. */
export function makeRemoval(file: string, before: string, edits: readonly TextEdit[]): Edit {
  const after = applyEdits(before, [...edits]);
  return after === before ? { file, before, after, status: 'unchanged', lines: [] } : { file, before, after, status: 'removed', lines: removedLines(before, edits) };
}

export const asCollection = (node: unknown): Collection | undefined => (isMap(node) || isSeq(node) ? (node as Collection) : undefined);
