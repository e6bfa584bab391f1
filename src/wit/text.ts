/** Helpers for editing WIT source as text (moving blocks, splicing lines). */
import type { ItemBase } from './ast.js';

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
