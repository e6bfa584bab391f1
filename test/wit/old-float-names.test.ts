/**
 * The old type names `float32` / `float64`. Plain toolkit: rejected, as current wit-parser does.
 * With `oldFloatNames` (how golem-cli reads WIT: `WIT_REQUIRE_F32_F64=0`) they are the keywords
 * `f32` / `f64`. wit-parser in jco-transpile no longer has that switch, so the oracle for the
 * golem mode is wit-parser on the text with the old names rewritten (`withNewFloatNames`).
 */
import fc from 'fast-check';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { interfaceId, isKeyword, parseWitText, resolveWitText, withNewFloatNames, WitError, type Resolve, type WitOptions } from '../../src/wit/index.js';
import { Tok, tokenize } from '../../src/wit/lexer.js';
import { ROOT } from '../helpers/cli.js';
import { checkWitText, stopOracle } from '../helpers/wit-oracle.js';
import { witDocument } from './wit-gen.js';

afterAll(() => stopOracle());

const GOLEM: WitOptions = { oldFloatNames: true };

function verdict(text: string, options: WitOptions = {}): { ok: boolean; error?: string; resolve?: Resolve } {
  try {
    return { ok: true, resolve: resolveWitText(text, 'old-floats.wit', options) };
  } catch (e) {
    if (e instanceof WitError) return { ok: false, error: e.message };
    throw e;
  }
}

const withWorld = (body: string) => `package a:b;\n${body}\nworld w { export i; }\n`;

/** Texts Golem accepts (read with `oldFloatNames`) and the f32/f64 they mean. */
const ACCEPTED: [what: string, text: string][] = [
  ['parameter and result', withWorld('interface i { f: func(x: float32) -> float64; }')],
  ['record fields', withWorld('interface i { record r { a: float32, b: float64 } f: func() -> r; }')],
  ['nested in list, option, tuple, result', withWorld('interface i { f: func(x: list<option<float32>>) -> result<tuple<float64, float32>, list<float64>>; }')],
  ['variant case and alias', withWorld('interface i { variant v { a(float32), b } type t = float64; f: func(x: t) -> v; }')],
  ['resource methods and constructor', withWorld('interface i { resource r { constructor(x: float32); m: func() -> float64; s: static func(y: float64); } }')],
  ['world function', 'package a:b;\nworld w { import f: func(x: float32); export g: func() -> float64; }\n'],
  ['nested package', 'package a:b;\ninterface i { use c:d/j.{t}; f: func(x: t); }\nworld w { export i; }\npackage c:d { interface j { type t = float64; } }\n'],
  ['`%float32` is a plain identifier', withWorld('interface i { record %float32 { %float64: float32 } f: func(%float32: %float32) -> float64; }')],
  ['mixed with the new names', withWorld('interface i { f: func(a: f32, b: float32, c: f64, d: float64); }')],
  ['in comments only', withWorld('interface i {\n  // float32 float64\n  /// returns float32\n  f: func(x: f32);\n}')],
];

/** Texts Golem rejects too: with `oldFloatNames` the old names are keywords, not identifiers. */
const REJECTED: [what: string, text: string][] = [
  ['a type named float32', withWorld('interface i { record float32 { x: u8 } }')],
  ['a field named float64', withWorld('interface i { record r { float64: u8 } }')],
  ['a function named float32', withWorld('interface i { float32: func(); }')],
  ['a parameter named float64', withWorld('interface i { f: func(float64: u8); }')],
  ['an interface named float32', 'package a:b;\ninterface float32 {}\nworld w { export float32; }\n'],
  ['a use of a type named float32', 'package a:b;\ninterface j { type %float32 = u8; }\ninterface i { use j.{float32}; }\nworld w { export i; }\n'],
  ['a feature named float32', withWorld('interface i { @unstable(feature = float32) f: func(); }')],
  ['float32 as a package namespace', 'package float32:b;\ninterface i {}\nworld w { export i; }\n'],
  ['a generic float32 with parameters', withWorld('interface i { f: func(x: float32<u8>); }')],
];

describe('plain toolkit: as current wit-parser', () => {
  const withOldNames = ACCEPTED.filter(([, t]) => oldNames(t) > 0);
  it('most accepted texts use the old names', () => expect(withOldNames.length).toBe(ACCEPTED.length - 1));
  it.each(withOldNames)('rejects the old names: %s', async (_what, text) => {
    expect(verdict(text).ok).toBe(false);
    expect((await checkWitText(text)).ok).toBe(false);
  });
});

describe('golem mode (oldFloatNames)', () => {
  it.each(ACCEPTED)('accepts %s, reading f32 / f64; wit-parser accepts the rewritten text', async (_what, text) => {
    const ours = verdict(text, GOLEM);
    expect(ours.error).toBeUndefined();
    const rewritten = withNewFloatNames(text);
    expect(oldNames(rewritten)).toBe(0);
    expect(await checkWitText(rewritten)).toEqual({ ok: true });
    // The same model as the plain toolkit reads from the rewritten text.
    const plain = verdict(rewritten);
    expect(plain.ok).toBe(true);
    expect(model(ours.resolve!)).toEqual(model(plain.resolve!));
  });

  it.each(REJECTED)('rejects %s, as wit-parser rejects the rewritten text', async (_what, text) => {
    expect(verdict(text, GOLEM).ok).toBe(false);
    expect((await checkWitText(withNewFloatNames(text))).ok).toBe(false);
  });

  it('old names parse to the primitives f32 and f64', () => {
    const file = parseWitText('package a:b;\ninterface i { f: func(x: float32) -> float64; }\n', 'x.wit', GOLEM);
    const iface = file.items[0] as { items: { func: { params: { type: unknown }[]; result: unknown } }[] };
    const fn = iface.items[0]!.func;
    expect(fn.params[0]!.type).toMatchObject({ kind: 'primitive', name: 'f32' });
    expect(fn.result).toMatchObject({ kind: 'primitive', name: 'f64' });
  });

  it('isKeyword knows the old names only in golem mode', () => {
    expect(isKeyword('float32')).toBe(false);
    expect(isKeyword('float64', GOLEM)).toBe(true);
    expect(isKeyword('float16', GOLEM)).toBe(false);
    expect(isKeyword('f32', GOLEM)).toBe(true);
  });
});

describe('withNewFloatNames', () => {
  it('rewrites only the type keywords, every other byte stays', () => {
    const text = 'package a:b;\n// float32 stays\ninterface i {\n  /** float64 stays */\n  f: func(%float32: float32, x: list<float64>) -> float64; // float64\n}\r\n';
    expect(withNewFloatNames(text)).toBe('package a:b;\n// float32 stays\ninterface i {\n  /** float64 stays */\n  f: func(%float32: f32, x: list<f64>) -> f64; // float64\n}\r\n');
  });

  it('leaves text without old names, and text that does not lex, as it is', () => {
    const plain = 'package a:b;\ninterface i { f: func(x: f32); }\n';
    expect(withNewFloatNames(plain)).toBe(plain);
    const broken = 'package a:b;\ninterface i { f: func(x: float32); } /* unterminated';
    expect(withNewFloatNames(broken)).toBe(broken);
  });
});

describe('differential, golem mode against wit-parser on the rewritten text', () => {
  it('agrees on the WIT corpus (test/fixtures/wit/text)', async () => {
    const dir = join(ROOT, 'test', 'fixtures', 'wit', 'text');
    const files = readdirSync(dir)
      .filter((f) => f.endsWith('.wit'))
      .sort();
    expect(files.length).toBeGreaterThan(100);
    for (const f of files) {
      const text = readFileSync(join(dir, f), 'utf8');
      const rewritten = withNewFloatNames(text);
      // Unchanged texts keep the verdict their name records (checked against wit-parser by differential.test.ts).
      const expected = rewritten === text ? f.startsWith('ok-') : (await checkWitText(rewritten)).ok;
      expect({ f, ok: verdict(text, GOLEM).ok }).toEqual({ f, ok: expected });
    }
  });

  it('agrees on random documents with f32 / f64 written the old way (300 runs)', async () => {
    await fc.assert(
      fc.asyncProperty(witDocument, fc.integer(), async (doc, seed) => {
        const old = toOldNames(doc, seed);
        expect(withNewFloatNames(old)).toBe(doc);
        const ours = verdict(old, GOLEM);
        const plain = verdict(doc);
        expect(ours.ok).toBe(plain.ok);
        expect((await checkWitText(doc)).ok).toBe(ours.ok);
        if (ours.ok) expect(model(ours.resolve!)).toEqual(model(plain.resolve!));
      }),
      { numRuns: 300, seed: 15 },
    );
  });
});

/** How many `float32` / `float64` names the plain lexer sees (outside comments, not `%`-escaped). */
function oldNames(text: string): number {
  const tokens = tokenize(text, 'x.wit');
  let n = 0;
  for (let t = 0; t < tokens.count; t++) {
    if (tokens.kinds[t] === Tok.Id && /^float(32|64)$/.test(text.slice(tokens.starts[t], tokens.ends[t]))) n++;
  }
  return n;
}

/** `doc` with some of its `f32` / `f64` keywords written `float32` / `float64`. */
function toOldNames(doc: string, seed: number): string {
  let tokens: ReturnType<typeof tokenize>;
  try {
    tokens = tokenize(doc, 'gen.wit');
  } catch (e) {
    if (e instanceof WitError) return doc; // does not lex: nothing to rename
    throw e;
  }
  let out = '';
  let from = 0;
  for (let t = 0; t < tokens.count; t++) {
    const kind = tokens.kinds[t];
    if ((kind !== Tok.F32 && kind !== Tok.F64) || ((seed >>> (t % 31)) & 1) === 0) continue;
    out += doc.slice(from, tokens.starts[t]) + (kind === Tok.F32 ? 'float32' : 'float64');
    from = tokens.ends[t]!;
  }
  return out + doc.slice(from);
}

/** What a resolve means, without source positions: every interface's functions and types as text. */
function model(resolve: Resolve): string[] {
  const type = (t: unknown): string =>
    JSON.stringify(t, (k, v: unknown) =>
      k === 'def' && v && typeof v === 'object' && 'name' in v
        ? (v as { name: string }).name
        : ['span', 'file', 'docs', 'owner', 'ast', 'package', 'from', 'typesByName', 'functionsByName', 'id'].includes(k)
          ? undefined
          : v,
    );
  return resolve.packages.flatMap((p) =>
    p.interfaces.map((i) => `${interfaceId(i)} ${type(i.types.map((d) => [d.name, d.def]))} ${type(i.functions.map((f) => [f.name, f.params, f.result]))}`),
  );
}

describe('messages', () => {
  it('an old float name where a name is expected says what it is and how to write the name', () => {
    const r = verdict('package a:b;\ninterface i {\n  record r { float64: u8 }\n}\n', GOLEM);
    expect(r.error).toBe('expected an identifier, found `float64`, the old name of the type f64 (as Golem reads WIT); write `%float64` for a name');
  });
});
