/**
 * Planning an insertion into a parsed golem.yaml by node ranges: walk a path of mapping keys,
 * create what is missing, and add a list item or a mapping entry — in block style at the
 * container's own columns, or in flow style inside `[…]`/`{…}`. An empty value (`key:`, `~`,
 * `{}`, `[]`) becomes a block under its key.
 */
import { isMap, isPair, isScalar, isSeq, type Node, type Pair, type Scalar, type YAMLMap, type YAMLSeq } from 'yaml';
import { UserError } from '../../errors.js';
import { nodeLocation, type ManifestDoc } from '../manifest-doc.js';
import { blockItemLines, blockPairLines, flowText, type Value } from './render.js';
import type { TextEdit } from '../../text/edits.js';
import { columnAt, type FileStyle } from './style.js';

/** What to add at the end of the path: an item of a list, or an entry of a mapping. */
export type Leaf = { item: Value } | { key: string; value: Value };

interface Ctx {
  m: ManifestDoc;
  style: FileStyle;
}

/** The key that owns a container: `null` for the document itself. */
interface Owner {
  key: Scalar;
  pair: Pair;
  /** The mapping holding the pair is a flow mapping (`{…}`): new values must be flow text too. */
  inFlow: boolean;
  /** That flow mapping's spacing (`{ a: b }` or `{a: b}`). */
  spaced: boolean;
}

const isFlow = (node: Node) => (node as { flow?: boolean }).flow === true;
const isEmptyValue = (node: Node | null | undefined): boolean =>
  node == null || (isScalar(node) && node.value == null) || ((isMap(node) || isSeq(node)) && isFlow(node) && node.items.length === 0);

/**
 * The offset just after the last character of content in a node (comments excluded). Block
 * scalars (`|`, `>`) end after their line break, so trailing whitespace is stepped back over.
 */
export function contentEnd(text: string, node: Node): number {
  if (isMap(node) && !isFlow(node) && node.items.length > 0) {
    const last = node.items[node.items.length - 1]!;
    const value = last.value as Node | null;
    return value?.range && value.range[1] > ((last.key as Node).range?.[1] ?? 0) ? contentEnd(text, value) : (last.key as Node).range![1];
  }
  if (isSeq(node) && !isFlow(node) && node.items.length > 0) return contentEnd(text, node.items[node.items.length - 1] as Node);
  let end = node.range![1];
  while (end > node.range![0] && /\s/.test(text[end - 1]!)) end--;
  return end;
}

/** Where the line after the one holding `offset` starts (adding a line break at a last line without one). */
function nextLine(ctx: Ctx, offset: number): { at: number; lead: string } {
  const nl = ctx.m.text.indexOf('\n', offset);
  return nl < 0 ? { at: ctx.m.text.length, lead: ctx.style.eol } : { at: nl + 1, lead: '' };
}

function linesAfter(ctx: Ctx, offset: number, lines: string[], gap = ''): TextEdit {
  const { at, lead } = nextLine(ctx, offset);
  return { start: at, end: at, text: lead + gap + lines.map((l) => l + ctx.style.eol).join('') };
}

/** The value for the missing part of a path. */
function nested(path: readonly string[], leaf: Leaf): Value {
  if (path.length > 0) return { [path[0]!]: nested(path.slice(1), leaf) };
  return 'item' in leaf ? [leaf.item] : { [leaf.key]: leaf.value };
}

function fail(ctx: Ctx, node: Node | null | undefined, message: string): never {
  throw new UserError(message, { code: 'E_MANIFEST', location: nodeLocation(ctx.m, node), hint: 'Fix the golem.yaml by hand, then run the command again.' });
}

/** Blank line before a new top-level key when the file separates its top-level sections that way. */
function sectionGap(ctx: Ctx, map: YAMLMap): string {
  const last = map.items[map.items.length - 1];
  const keyStart = (last?.key as Node | undefined)?.range?.[0];
  if (keyStart === undefined) return '';
  const before = ctx.m.text.slice(0, keyStart).split(/\r?\n/).slice(0, -1);
  while (before.length > 0 && before[before.length - 1]!.trimStart().startsWith('#')) before.pop();
  return before.length > 0 && before[before.length - 1]!.trim() === '' ? ctx.style.eol : '';
}

/** TextEdits that add `leaf` under `path` inside `container` (the value owned by `owner`). */
export function planInsert(ctx: Ctx, container: Node | null, owner: Owner | null, path: readonly string[], leaf: Leaf): TextEdit[] {
  const text = ctx.m.text;
  if (isEmptyValue(container)) {
    const value = nested(path, leaf);
    if (!owner) {
      // An empty document: the new key goes at the end, after any comments.
      const lead = text.length > 0 && !text.endsWith('\n') ? ctx.style.eol : '';
      const [key, inner] = Object.entries(value as Record<string, Value>)[0]!;
      return [
        {
          start: text.length,
          end: text.length,
          text:
            lead +
            blockPairLines(key, inner, 0, ctx.style)
              .map((l) => l + ctx.style.eol)
              .join(''),
        },
      ];
    }
    if (owner.inFlow) return [replaceEmptyInFlow(ctx, container, owner, value)];
    const keyCol = columnAt(text, owner.key.range![0]);
    const lines = Array.isArray(value)
      ? value.flatMap((item) => blockItemLines(item, keyCol + (ctx.style.seqIndented ? ctx.style.indent : 0), ctx.style))
      : Object.entries(value).flatMap(([k, v]) => blockPairLines(k, v, keyCol + ctx.style.indent, ctx.style));
    const splices: TextEdit[] = [];
    if (container?.range && container.range[1] > container.range[0]) {
      // Drop `~` / `null` / `{}` / `[]` with the spaces before it; the block goes on the next lines.
      let from = container.range[0];
      while (from > 0 && (text[from - 1] === ' ' || text[from - 1] === '\t')) from--;
      splices.push({ start: from, end: container.range[1], text: '' });
    }
    splices.push(linesAfter(ctx, container?.range ? container.range[1] : owner.key.range![1], lines));
    return splices;
  }

  if (path.length > 0 || !('item' in leaf)) {
    if (!isMap(container)) fail(ctx, container, `expected a mapping here${path.length ? ` to hold '${path[0]}'` : ''}`);
    const map = container as YAMLMap;
    if (path.length > 0) {
      const pair = map.items.find((p) => isPair(p) && isScalar(p.key) && (p.key as Scalar).value === path[0]);
      if (pair)
        return planInsert(ctx, (pair.value as Node | null) ?? null, { key: pair.key as Scalar, pair, inFlow: isFlow(map), spaced: spacedLike(ctx, map) }, path.slice(1), leaf);
    } else if (map.items.some((p) => isScalar(p.key) && (p.key as Scalar).value === (leaf as { key: string }).key)) {
      fail(ctx, container, `'${(leaf as { key: string }).key}' is already declared here`);
    }
    const [key, value] = path.length > 0 ? [path[0]!, nested(path.slice(1), leaf)] : [(leaf as { key: string }).key, (leaf as { value: Value }).value];
    return [isFlow(map) ? flowAppend(ctx, map, `${key}: ${flowText(value, spacedLike(ctx, map))}`) : blockAppendPair(ctx, map, owner, key, value)];
  }

  if (!isSeq(container)) fail(ctx, container, 'expected a list here');
  const seq = container as YAMLSeq;
  if (isFlow(seq)) {
    const first = seq.items[0] as Node;
    return [flowAppend(ctx, seq, flowText(leaf.item, spacedLike(ctx, isMap(first) || isSeq(first) ? first : seq)))];
  }
  const last = seq.items[seq.items.length - 1] as Node;
  const dashCol = columnAt(text, seq.range![0]);
  const lines =
    (isMap(last) || isSeq(last)) && isFlow(last)
      ? [`${' '.repeat(dashCol)}- ${flowText(leaf.item, spacedLike(ctx, last))}`]
      : blockItemLines(leaf.item, dashCol, itemStyle(ctx, seq));
  return [linesAfter(ctx, contentEnd(ctx.m.text, seq), lines)];
}

/** Inside `{…}` an empty value (`[]`, `{}`, `~`, nothing) is replaced by flow text in place. */
function replaceEmptyInFlow(ctx: Ctx, container: Node | null, owner: Owner, value: Value): TextEdit {
  const flow = flowText(value, owner.spaced);
  if (container?.range && container.range[1] > container.range[0]) {
    return { start: container.range[0], end: container.range[1], text: flow };
  }
  const colon = ctx.m.text.indexOf(':', owner.key.range![1]);
  return { start: colon + 1, end: colon + 1, text: ` ${flow}` };
}

/** The file style with this list's own item indent (`-` to keys) when its items are block mappings. */
function itemStyle(ctx: Ctx, seq: YAMLSeq): FileStyle {
  const first = seq.items.find((i) => isMap(i) && !isFlow(i as Node) && (i as Node).range) as Node | undefined;
  const itemIndent = first ? columnAt(ctx.m.text, first.range![0]) - columnAt(ctx.m.text, seq.range![0]) : 0;
  return itemIndent > 0 ? { ...ctx.style, itemIndent } : ctx.style;
}

function blockAppendPair(ctx: Ctx, map: YAMLMap, owner: Owner | null, key: string, value: Value): TextEdit {
  const col = columnAt(ctx.m.text, (map.items[0]!.key as Node).range![0]);
  return linesAfter(ctx, contentEnd(ctx.m.text, map), blockPairLines(key, value, col, ctx.style), owner === null ? sectionGap(ctx, map) : '');
}

/** `[a, b]` → `[a, b, c]`: text goes after the last item, keeping the closing bracket's spacing. */
function flowAppend(ctx: Ctx, collection: YAMLMap | YAMLSeq, itemText: string): TextEdit {
  const last = collection.items[collection.items.length - 1] as Node | Pair;
  const end = contentEnd(ctx.m.text, (isPair(last) ? ((last.value as Node | null) ?? last.key) : last) as Node);
  return { start: end, end, text: `, ${itemText}` };
}

/** Whether flow collections in this spot are written `{ a: b }` (spaced) or `{a: b}`. */
function spacedLike(ctx: Ctx, node: Node | undefined): boolean {
  if (!node?.range) return true;
  return /^[[{]\s/.test(ctx.m.text.slice(node.range[0], node.range[1]));
}
