/** Rendering small YAML values as text in a file's style: block lines at a column, or flow text. */
import type { Scalar } from 'yaml';
import type { TextEdit } from '../../text/edits.js';
import type { FileStyle } from './style.js';

export type Value = string | Value[] | { [key: string]: Value };

const RESERVED = /^(?:true|false|null|yes|no|on|off|y|n|~)$/i;

/** A plain scalar when YAML reads it back as the same string, otherwise a double-quoted one. */
export function scalarText(s: string): string {
  const plain = /^[A-Za-z0-9_./][A-Za-z0-9_./:@-]*$/.test(s) && !s.endsWith(':') && !RESERVED.test(s) && !/^[0-9.+-]+$/.test(s);
  return plain ? s : JSON.stringify(s);
}

/** Replaces a scalar's text, keeping its quoting style. */
export function replaceScalar(node: Scalar, value: string): TextEdit {
  const quote = node.type === 'QUOTE_DOUBLE' ? '"' : node.type === 'QUOTE_SINGLE' ? "'" : '';
  return { start: node.range![0], end: node.range![1], text: quote ? `${quote}${value}${quote}` : scalarText(value) };
}

const pad = (n: number) => ' '.repeat(n);

/** `key: value` (or `key:` and nested lines) starting at column `col`. */
export function blockPairLines(key: string, value: Value, col: number, style: FileStyle): string[] {
  const head = `${pad(col)}${scalarText(key)}:`;
  if (typeof value === 'string') return [`${head} ${scalarText(value)}`];
  if (Array.isArray(value)) return [head, ...value.flatMap((item) => blockItemLines(item, col + (style.seqIndented ? style.indent : 0), style))];
  return [head, ...Object.entries(value).flatMap(([k, v]) => blockPairLines(k, v, col + style.indent, style))];
}

/** `- item` with its `-` at column `dashCol`; a mapping item continues at `dashCol + itemIndent`. */
export function blockItemLines(value: Value, dashCol: number, style: FileStyle): string[] {
  const lead = `${pad(dashCol)}-${pad(style.itemIndent - 1)}`;
  if (typeof value === 'string') return [`${lead}${scalarText(value)}`];
  const inner = Array.isArray(value)
    ? value.flatMap((item) => blockItemLines(item, dashCol + style.itemIndent, style))
    : Object.entries(value).flatMap(([k, v]) => blockPairLines(k, v, dashCol + style.itemIndent, style));
  return inner.map((line, i) => (i === 0 ? lead + line.trimStart() : line));
}

/** `{ a: b }` / `[ a, b ]`, or without inner spaces when `spaced` is false. */
export function flowText(value: Value, spaced: boolean): string {
  if (typeof value === 'string') return scalarText(value);
  const s = spaced ? ' ' : '';
  if (Array.isArray(value)) return `[${s}${value.map((v) => flowText(v, spaced)).join(', ')}${s}]`;
  return `{${s}${Object.entries(value)
    .map(([k, v]) => `${scalarText(k)}: ${flowText(v, spaced)}`)
    .join(', ')}${s}}`;
}
