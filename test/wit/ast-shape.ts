/** A syntax tree without positions, for comparing trees structurally (round trips). */
import type { WitFile } from '../../src/wit/index.js';

export function shape(file: WitFile): unknown {
  return JSON.parse(JSON.stringify([file.package, file.items], (key, value) => (key === 'span' || key === 'docsStart' || key === 'closeBrace' ? undefined : value)));
}
