/**
 * Property: caller wiring changes nothing but the one inserted line per world, whatever comments,
 * blank lines and spacing surround the world's items (Golem re-renders and loses them all).
 */
import { afterAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { wireClientImport, wireClientImports } from '../../src/rpc/caller-wiring.js';
import { checkWitText, stopOracle } from '../helpers/wit-oracle.js';

afterAll(() => stopOracle());

const TARGET = { namespace: 'example', name: 'provider' };
const IMPORT = 'import example:provider-client/example-provider-client;';
const PROVIDER = '\npackage example:provider-client {\n  interface example-provider-client {}\n}\n';

const filler = fc
  .array(fc.constantFrom('', '// a line comment', '/* a block */', '/// doc', '/* multi\n   line */', '   ', '\t// tabbed'), { maxLength: 3 })
  .map((parts) => parts.join('\n'));

const caller = fc
  .record({ before: filler, between: filler, after: filler, indent: fc.constantFrom('  ', '    ', '\t'), crlf: fc.boolean() })
  .map(({ before, between, after, indent, crlf }) => {
    const text = [
      'package example:caller;',
      before,
      'interface api { go: func(); }',
      'world caller {',
      `${indent}${between.split('\n').join(`\n${indent}`)}`,
      `${indent}export api;`,
      `${indent}${after.split('\n').join(`\n${indent}`)}`,
      '}',
      '',
    ].join('\n');
    return crlf ? text.replace(/\n/g, '\r\n') : text;
  });

describe('caller wiring keeps every other byte', () => {
  it('removing the inserted line gives back the input, for any surrounding comments', () => {
    fc.assert(
      fc.property(caller, (text) => {
        const wired = wireClientImport(text, 'main.wit', TARGET, 'example-provider');
        const nl = text.includes('\r\n') ? '\r\n' : '\n';
        const lines = wired.split(nl);
        const inserted = lines.findIndex((l) => l.trim() === IMPORT);
        expect(inserted).toBeGreaterThan(0);
        expect(lines[inserted + 1]).toBe('}');
        lines.splice(inserted, 1);
        expect(lines.join(nl)).toBe(text);
        expect(wireClientImport(wired, 'main.wit', TARGET, 'example-provider')).toBe(wired);
      }),
      { numRuns: 300 },
    );
  });

  it('the wired text is accepted by wit-parser', async () => {
    const samples = fc.sample(caller, { numRuns: 25, seed: 42 });
    for (const text of samples) {
      const wired = wireClientImport(text, 'main.wit', TARGET, 'example-provider');
      expect(await checkWitText(wired.replace(/\r\n/g, '\n') + PROVIDER)).toEqual({ ok: true });
    }
  });
});

describe('wiring several targets at once', () => {
  const TARGETS = [
    { pkg: { namespace: 'example', name: 'provider' }, world: 'example-provider' },
    { pkg: { namespace: 'example', name: 'other' }, world: 'other-world' },
    { pkg: { namespace: 'acme', name: 'store', version: '1.0.0' }, world: 'store' },
  ];
  // Worlds as generation meets them (items, then `}` on its own line) and the ones it takes
  // target by target: an exports import to drop, a client import already there, `}` after an item.
  const item = fc.constantFrom(
    'export api;',
    'import wasi:io/streams;',
    'import example:other-exports/api;',
    'import example:provider-client/example-provider-client;',
    '/// doc\nimport acme:store-exports/api@1.0.0;',
    '// note',
  );
  const world = fc
    .record({ name: fc.constantFrom('a', 'b'), items: fc.array(item, { maxLength: 3 }), indent: fc.constantFrom('', '  ', '\t'), inline: fc.boolean() })
    .map(({ name, items, indent, inline }) => {
      const body = items.map((i) => `${indent}${i.split('\n').join(`\n${indent}`)}`).join('\n');
      return inline ? `world ${name} { ${items.filter((i) => !i.includes('\n') && !i.startsWith('//')).join(' ')} }` : `world ${name} {\n${body}${body ? '\n' : ''}}`;
    });
  const file = fc.record({ worlds: fc.uniqueArray(world, { minLength: 1, maxLength: 2, selector: (w) => w.slice(0, 7) }), crlf: fc.boolean() }).map(({ worlds, crlf }) => {
    const text = ['package example:caller;', 'interface api { go: func(); }', ...worlds, ''].join('\n');
    return crlf ? text.replace(/\n/g, '\r\n') : text;
  });

  it('gives what wiring one target after the other gives, for any worlds and targets', () => {
    fc.assert(
      fc.property(file, fc.subarray(TARGETS), (text, targets) => {
        const oneByOne = targets.reduce((t, x) => wireClientImport(t, 'main.wit', x.pkg, x.world), text);
        expect(wireClientImports(text, 'main.wit', targets)).toBe(oneByOne);
      }),
      { numRuns: 500 },
    );
  });
});
