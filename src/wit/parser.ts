/**
 * Recursive-descent WIT parser over the lexer's token arrays, following wit-parser's `ast.rs`
 * grammar: package header, nested package blocks, interfaces, worlds, `use`, types, resources,
 * feature gates and doc comments. Produces the syntax tree of `ast.ts` with source spans.
 */
import type * as A from './ast.js';
import { WitError } from './errors.js';
import { Tok, describeToken, tokenize, type TokKind, type Tokens, type WitOptions } from './lexer.js';

/** Parses one `.wit` file. Throws `WitError` on any syntax error. */
export function parseWitFile(path: string, source: string, options: WitOptions = {}): A.WitFile {
  return new Parser(tokenize(source, path, options)).file();
}

/** Same as `parseWitFile`, with the text first. */
export function parseWitText(text: string, fileName = '<text>', options: WitOptions = {}): A.WitFile {
  return parseWitFile(fileName, text, options);
}

const PRIMITIVES = new Map<TokKind, A.PrimitiveName>([
  [Tok.Bool, 'bool'],
  [Tok.U8, 'u8'],
  [Tok.U16, 'u16'],
  [Tok.U32, 'u32'],
  [Tok.U64, 'u64'],
  [Tok.S8, 's8'],
  [Tok.S16, 's16'],
  [Tok.S32, 's32'],
  [Tok.S64, 's64'],
  [Tok.F32, 'f32'],
  [Tok.F64, 'f64'],
  [Tok.Char, 'char'],
  [Tok.String, 'string'],
]);

/** Kinds that are out of scope (component-model async / later additions): rejected with a clear message. */
const UNSUPPORTED = new Map<TokKind, string>([
  [Tok.Future, '`future` types'],
  [Tok.Stream, '`stream` types'],
  [Tok.ErrorContext, '`error-context`'],
  [Tok.Async, '`async` functions'],
  [Tok.Map, '`map` types'],
]);

const SEMVER =
  /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-((?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\.(?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?(?:\+([0-9a-zA-Z-]+(?:\.[0-9a-zA-Z-]+)*))?$/;

const NO_DOCS: A.Docs = { lines: [] };

/** Deeper type nesting is refused (keeps recursion far from the stack limit). */
const MAX_TYPE_DEPTH = 500;

class Parser {
  private p = 0;
  private typeDepth = 0;
  private readonly kinds: Uint8Array;
  private readonly starts: Int32Array;
  private readonly ends: Int32Array;
  private readonly src: string;

  constructor(private readonly t: Tokens) {
    this.kinds = t.kinds;
    this.starts = t.starts;
    this.ends = t.ends;
    this.src = t.source;
  }

  // ---- token helpers ----------------------------------------------------------------------

  private peek(offset = 0): TokKind {
    const i = this.p + offset;
    return (i < this.t.count ? this.kinds[i] : Tok.Eof) as TokKind;
  }

  private fail(message: string, at = this.starts[this.p]!): never {
    throw new WitError(message, this.t.file, this.src, at);
  }

  private failExpected(what: string): never {
    return this.fail(`expected ${what}, found ${describeToken(this.peek())}`);
  }

  private eat(kind: TokKind): boolean {
    if (this.kinds[this.p] === kind) {
      this.p++;
      return true;
    }
    return false;
  }

  /** Consumes `kind` and returns its start offset. */
  private expect(kind: TokKind): number {
    if (this.kinds[this.p] !== kind) this.failExpected(describeToken(kind));
    return this.starts[this.p++]!;
  }

  /** End offset of the previous token. */
  private lastEnd(): number {
    return this.p > 0 ? this.ends[this.p - 1]! : 0;
  }

  private id(): A.Id {
    const k = this.kinds[this.p];
    const start = this.starts[this.p]!;
    const end = this.ends[this.p]!;
    if (k === Tok.Id) {
      this.p++;
      return { name: this.src.slice(start, end), span: { start, end } };
    }
    if (k === Tok.ExplicitId) {
      this.p++;
      return { name: this.src.slice(start + 1, end), span: { start, end } };
    }
    const unsupported = UNSUPPORTED.get(k as TokKind);
    if (unsupported) this.fail(`${unsupported} are not supported here (WASI 0.3 syntax is out of scope)`);
    if ((k === Tok.F32 || k === Tok.F64) && end - start === 7) {
      const word = this.src.slice(start, end);
      this.fail(`expected an identifier, found \`${word}\`, the old name of the type ${k === Tok.F32 ? 'f32' : 'f64'} (as Golem reads WIT); write \`%${word}\` for a name`);
    }
    return this.failExpected('an identifier');
  }

  private semicolon(): number {
    this.expect(Tok.Semicolon);
    return this.lastEnd();
  }

  /** `start item (, item)* ,? end`; returns the items and the end token's end offset. */
  private list<T>(open: TokKind, close: TokKind, item: () => T): T[] {
    this.expect(open);
    const out: T[] = [];
    for (;;) {
      if (this.eat(close)) return out;
      out.push(item());
      if (!this.eat(Tok.Comma)) {
        this.expect(close);
        return out;
      }
    }
  }

  // ---- docs and gates -----------------------------------------------------------------------

  /** Doc comments in the gap before the current token, and where leading comments start. */
  private docs(): { docs: A.Docs; docsStart: number } {
    const gapEnd = this.starts[this.p]!;
    const gapStart = this.lastEnd();
    if (gapStart === gapEnd) return { docs: NO_DOCS, docsStart: gapEnd };
    const src = this.src;
    const lines: string[] = [];
    let docsStart = gapEnd;
    // Comments on the previous token's line belong to it, not to this item.
    let sawNewline = this.p === 0;
    let i = gapStart;
    while (i < gapEnd) {
      const c = src.charCodeAt(i);
      if (c === 10) {
        sawNewline = true;
        i++;
        continue;
      }
      if (c !== 47) {
        i++;
        continue;
      }
      const start = i;
      let end: number;
      if (src.charCodeAt(i + 1) === 47) {
        const nl = src.indexOf('\n', i);
        end = nl === -1 || nl > gapEnd ? gapEnd : nl;
        const text = src.slice(start, end);
        if (text.startsWith('///')) lines.push(text.replace(/^\/+/, '').trimEnd());
      } else {
        end = blockEnd(src, i);
        const text = src.slice(start, end);
        if (text.startsWith('/**') && text.length > 4) lines.push(text.slice(3, -2).trimEnd());
      }
      if (sawNewline || lines.length > 0) docsStart = Math.min(docsStart, start);
      i = end;
    }
    return { docs: lines.length ? { lines } : NO_DOCS, docsStart };
  }

  private gates(): A.Gate[] {
    if (this.kinds[this.p] !== Tok.At) return [];
    const gates: A.Gate[] = [];
    while (this.kinds[this.p] === Tok.At) {
      const start = this.starts[this.p++]!;
      const name = this.id();
      this.expect(Tok.LeftParen);
      const keyword = (word: string): void => {
        const k = this.id();
        if (k.name !== word) this.fail(`expected \`${word}\`, found \`${k.name}\``, k.span.start);
        this.expect(Tok.Equals);
      };
      let gate: A.Gate;
      if (name.name === 'since' || name.name === 'deprecated') {
        keyword('version');
        const version = this.version();
        this.expect(Tok.RightParen);
        gate = { kind: name.name, version, span: { start, end: this.lastEnd() } };
      } else if (name.name === 'unstable') {
        keyword('feature');
        const feature = this.id().name;
        this.expect(Tok.RightParen);
        gate = { kind: 'unstable', feature, span: { start, end: this.lastEnd() } };
      } else {
        return this.fail(`unknown attribute \`${name.name}\``, name.span.start);
      }
      gates.push(gate);
    }
    return gates;
  }

  /** `1.2.3[-pre][+build]` (tokens must be adjacent, as wit-parser checks the span's text). */
  private version(): string {
    const start = this.expect(Tok.Integer);
    this.expect(Tok.Period);
    this.expect(Tok.Integer);
    this.expect(Tok.Period);
    this.expect(Tok.Integer);
    let end = this.lastEnd();
    for (const prefix of [Tok.Minus, Tok.Plus] as const) {
      if (!this.eat(prefix)) continue;
      end = this.lastEnd();
      for (;;) {
        const k = this.peek();
        if (k === Tok.Id || k === Tok.Integer || k === Tok.Minus) {
          this.p++;
          end = this.lastEnd();
          continue;
        }
        if (k === Tok.Period && (this.peek(1) === Tok.Id || this.peek(1) === Tok.Integer)) {
          this.p += 2;
          end = this.lastEnd();
          continue;
        }
        break;
      }
    }
    const text = this.src.slice(start, end);
    if (!SEMVER.test(text)) this.fail(`invalid version \`${text}\`: expected semver like 1.2.3`, start);
    return text;
  }

  // ---- file and packages ----------------------------------------------------------------------

  file(): A.WitFile {
    const file: A.WitFile = { path: this.t.file, source: this.src, items: [] };
    // `package a:b;` is the header; `package a:b { … }` is a nested package item.
    if (this.peek() === Tok.Package) {
      const save = this.p;
      const { docs, docsStart } = this.docs();
      const start = this.expect(Tok.Package);
      const name = this.packageName();
      if (this.peek() === Tok.Semicolon) {
        const end = this.semicolon();
        file.package = { name, docs, gates: [], span: { start, end }, docsStart };
      } else {
        this.p = save;
      }
    }
    while (this.peek() !== Tok.Eof) file.items.push(this.topItem(true));
    return file;
  }

  private packageName(): A.PackageName {
    const ns = this.id();
    this.expect(Tok.Colon);
    const name = this.id();
    const version = this.eat(Tok.At) ? this.version() : undefined;
    return { namespace: ns.name, name: name.name, version, span: { start: ns.span.start, end: this.lastEnd() } };
  }

  private topItem(allowNested: boolean): A.PackageItem | A.NestedPackage {
    const { docs, docsStart } = this.docs();
    const gates = this.gates();
    switch (this.peek()) {
      case Tok.Interface:
        return this.interface(docs, gates, docsStart);
      case Tok.World:
        return this.world(docs, gates, docsStart);
      case Tok.Use:
        return this.toplevelUse(docs, gates, docsStart);
      case Tok.Package:
        if (!allowNested) this.fail('nested packages must be placed at the top-level');
        return this.nestedPackage(docs, gates, docsStart);
      default:
        return this.failExpected('`world`, `interface` or `use`');
    }
  }

  private nestedPackage(docs: A.Docs, gates: A.Gate[], docsStart: number): A.NestedPackage {
    const start = this.expect(Tok.Package);
    const name = this.packageName();
    this.expect(Tok.LeftBrace);
    const items: A.PackageItem[] = [];
    while (this.peek() !== Tok.RightBrace) {
      if (this.peek() === Tok.Eof) this.failExpected("'}'");
      items.push(this.topItem(false) as A.PackageItem);
    }
    const closeStart = this.expect(Tok.RightBrace);
    const closeBrace = { start: closeStart, end: closeStart + 1 };
    return { kind: 'nested-package', name, items, closeBrace, docs, gates, span: { start, end: closeBrace.end }, docsStart };
  }

  private toplevelUse(docs: A.Docs, gates: A.Gate[], docsStart: number): A.ToplevelUse {
    const start = this.expect(Tok.Use);
    const item = this.usePath();
    const as = this.eat(Tok.As) ? this.id() : undefined;
    const end = this.semicolon();
    return { kind: 'toplevel-use', item, as, docs, gates, span: { start, end }, docsStart };
  }

  private usePath(): A.UsePath {
    const first = this.id();
    if (!this.eat(Tok.Colon)) return { kind: 'local', name: first, span: first.span };
    const pkg = this.id();
    this.expect(Tok.Slash);
    const name = this.id();
    const version = this.eat(Tok.At) ? this.version() : undefined;
    const end = this.lastEnd();
    return {
      kind: 'package',
      package: { namespace: first.name, name: pkg.name, version, span: { start: first.span.start, end: pkg.span.end } },
      name,
      span: { start: first.span.start, end },
    };
  }

  // ---- interfaces ---------------------------------------------------------------------------

  private interface(docs: A.Docs, gates: A.Gate[], docsStart: number): A.Interface {
    const start = this.expect(Tok.Interface);
    const name = this.id();
    const { items, end } = this.interfaceBody();
    return { kind: 'interface', name, items, docs, gates, span: { start, end }, docsStart };
  }

  private interfaceBody(): { items: A.InterfaceItem[]; end: number; closeBrace: A.Span } {
    this.expect(Tok.LeftBrace);
    const items: A.InterfaceItem[] = [];
    while (this.peek() !== Tok.RightBrace) items.push(this.interfaceItem());
    const closeStart = this.starts[this.p++]!;
    return { items, end: closeStart + 1, closeBrace: { start: closeStart, end: closeStart + 1 } };
  }

  private interfaceItem(): A.InterfaceItem {
    const { docs, docsStart } = this.docs();
    const gates = this.gates();
    const k = this.peek();
    if (k === Tok.Use) return this.use(docs, gates, docsStart);
    const typeDef = this.typeDef(docs, gates, docsStart);
    if (typeDef) return typeDef;
    if (k === Tok.Id || k === Tok.ExplicitId) {
      const start = this.starts[this.p]!;
      const name = this.id();
      this.expect(Tok.Colon);
      const func = this.funcType();
      const end = this.semicolon();
      return { kind: 'func', name, func, docs, gates, span: { start, end }, docsStart };
    }
    return this.failExpected('`type`, `resource` or `func`');
  }

  private use(docs: A.Docs, gates: A.Gate[], docsStart: number): A.Use {
    const start = this.expect(Tok.Use);
    const from = this.usePath();
    this.expect(Tok.Period);
    const names = this.list(Tok.LeftBrace, Tok.RightBrace, () => {
      const name = this.id();
      return this.eat(Tok.As) ? { name, as: this.id() } : { name };
    });
    const end = this.semicolon();
    return { kind: 'use', from, names, docs, gates, span: { start, end }, docsStart };
  }

  /** A type definition if the current token starts one, else undefined. */
  private typeDef(docs: A.Docs, gates: A.Gate[], docsStart: number): A.TypeDef | undefined {
    const start = this.starts[this.p]!;
    const base = (end: number) => ({ docs, gates, span: { start, end }, docsStart });
    switch (this.peek()) {
      case Tok.Type: {
        this.p++;
        const name = this.id();
        this.expect(Tok.Equals);
        const type = this.type();
        return { kind: 'alias', name, type, ...base(this.semicolon()) };
      }
      case Tok.Record: {
        this.p++;
        const name = this.id();
        const fields = this.list(Tok.LeftBrace, Tok.RightBrace, () => {
          const d = this.docs();
          const fStart = this.starts[this.p]!;
          const fname = this.id();
          this.expect(Tok.Colon);
          const type = this.type();
          return { name: fname, type, docs: d.docs, gates: [], span: { start: fStart, end: this.lastEnd() }, docsStart: d.docsStart };
        });
        return { kind: 'record', name, fields, ...base(this.lastEnd()) };
      }
      case Tok.Variant: {
        this.p++;
        const name = this.id();
        const cases = this.list(Tok.LeftBrace, Tok.RightBrace, () => {
          const d = this.docs();
          const cStart = this.starts[this.p]!;
          const cname = this.id();
          let type: A.TypeRef | undefined;
          if (this.eat(Tok.LeftParen)) {
            type = this.type();
            this.expect(Tok.RightParen);
          }
          return { name: cname, type, docs: d.docs, gates: [], span: { start: cStart, end: this.lastEnd() }, docsStart: d.docsStart };
        });
        return { kind: 'variant', name, cases, ...base(this.lastEnd()) };
      }
      case Tok.Enum:
      case Tok.Flags: {
        const isEnum = this.peek() === Tok.Enum;
        this.p++;
        const name = this.id();
        const cases = this.list(Tok.LeftBrace, Tok.RightBrace, () => {
          const d = this.docs();
          const cname = this.id();
          return { name: cname, docs: d.docs, gates: [], span: cname.span, docsStart: d.docsStart };
        });
        return isEnum ? { kind: 'enum', name, cases, ...base(this.lastEnd()) } : { kind: 'flags', name, flags: cases, ...base(this.lastEnd()) };
      }
      case Tok.Resource: {
        this.p++;
        const name = this.id();
        if (this.eat(Tok.Semicolon)) return { kind: 'resource', name, funcs: [], hasBody: false, ...base(this.lastEnd()) };
        this.expect(Tok.LeftBrace);
        const funcs: A.ResourceFunc[] = [];
        while (!this.eat(Tok.RightBrace)) funcs.push(this.resourceFunc());
        return { kind: 'resource', name, funcs, hasBody: true, ...base(this.lastEnd()) };
      }
      default:
        return undefined;
    }
  }

  private resourceFunc(): A.ResourceFunc {
    const { docs, docsStart } = this.docs();
    const gates = this.gates();
    const start = this.starts[this.p]!;
    if (this.peek() === Tok.Constructor) {
      const name: A.Id = { name: 'constructor', span: { start, end: this.ends[this.p]! } };
      this.p++;
      const params = this.params();
      const result = this.eat(Tok.RArrow) ? this.type() : undefined;
      const func: A.FuncType = { params, result, span: { start: name.span.end, end: this.lastEnd() } };
      const end = this.semicolon();
      return { kind: 'constructor', name, func, docs, gates, span: { start, end }, docsStart };
    }
    const k = this.peek();
    if (k !== Tok.Id && k !== Tok.ExplicitId) this.failExpected('`constructor` or identifier');
    const name = this.id();
    this.expect(Tok.Colon);
    const isStatic = this.eat(Tok.Static);
    const func = this.funcType();
    const end = this.semicolon();
    return { kind: isStatic ? 'static' : 'method', name, func, docs, gates, span: { start, end }, docsStart };
  }

  private funcType(): A.FuncType {
    if (this.peek() === Tok.Async) this.fail('`async` functions are not supported (WASI 0.3 syntax is out of scope)');
    const start = this.expect(Tok.Func);
    const params = this.params();
    const result = this.eat(Tok.RArrow) ? this.type() : undefined;
    return { params, result, span: { start, end: this.lastEnd() } };
  }

  private params(): A.Param[] {
    return this.list(Tok.LeftParen, Tok.RightParen, () => {
      const name = this.id();
      this.expect(Tok.Colon);
      return { name, type: this.type() };
    });
  }

  private type(): A.TypeRef {
    if (++this.typeDepth > MAX_TYPE_DEPTH) this.fail(`type nested more than ${MAX_TYPE_DEPTH} levels deep`);
    try {
      return this.typeInner();
    } finally {
      this.typeDepth--;
    }
  }

  private typeInner(): A.TypeRef {
    const k = this.peek();
    const start = this.starts[this.p]!;
    const prim = PRIMITIVES.get(k);
    if (prim) {
      this.p++;
      return { kind: 'primitive', name: prim, span: { start, end: this.lastEnd() } };
    }
    switch (k) {
      case Tok.Id:
      case Tok.ExplicitId: {
        const name = this.id();
        return { kind: 'named', name, span: name.span };
      }
      case Tok.List:
      case Tok.Option: {
        this.p++;
        this.expect(Tok.LessThan);
        const element = this.type();
        if (k === Tok.List && this.peek() === Tok.Comma) this.fail('fixed-size lists are not supported');
        this.expect(Tok.GreaterThan);
        return { kind: k === Tok.List ? 'list' : 'option', element, span: { start, end: this.lastEnd() } };
      }
      case Tok.Tuple: {
        this.p++;
        const elements = this.list(Tok.LessThan, Tok.GreaterThan, () => this.type());
        return { kind: 'tuple', elements, span: { start, end: this.lastEnd() } };
      }
      case Tok.Own:
      case Tok.Borrow: {
        this.p++;
        this.expect(Tok.LessThan);
        const resource = this.id();
        this.expect(Tok.GreaterThan);
        return { kind: k === Tok.Own ? 'own' : 'borrow', resource, span: { start, end: this.lastEnd() } };
      }
      case Tok.Result: {
        this.p++;
        if (!this.eat(Tok.LessThan)) return { kind: 'result', span: { start, end: this.lastEnd() } };
        let ok: A.TypeRef | undefined;
        let err: A.TypeRef | undefined;
        if (this.eat(Tok.Underscore)) {
          this.expect(Tok.Comma);
          err = this.type();
        } else {
          ok = this.type();
          if (this.eat(Tok.Comma)) err = this.type();
        }
        this.expect(Tok.GreaterThan);
        return { kind: 'result', ok, err, span: { start, end: this.lastEnd() } };
      }
      default: {
        const unsupported = UNSUPPORTED.get(k);
        if (unsupported) this.fail(`${unsupported} are not supported (WASI 0.3 syntax is out of scope)`);
        return this.failExpected('a type');
      }
    }
  }

  // ---- worlds -------------------------------------------------------------------------------

  private world(docs: A.Docs, gates: A.Gate[], docsStart: number): A.World {
    const start = this.expect(Tok.World);
    const name = this.id();
    this.expect(Tok.LeftBrace);
    const items: A.WorldItem[] = [];
    while (this.peek() !== Tok.RightBrace) items.push(this.worldItem());
    const closeStart = this.starts[this.p++]!;
    const closeBrace = { start: closeStart, end: closeStart + 1 };
    return { kind: 'world', name, items, closeBrace, docs, gates, span: { start, end: closeBrace.end }, docsStart };
  }

  private worldItem(): A.WorldItem {
    const { docs, docsStart } = this.docs();
    const gates = this.gates();
    const start = this.starts[this.p]!;
    const k = this.peek();
    if (k === Tok.Import || k === Tok.Export) {
      this.p++;
      const ext = this.externKind();
      return { kind: k === Tok.Import ? 'import' : 'export', extern: ext, docs, gates, span: { start, end: this.lastEnd() }, docsStart };
    }
    if (k === Tok.Use) return this.use(docs, gates, docsStart);
    if (k === Tok.Include) {
      this.p++;
      const from = this.usePath();
      let withNames: { from: A.Id; to: A.Id }[] = [];
      if (this.eat(Tok.With)) {
        withNames = this.list(Tok.LeftBrace, Tok.RightBrace, () => {
          const from = this.id();
          this.expect(Tok.As);
          return { from, to: this.id() };
        });
      } else {
        this.semicolon();
      }
      return { kind: 'include', from, with: withNames, docs, gates, span: { start, end: this.lastEnd() }, docsStart };
    }
    const typeDef = this.typeDef(docs, gates, docsStart);
    if (typeDef) return typeDef;
    return this.failExpected('`import`, `export`, `include`, `use`, or type definition');
  }

  private externKind(): A.ExternKind {
    const k0 = this.peek();
    if ((k0 === Tok.Id || k0 === Tok.ExplicitId) && this.peek(1) === Tok.Colon) {
      const k2 = this.peek(2);
      if (k2 === Tok.Func || k2 === Tok.Async) {
        const name = this.id();
        this.p++;
        const func = this.funcType();
        this.semicolon();
        return { kind: 'func', name, func };
      }
      if (k2 === Tok.Interface) {
        const name = this.id();
        this.p += 2;
        const { items, closeBrace } = this.interfaceBody();
        return { kind: 'interface', name, items, closeBrace };
      }
    }
    const path = this.usePath();
    this.semicolon();
    return { kind: 'path', path };
  }
}

/** End offset of the (nested) block comment starting at `from`; the lexer has already validated it. */
function blockEnd(src: string, from: number): number {
  let depth = 1;
  let i = from + 2;
  while (depth > 0 && i < src.length) {
    if (src.charCodeAt(i) === 47 && src.charCodeAt(i + 1) === 42) {
      depth++;
      i += 2;
    } else if (src.charCodeAt(i) === 42 && src.charCodeAt(i + 1) === 47) {
      depth--;
      i += 2;
    } else i++;
  }
  return i;
}
