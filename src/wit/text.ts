/** Helpers for editing WIT source as text (moving blocks, splicing lines). */
import type { ItemBase } from './ast.js';
import { WitError } from './errors.js';
import { Tok, tokenize, type Tokens } from './lexer.js';

const BLANK_LINE = /\n[ \t]*\r?\n/g;

/**
 * Where the comments *attached* to an item start: like `docsStart`, but a comment separated
 * from the item by a blank line (a file-level comment) is left out.
 */
export function attachedDocsStart(source: string, item: Pick<ItemBase, 'docsStart' | 'span'>): number {
  const region = source.slice(item.docsStart, item.span.start);
  let cut = -1;
  for (const m of region.matchAll(BLANK_LINE)) cut = m.index + m[0].length;
  if (cut === -1) return item.docsStart;
  let at = item.docsStart + cut;
  while (at < item.span.start && /\s/.test(source[at]!)) at++;
  return at;
}

/**
 * `text` with every `float32` / `float64` type written `f32` / `f64`, everything else byte for
 * byte (comments, `%float32` identifiers and layout included). Text that does not lex is
 * returned as it is.
 */
export function withNewFloatNames(text: string): string {
  if (!text.includes('float')) return text;
  let tokens: Tokens;
  try {
    tokens = tokenize(text, '', { oldFloatNames: true });
  } catch (e) {
    if (e instanceof WitError) return text;
    throw e;
  }
  let out = '';
  let from = 0;
  for (let t = 0; t < tokens.count; t++) {
    const kind = tokens.kinds[t]!;
    if ((kind !== Tok.F32 && kind !== Tok.F64) || tokens.ends[t]! - tokens.starts[t]! !== 7) continue;
    out += text.slice(from, tokens.starts[t]) + (kind === Tok.F32 ? 'f32' : 'f64');
    from = tokens.ends[t]!;
  }
  return from === 0 ? text : out + text.slice(from);
}
