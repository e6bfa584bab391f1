/**
 * The layout habits of one golem.yaml, read from the file itself so that inserted text looks
 * hand-written: line ending, indent width, whether block lists are indented under their key
 * (`key:\n  - x`) or not (`key:\n- x`, Golem's own style), and the offset of a list item's keys.
 */
import { isMap, isPair, isScalar, isSeq, visit, type Node } from 'yaml';
import type { ManifestDoc } from '../manifest-doc.js';

export interface FileStyle {
  eol: '\n' | '\r\n';
  /** Spaces per nesting level of block mappings. */
  indent: number;
  /** `key:\n  - item` (true) or `key:\n- item` (false). */
  seqIndented: boolean;
  /** Columns from `-` to the item's keys (`- target: x` → 2). */
  itemIndent: number;
}

/** 0-based column of a character offset. */
export function columnAt(text: string, offset: number): number {
  return offset - (text.lastIndexOf('\n', offset - 1) + 1);
}

const isBlock = (node: unknown): node is Node => (isMap(node) || isSeq(node)) && !(node as { flow?: boolean }).flow;

export function detectStyle(m: ManifestDoc): FileStyle {
  const { text } = m;
  let indent: number | undefined;
  let seqIndented: boolean | undefined;
  let itemIndent: number | undefined;
  const col = (node: Node) => columnAt(text, node.range![0]);
  visit(m.doc, {
    Pair(_, pair) {
      const key = pair.key as Node;
      const value = pair.value as Node | null;
      if (!isScalar(key) || !key.range || !isBlock(value) || !value.range) return;
      if (isMap(value) && indent === undefined && value.items[0] && isPair(value.items[0])) {
        const first = value.items[0].key as Node;
        if (first.range && col(first) > col(key)) indent = col(first) - col(key);
      }
      if (isSeq(value) && seqIndented === undefined) seqIndented = col(value) > col(key);
    },
    Seq(_, seq) {
      if (itemIndent !== undefined || !isBlock(seq) || !seq.range) return;
      const item = seq.items[0];
      if (isMap(item) && !item.flow && item.range) itemIndent = col(item) - col(seq);
    },
  });
  return { eol: text.includes('\r\n') ? '\r\n' : '\n', indent: indent ?? 2, seqIndented: seqIndented ?? false, itemIndent: itemIndent ?? 2 };
}
