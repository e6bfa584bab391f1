/**
 * Word splitting (src/text/case.ts): ASCII text takes a plain pattern, other text the Unicode one;
 * both must give the same words for ASCII, and the heck rules hold for both.
 */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { words } from '../../src/text/case.js';

/** The Unicode-property split alone, as words() does for text that is not ASCII. */
function unicodeWords(text: string): string[] {
  // A non-ASCII letter appended and removed again sends `words` down its Unicode path.
  const out = words(`${text} é`);
  expect(out.at(-1)).toBe('é');
  return out.slice(0, -1);
}

describe('words', () => {
  test('the heck rules: separators, lower→upper, acronyms, digits', () => {
    expect(words('fooBar')).toEqual(['foo', 'Bar']);
    expect(words('HTTPServer')).toEqual(['HTTP', 'Server']);
    expect(words('my-component_name.v2')).toEqual(['my', 'component', 'name', 'v2']);
    expect(words('--a--b--')).toEqual(['a', 'b']);
    expect(words('')).toEqual([]);
    expect(words('ÄpfelBirne')).toEqual(['Äpfel', 'Birne']);
    expect(words('δοκιμή-κλήση')).toEqual(['δοκιμή', 'κλήση']);
  });

  test('ASCII text splits the same on both paths (any printable or control ASCII)', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom(...'aZ09_-.: /\\\tHTTPServer'.split('')), maxLength: 40 }), (text) => {
        expect(words(text)).toEqual(unicodeWords(text));
      }),
      { numRuns: 500 },
    );
    fc.assert(
      fc.property(fc.string({ unit: 'binary-ascii', maxLength: 40 }), (text) => {
        expect(words(text)).toEqual(unicodeWords(text));
      }),
      { numRuns: 500 },
    );
  });
});
