/** File bytes as text and back: any bytes survive the round trip; valid UTF-8 decodes as usual. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeBytes, encodeText } from '../../src/fs/utf8.js';

describe('decodeBytes / encodeText', () => {
  it('give back every byte sequence exactly', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), (bytes) => {
        const buffer = Buffer.from(bytes);
        expect(encodeText(decodeBytes(buffer))).toEqual(buffer);
      }),
      { numRuns: 2000 },
    );
  });

  it('decode valid UTF-8 as usual, surrogate pairs included', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), (text) => {
        const buffer = Buffer.from(text);
        expect(decodeBytes(buffer)).toBe(buffer.toString('utf8'));
        expect(encodeText(decodeBytes(buffer))).toEqual(buffer);
      }),
    );
  });

  it('keep invalid bytes through an edit of the text around them', () => {
    const bytes = Buffer.from([0x61, 0xe9, 0x0a, 0xc3, 0x28, 0x0a, 0xed, 0xa0, 0x80, 0x0a, 0xf0, 0x9f, 0x98, 0x80, 0x0a]);
    const text = decodeBytes(bytes);
    expect(text.split('\n')[3]).toBe('😀');
    const edited = encodeText(text.replace('😀', 'ok'));
    expect(edited).toEqual(Buffer.concat([bytes.subarray(0, 10), Buffer.from('ok\n')]));
  });
});
