/**
 * File bytes as text and back without losing a byte. Valid UTF-8 decodes as usual; each byte of
 * an invalid sequence becomes a lone surrogate U+DC80–U+DCFF (Python's "surrogateescape"), which
 * encoding turns back into that byte. So an edit spliced into the text of a golem.yaml with a
 * Latin-1 comment keeps every original byte outside the edited range.
 */
import { isUtf8 } from 'node:buffer';

/** Length of the well-formed UTF-8 sequence at `i` (Unicode table 3-7), 0 when it is not one. */
function sequenceLength(bytes: Buffer, i: number): number {
  const b = bytes[i]!;
  if (b < 0x80) return 1;
  const cont = (k: number, lo = 0x80, hi = 0xbf) => i + k < bytes.length && bytes[i + k]! >= lo && bytes[i + k]! <= hi;
  if (b >= 0xc2 && b <= 0xdf) return cont(1) ? 2 : 0;
  if (b >= 0xe0 && b <= 0xef) {
    const first = b === 0xe0 ? cont(1, 0xa0) : b === 0xed ? cont(1, 0x80, 0x9f) : cont(1);
    return first && cont(2) ? 3 : 0;
  }
  if (b >= 0xf0 && b <= 0xf4) {
    const first = b === 0xf0 ? cont(1, 0x90) : b === 0xf4 ? cont(1, 0x80, 0x8f) : cont(1);
    return first && cont(2) && cont(3) ? 4 : 0;
  }
  return 0;
}

/** The bytes as text; invalid bytes become U+DC80–U+DCFF. */
export function decodeBytes(bytes: Buffer): string {
  if (isUtf8(bytes)) return bytes.toString('utf8');
  let out = '';
  let start = 0;
  for (let i = 0; i < bytes.length; ) {
    const n = sequenceLength(bytes, i);
    if (n > 0) {
      i += n;
      continue;
    }
    out += bytes.toString('utf8', start, i) + String.fromCharCode(0xdc00 | bytes[i]!);
    start = ++i;
  }
  return out + bytes.toString('utf8', start);
}

/** A lone U+DC80–U+DCFF (not the second half of a surrogate pair). */
const ESCAPED_BYTE = /(?<![\uD800-\uDBFF])[\uDC80-\uDCFF]/;

/** The text as bytes, each escaped byte of `decodeBytes` restored. */
export function encodeText(text: string): Buffer {
  if (!ESCAPED_BYTE.test(text)) return Buffer.from(text);
  const parts: Buffer[] = [];
  let start = 0;
  for (const m of text.matchAll(new RegExp(ESCAPED_BYTE, 'g'))) {
    parts.push(Buffer.from(text.slice(start, m.index)), Buffer.from([m[0].charCodeAt(0) & 0xff]));
    start = m.index + 1;
  }
  parts.push(Buffer.from(text.slice(start)));
  return Buffer.concat(parts);
}
