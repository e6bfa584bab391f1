/**
 * Hand-written WIT lexer over char codes (the hot path of parsing): produces parallel arrays of
 * token kinds and offsets. Whitespace and comments are skipped here; the parser reads doc
 * comments back from the gap between two tokens when an item needs them.
 * Rules follow wit-parser's `lex.rs` (e.g. CRLF folding, nested block comments, rejected
 * control and bidi code points, kebab-case identifier validation).
 */
import { WitError } from './errors.js';

/** Token kinds. Keywords come after `Id` so `kind > Id` means "a keyword". */
export const Tok = {
  Eof: 0,
  Equals: 1,
  Comma: 2,
  Colon: 3,
  Period: 4,
  Semicolon: 5,
  LeftParen: 6,
  RightParen: 7,
  LeftBrace: 8,
  RightBrace: 9,
  LessThan: 10,
  GreaterThan: 11,
  RArrow: 12,
  Star: 13,
  At: 14,
  Slash: 15,
  Plus: 16,
  Minus: 17,
  Integer: 18,
  ExplicitId: 19,
  Id: 20,
  // keywords
  Use: 21,
  Type: 22,
  Func: 23,
  U8: 24,
  U16: 25,
  U32: 26,
  U64: 27,
  S8: 28,
  S16: 29,
  S32: 30,
  S64: 31,
  F32: 32,
  F64: 33,
  Char: 34,
  Resource: 35,
  Own: 36,
  Borrow: 37,
  Record: 38,
  Flags: 39,
  Variant: 40,
  Enum: 41,
  Bool: 42,
  String: 43,
  Option: 44,
  Result: 45,
  Future: 46,
  Stream: 47,
  ErrorContext: 48,
  List: 49,
  Underscore: 50,
  As: 51,
  From: 52,
  Static: 53,
  Interface: 54,
  Tuple: 55,
  Import: 56,
  Export: 57,
  World: 58,
  Package: 59,
  Constructor: 60,
  Include: 61,
  With: 62,
  Async: 63,
  Map: 64,
} as const;
export type TokKind = (typeof Tok)[keyof typeof Tok];

const KEYWORDS = new Map<string, TokKind>([
  ['use', Tok.Use],
  ['type', Tok.Type],
  ['func', Tok.Func],
  ['u8', Tok.U8],
  ['u16', Tok.U16],
  ['u32', Tok.U32],
  ['u64', Tok.U64],
  ['s8', Tok.S8],
  ['s16', Tok.S16],
  ['s32', Tok.S32],
  ['s64', Tok.S64],
  ['f32', Tok.F32],
  ['f64', Tok.F64],
  ['char', Tok.Char],
  ['resource', Tok.Resource],
  ['own', Tok.Own],
  ['borrow', Tok.Borrow],
  ['record', Tok.Record],
  ['flags', Tok.Flags],
  ['variant', Tok.Variant],
  ['enum', Tok.Enum],
  ['bool', Tok.Bool],
  ['string', Tok.String],
  ['option', Tok.Option],
  ['result', Tok.Result],
  ['future', Tok.Future],
  ['stream', Tok.Stream],
  ['error-context', Tok.ErrorContext],
  ['list', Tok.List],
  ['_', Tok.Underscore],
  ['as', Tok.As],
  ['from', Tok.From],
  ['static', Tok.Static],
  ['interface', Tok.Interface],
  ['tuple', Tok.Tuple],
  ['import', Tok.Import],
  ['export', Tok.Export],
  ['world', Tok.World],
  ['package', Tok.Package],
  ['constructor', Tok.Constructor],
  ['include', Tok.Include],
  ['with', Tok.With],
  ['async', Tok.Async],
  ['map', Tok.Map],
]);

/** Keywords grouped by first char code, so a word is matched in place without slicing it. */
const KEYWORDS_BY_FIRST: [string, TokKind][][] = [];
for (const [word, kind] of KEYWORDS) {
  const first = word.charCodeAt(0);
  KEYWORDS_BY_FIRST[first] ??= [];
  KEYWORDS_BY_FIRST[first].push([word, kind]);
}

function keywordAt(source: string, start: number, end: number): TokKind | undefined {
  const candidates = KEYWORDS_BY_FIRST[source.charCodeAt(start)];
  if (!candidates) return undefined;
  const len = end - start;
  for (const [word, kind] of candidates) if (word.length === len && source.startsWith(word, start)) return kind;
  return undefined;
}

/** How WIT text is read. */
export interface WitOptions {
  /**
   * Read the old type names `float32` / `float64` as `f32` / `f64` — keywords then, as in
   * wit-parser with `WIT_REQUIRE_F32_F64=0`, which golem-cli sets before every resolve
   * (golem-cli/src/wasm_rpc_stubgen/wit_resolve.rs). Off by default, as in current wit-parser.
   */
  oldFloatNames?: boolean;
}

/** `float32` / `float64` as the keywords they are with `oldFloatNames`. */
function oldFloatKeyword(source: string, start: number, end: number): TokKind | undefined {
  if (end - start !== 7 || !source.startsWith('float', start)) return undefined;
  if (source.startsWith('32', start + 5)) return Tok.F32;
  if (source.startsWith('64', start + 5)) return Tok.F64;
  return undefined;
}

/** Whether `word` is a WIT keyword (and must be written `%word` as an identifier). */
export function isKeyword(word: string, options: WitOptions = {}): boolean {
  return KEYWORDS.has(word) || (options.oldFloatNames === true && oldFloatKeyword(word, 0, word.length) !== undefined);
}

/** Single-character punctuation, indexed by char code. */
const PUNCT: (TokKind | undefined)[] = [];
for (const [ch, kind] of [
  ['=', Tok.Equals],
  [',', Tok.Comma],
  [':', Tok.Colon],
  ['.', Tok.Period],
  [';', Tok.Semicolon],
  ['(', Tok.LeftParen],
  [')', Tok.RightParen],
  ['{', Tok.LeftBrace],
  ['}', Tok.RightBrace],
  ['<', Tok.LessThan],
  ['>', Tok.GreaterThan],
  ['*', Tok.Star],
  ['@', Tok.At],
  ['+', Tok.Plus],
] as const)
  PUNCT[ch.charCodeAt(0)] = kind;

/** How a token is named in "expected X, found Y" messages. */
export function describeToken(kind: TokKind): string {
  switch (kind) {
    case Tok.Eof:
      return 'eof';
    case Tok.Id:
    case Tok.ExplicitId:
      return 'an identifier';
    case Tok.Integer:
      return 'an integer';
    case Tok.RArrow:
      return "'->'";
    case Tok.Slash:
      return "'/'";
    case Tok.Minus:
      return "'-'";
  }
  for (const [ch, k] of PUNCT.entries()) if (k === kind) return `'${String.fromCharCode(ch)}'`;
  for (const [word, k] of KEYWORDS) if (k === kind) return `keyword \`${word}\``;
  return 'a token';
}

export interface Tokens {
  source: string;
  file: string;
  count: number;
  kinds: Uint8Array;
  starts: Int32Array;
  ends: Int32Array;
}

const C = {
  tab: 9,
  lf: 10,
  cr: 13,
  space: 32,
  slash: 47,
  star: 42,
  minus: 45,
  gt: 62,
  percent: 37,
  underscore: 95,
  d0: 48,
  d9: 57,
  a: 97,
  z: 122,
  A: 65,
  Z: 90,
} as const;

function isAsciiIdStart(c: number): boolean {
  return (c >= C.a && c <= C.z) || (c >= C.A && c <= C.Z) || c === C.underscore;
}
function isAsciiIdContinue(c: number): boolean {
  return isAsciiIdStart(c) || (c >= C.d0 && c <= C.d9) || c === C.minus;
}
const XID_START = /^[\p{ID_Start}]$/u;
const XID_CONTINUE = /^[\p{ID_Continue}]$/u;

/** Code points wit-parser refuses anywhere (bidi overrides, discouraged letters). */
const FORBIDDEN = new Set([0x202a, 0x202b, 0x202c, 0x202d, 0x202e, 0x2066, 0x2067, 0x2068, 0x2069, 0x149, 0x673, 0xf77, 0xf79, 0x17a3, 0x17a4, 0x17b4, 0x17b5]);

function isControl(c: number): boolean {
  return (c < 0x20 && c !== C.tab && c !== C.lf && c !== C.cr) || (c >= 0x7f && c <= 0x9f);
}

export function tokenize(source: string, file: string, options: WitOptions = {}): Tokens {
  const oldFloats = options.oldFloatNames === true;
  const fail = (message: string, at: number): never => {
    throw new WitError(message, file, source, at);
  };
  checkForbidden(source, fail);
  const n = source.length;
  let cap = Math.max(16, n >> 2);
  let kinds = new Uint8Array(cap);
  let starts = new Int32Array(cap);
  let ends = new Int32Array(cap);
  let count = 0;
  const push = (kind: TokKind, start: number, end: number): void => {
    if (count === cap) {
      cap *= 2;
      const k = new Uint8Array(cap);
      k.set(kinds);
      kinds = k;
      const s = new Int32Array(cap);
      s.set(starts);
      starts = s;
      const e = new Int32Array(cap);
      e.set(ends);
      ends = e;
    }
    kinds[count] = kind;
    starts[count] = start;
    ends[count] = end;
    count++;
  };

  let i = source.charCodeAt(0) === 0xfeff ? 1 : 0;
  while (i < n) {
    const c = source.charCodeAt(i);
    if (c === C.space || c === C.lf || c === C.tab) {
      i++;
      continue;
    }
    if (c === C.cr) {
      if (source.charCodeAt(i + 1) === C.lf) {
        i += 2;
        continue;
      }
      fail("unexpected character '\\r'", i);
    }
    const start = i;
    if (c === C.slash) {
      const next = source.charCodeAt(i + 1);
      if (next === C.slash) {
        const nl = source.indexOf('\n', i);
        i = nl === -1 ? n : nl + 1;
      } else if (next === C.star) {
        i = skipBlockComment(source, i, fail);
      } else {
        push(Tok.Slash, i, ++i);
      }
      continue;
    }
    const punct = PUNCT[c];
    if (punct !== undefined) {
      push(punct, i, ++i);
      continue;
    }
    if (c === C.minus) {
      if (source.charCodeAt(i + 1) === C.gt) {
        push(Tok.RArrow, i, i + 2);
        i += 2;
      } else push(Tok.Minus, i, ++i);
      continue;
    }
    if (c >= C.d0 && c <= C.d9) {
      i++;
      while (i < n) {
        const d = source.charCodeAt(i);
        if (d < C.d0 || d > C.d9) break;
        i++;
      }
      push(Tok.Integer, start, i);
      continue;
    }
    if (c === C.percent) {
      i++;
      if (i < n && isIdStartAt(source, i)) i = scanIdRest(source, i + 1);
      const bad = validateIdAt(source, start + 1, i);
      if (bad) fail(bad, start);
      push(Tok.ExplicitId, start, i);
      continue;
    }
    if (isIdStartAt(source, i)) {
      i = scanIdRest(source, i + 1);
      const kw = keywordAt(source, start, i) ?? (oldFloats ? oldFloatKeyword(source, start, i) : undefined);
      if (kw !== undefined) {
        push(kw, start, i);
        continue;
      }
      const bad = validateIdAt(source, start, i);
      if (bad) fail(bad, start);
      push(Tok.Id, start, i);
      continue;
    }
    // A byte that is not UTF-8 arrives as a lone surrogate U+DC80–U+DCFF (src/fs/utf8.ts): name the byte.
    if (c >= 0xdc80 && c <= 0xdcff) fail(`invalid UTF-8: byte 0x${(c & 0xff).toString(16).padStart(2, '0')} is not part of a character`, i);
    fail(`unexpected character ${JSON.stringify(String.fromCodePoint(source.codePointAt(i) ?? c))}`, i);
  }
  push(Tok.Eof, n, n);
  return { source, file, count, kinds, starts, ends };
}

/** Control codes (other than tab, LF, CR) and the forbidden code points, found by one native scan. */
const SUSPICIOUS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u0149\u0673\u0f77\u0f79\u17a3\u17a4\u17b4\u17b5\u202a-\u202e\u2066-\u2069]/;

function checkForbidden(source: string, fail: (m: string, at: number) => never): void {
  const i = source.search(SUSPICIOUS);
  if (i === -1) return;
  const c = source.charCodeAt(i);
  if (isControl(c)) fail(`control code '\\u{${c.toString(16)}}'`, i);
  if (FORBIDDEN.has(c)) fail(`code point '\\u{${c.toString(16)}}' is not allowed in WIT`, i);
}

function skipBlockComment(source: string, from: number, fail: (m: string, at: number) => never): number {
  let depth = 1;
  let i = from + 2;
  while (depth > 0) {
    if (i >= source.length) fail('unterminated block comment', from);
    const c = source.charCodeAt(i);
    if (c === C.slash && source.charCodeAt(i + 1) === C.star) {
      depth++;
      i += 2;
    } else if (c === C.star && source.charCodeAt(i + 1) === C.slash) {
      depth--;
      i += 2;
    } else i++;
  }
  return i;
}

function isIdStartAt(source: string, i: number): boolean {
  const c = source.charCodeAt(i);
  if (c < 128) return isAsciiIdStart(c);
  return XID_START.test(String.fromCodePoint(source.codePointAt(i)!));
}

function scanIdRest(source: string, from: number): number {
  let i = from;
  for (;;) {
    const c = source.charCodeAt(i);
    if (c < 128) {
      if (!isAsciiIdContinue(c)) return i;
      i++;
    } else {
      if (Number.isNaN(c)) return i;
      const cp = source.codePointAt(i)!;
      if (!XID_CONTINUE.test(String.fromCodePoint(cp))) return i;
      i += cp > 0xffff ? 2 : 1;
    }
  }
}

function invalidChar(id: string, i: number): string {
  return `invalid character in identifier '${String.fromCodePoint(id.codePointAt(i)!)}'`;
}

/**
 * wit-parser's identifier rule: `-`-separated parts, none empty; the first part starts with a
 * letter; each part is all lowercase or all uppercase (digits anywhere else). Returns the
 * problem, or undefined when valid.
 */
export function validateId(id: string): string | undefined {
  return validateIdAt(id, 0, id.length);
}

/** `validateId` on `source[start, end)` without copying it. */
function validateIdAt(source: string, start: number, end: number): string | undefined {
  if (start === end) return 'empty identifier';
  let partStart = true;
  let first = true;
  let caseOfPart = 0; // 0 none yet, 1 lower, 2 upper
  for (let i = start; i < end; i++) {
    const c = source.charCodeAt(i);
    if (c === C.minus) {
      if (partStart) return "identifiers must have characters between '-'s";
      partStart = true;
      first = false;
      caseOfPart = 0;
      continue;
    }
    const isDigit = c >= C.d0 && c <= C.d9;
    const isLower = c >= C.a && c <= C.z;
    const isUpper = c >= C.A && c <= C.Z;
    if (!isDigit && !isLower && !isUpper) return invalidChar(source, i);
    if (partStart && first && isDigit) return invalidChar(source, i);
    partStart = false;
    if (isLower || isUpper) {
      const k = isLower ? 1 : 2;
      if (caseOfPart !== 0 && caseOfPart !== k) return invalidChar(source, i);
      caseOfPart = k;
    }
  }
  if (partStart) return "identifiers must have characters between '-'s";
  return undefined;
}
