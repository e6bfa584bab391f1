/**
 * Error locations: for invalid inputs the reported line:column is the offending token, marked
 * `⟦` in each input (the marker is removed before parsing). Also the error's shape: a
 * UserError, `file:line:col: message`, an excerpt with a caret, and a real file in a directory.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { UserError } from '../../src/errors.js';
import { loadWitDir, parseWitText, resolveWitText, WitError } from '../../src/wit/index.js';

const MARK = '⟦';

/** Line and column (1-based) of the marker, and the text without it. */
function marked(input: string): { text: string; line: number; column: number } {
  const at = input.indexOf(MARK);
  const before = input.slice(0, at);
  const line = before.split('\n').length;
  const column = at - before.lastIndexOf('\n');
  return { text: input.replace(MARK, ''), line, column };
}

function errorOf(run: () => unknown): WitError {
  try {
    run();
  } catch (e) {
    if (e instanceof WitError) return e;
    throw e;
  }
  throw new Error('expected a WitError');
}

const CASES: [string, string, RegExp][] = [
  ['unknown type in a parameter', 'package a:b;\ninterface i {\n  f: func(x: ⟦nope);\n}\n', /name `nope` does not exist/],
  ['missing semicolon', 'package a:b;\ninterface i {\n  f: func()\n⟦}\n', /expected ';', found '}'/],
  ['duplicate interface', 'package a:b;\ninterface i {}\n\ninterface ⟦i {}\n', /duplicate item named `i`/],
  ['unknown interface in a world', 'package a:b;\nworld w {\n  import ⟦nope;\n}\n', /interface or world `nope` does not exist/],
  ['identifier with mixed case', 'package a:b;\ninterface i {\n  type ⟦Xy = u8;\n}\n', /invalid character in identifier/],
  ['unterminated block comment', 'package a:b;\ninterface i {}\n  ⟦/* no end\n', /unterminated block comment/],
  ['type cycle', 'package a:b;\ninterface i {\n  type a = ⟦b;\n  type b = a;\n}\n', /type `b` depends on itself/],
  ['borrow of a non-resource', 'package a:b;\ninterface i {\n  type x = u8;\n  f: func(b: borrow<⟦x>);\n}\n', /must be a resource/],
  ['missing package', 'package a:b;\nworld w {\n  import ⟦x:y/z;\n}\n', /package 'x:y' not found. known packages: a:b/],
  ['control character', 'package a:b;\ninterface i {⟦\u0001}\n', /control code/],
  // a byte that is not UTF-8 reaches the lexer as U+DC80–U+DCFF (src/fs/utf8.ts), named as the byte
  ['a byte that is not UTF-8', 'package a:b;\ninterface i {}\n⟦\udcff\n', /^invalid UTF-8: byte 0xff is not part of a character$/],
  ['version with a leading zero', 'package a:b@⟦01.0.0;\n', /invalid version/],
  ['empty enum', 'package a:b;\ninterface i {\n  ⟦enum e {}\n}\n', /empty enum/],
  ['unknown name in use', 'package a:b;\ninterface t { type x = u8; }\ninterface i {\n  use t.{x, ⟦nope};\n}\n', /name `nope` does not exist/],
  ['include renaming an unknown name', 'package a:b;\nworld v { import f: func(); }\nworld w {\n  ⟦include v with { h as g }\n}\n', /no import or export kebab-name `h`/],
  ['duplicate function', 'package a:b;\ninterface i {\n  f: func();\n  ⟦f: func();\n}\n', /name `f` is defined more than once/],
  ['unexpected end of file', 'package a:b;\ninterface i {\n  f: func();\n⟦', /found eof/],
  ['CRLF lines count once', 'package a:b;\r\ninterface i {\r\n  f: func(x: ⟦nope);\r\n}\r\n', /name `nope` does not exist/],
];

describe('error locations point at the offending token', () => {
  it.each(CASES)('%s', (_name, input, message) => {
    const { text, line, column } = marked(input);
    const err = errorOf(() => resolveWitText(text, 'case.wit'));
    expect(err.message).toMatch(message);
    expect(err.location).toEqual({ file: 'case.wit', line, column });
  });
});

describe('WitError', () => {
  it('is a UserError printed as the sentence file:line:col: message., with an excerpt and caret', () => {
    const err = errorOf(() => parseWitText('package a:b;\ninterface i {\n  f: func(x: u8)\n}\n', 'api.wit'));
    expect(err).toBeInstanceOf(UserError);
    expect(err.format()).toBe("api.wit:4:1: expected ';', found '}'.");
    expect(err.excerpt).toBe('}\n^');
    const deeper = errorOf(() => resolveWitText('package a:b;\ninterface i {\n  f: func(x: nope);\n}\n', 'api.wit'));
    expect(deeper.excerpt).toBe(`  f: func(x: nope);\n${' '.repeat('  f: func(x: '.length)}^`);
  });

  it('names the file of a directory package where the error is', () => {
    const dir = mkdtempSync(join(tmpdir(), 'wit-err-'));
    try {
      writeFileSync(join(dir, 'a.wit'), 'package t:x;\nworld w { import i; }\n');
      writeFileSync(join(dir, 'b.wit'), 'interface i {\n  f: func() -> missing;\n}\n');
      mkdirSync(join(dir, 'deps'));
      const err = errorOf(() => loadWitDir(dir));
      expect(err.location).toEqual({ file: join(dir, 'b.wit'), line: 2, column: 16 });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('reports a missing directory as a WitError', () => {
    const err = errorOf(() => loadWitDir(join(tmpdir(), 'no-such-wit-dir-4711')));
    expect(err.message).toMatch(/WIT directory not found/);
  });
});

describe('pathological input gives a WitError, never another exception', () => {
  const chain = (n: number, line: (k: number) => string) => Array.from({ length: n }, (_, k) => line(k)).join('\n');
  it.each([
    ['types nested 5,000 deep', `package a:b;\ninterface i { type t = ${'list<'.repeat(5000)}u8${'>'.repeat(5000)}; }\n`, /nested more than 500 levels/],
    [
      'an interface chain of 20,000',
      `package a:b;\n${chain(20000, (k) => `interface i${k} { ${k ? `use i${k - 1}.{t};` : 'type t = u8;'} }`)}\nworld w { import i19999; }\n`,
      /too deeply nested/,
    ],
  ])('%s', (_name, text, message) => {
    expect(errorOf(() => resolveWitText(text, 'deep.wit')).message).toMatch(message);
  });

  it('resolves an alias chain of 50,000 (followed in a loop, not by recursion)', () => {
    const text = `package a:b;\ninterface i {\n${chain(50000, (k) => `type a${k + 1} = ${k ? `a${k}` : 'u8'};`)}\nf: func() -> a50000;\n}\n`;
    expect(resolveWitText(text, 'deep.wit').mainPackage.interfaces[0]!.functions.length).toBe(1);
  });

  it('resolves a 3,000-interface chain (where wit-parser runs out of stack)', () => {
    const text = `package a:b;\n${chain(3000, (k) => `interface i${k} { ${k ? `use i${k - 1}.{t};` : 'type t = u8;'} }`)}\nworld w { import i2999; }\n`;
    const world = resolveWitText(text).mainPackage.worlds[0]!;
    expect(world.imports.length).toBe(3000);
  });
});
