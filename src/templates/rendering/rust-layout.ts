/**
 * Rust expressions and statements laid out the way rustfmt 1.x lays them out with its default
 * settings (max_width 100, struct_lit_width 18, fn_call_width / array_width 60), so that the
 * Rust callers we write are rustfmt-clean. Only the forms the example calls use are covered,
 * and they are kept in the shapes whose layout is simple: a struct literal or call that would
 * break over lines inside another expression is first bound to a `let` of its own (`Bindings`),
 * so every argument list holds one-line arguments and rustfmt never "overflows" one.
 */

export type RustExpr =
  /** Anything that is one line as it is: a literal, a path, `&name`. */
  | { kind: 'atom'; text: string }
  /** `Name { field: value, … }`; `hint` names a `let` that binds it. */
  | { kind: 'struct'; name: string; fields: [string, RustExpr][]; hint?: string }
  /** `open` args `close`: `Some(…)`, `vec![…]`, `&[…]`, `(…)`, `x.f(…)` (with its `receiver`), `[…]`. */
  | { kind: 'list'; open: string; close: string; items: RustExpr[]; limit: number; oneTrailingComma?: boolean; receiver?: string; hint?: string }
  /** `&expr` */
  | { kind: 'ref'; expr: RustExpr };

export const MAX_WIDTH = 100;
const STRUCT_LIT_WIDTH = 18;
/** rustfmt's fn_call_width, array_width (the tuple and macro forms follow them too). */
export const CALL_WIDTH = 60;
const INDENT = '    ';

export const atom = (text: string): RustExpr => ({ kind: 'atom', text });
/** `callee(args)`; a method call on a plain name (`x.f`) is a chain rustfmt may break before the dot. */
export const call = (callee: string, args: RustExpr[]): RustExpr => {
  const receiver = /^([a-z_][a-z0-9_]*)\.[a-z_][a-z0-9_]*$/.exec(callee)?.[1];
  return { kind: 'list', open: `${callee}(`, close: ')', items: args, limit: CALL_WIDTH, ...(receiver ? { receiver } : {}) };
};
export const vecOf = (items: RustExpr[]): RustExpr => ({ kind: 'list', open: 'vec![', close: ']', items, limit: CALL_WIDTH });
export const sliceOf = (items: RustExpr[]): RustExpr => ({ kind: 'list', open: '&[', close: ']', items, limit: CALL_WIDTH });
export const arrayOf = (items: RustExpr[]): RustExpr => ({ kind: 'list', open: '[', close: ']', items, limit: CALL_WIDTH });
export const tupleOf = (items: RustExpr[]): RustExpr => ({ kind: 'list', open: '(', close: ')', items, limit: CALL_WIDTH, oneTrailingComma: true });
export const structOf = (name: string, fields: [string, RustExpr][]): RustExpr => ({ kind: 'struct', name, fields });
export const refTo = (expr: RustExpr): RustExpr => ({ kind: 'ref', expr });

/** The one-line form (what rustfmt keeps when it fits its limits). */
export function oneLine(e: RustExpr): string {
  switch (e.kind) {
    case 'atom':
      return e.text;
    case 'struct':
      return e.fields.length === 0 ? `${e.name} {}` : `${e.name} { ${structBody(e)} }`;
    case 'list':
      return `${e.open}${listBody(e)}${e.close}`;
    case 'ref':
      return `&${oneLine(e.expr)}`;
  }
}

const field = ([name, value]: [string, RustExpr]): string => {
  const text = oneLine(value);
  // rustfmt leaves `name: name` alone (use_field_init_shorthand is off); we write the shorthand.
  return text === name ? name : `${name}: ${text}`;
};
const structBody = (e: Extract<RustExpr, { kind: 'struct' }>): string => e.fields.map(field).join(', ');
const listBody = (e: Extract<RustExpr, { kind: 'list' }>): string => {
  const body = e.items.map(oneLine).join(', ');
  return e.oneTrailingComma && e.items.length === 1 ? `${body},` : body;
};

/**
 * Whether rustfmt keeps `e` on one line wherever it fits: a struct literal within
 * struct_lit_width, a list within fn_call_width / array_width — except a list of one item,
 * which rustfmt keeps on the line whatever its width (we still bind a wide list in it first).
 */
function keepsOneLine(e: RustExpr): boolean {
  switch (e.kind) {
    case 'atom':
      return true;
    case 'struct':
      return structBody(e).length <= STRUCT_LIT_WIDTH && e.fields.every(([, v]) => keepsOneLine(v));
    case 'list': {
      if (!e.items.every(keepsOneLine)) return false;
      // One item stays on the line whatever its width, unless it is a list itself wider than the limit.
      const only = e.items.length === 1 ? e.items[0]! : undefined;
      return only ? unwrapRef(only).kind !== 'list' || oneLine(only).length <= e.limit : listBody(e).length <= e.limit;
    }
    case 'ref':
      return keepsOneLine(e.expr);
  }
}

const unwrapRef = (e: RustExpr): RustExpr => (e.kind === 'ref' ? unwrapRef(e.expr) : e);

/**
 * The statements of one place in the code (at `indent` spaces), with `let` bindings for values
 * that would break over lines inside another expression: `statement` returns a statement's
 * lines after pushing the bindings it needs to `statements`.
 */
export class Bindings {
  readonly statements: string[][] = [];

  constructor(
    private readonly indent: number,
    private readonly fresh: (base: string) => string,
  ) {}

  /** `<head><e><tail>` laid out as rustfmt lays it out; `rhs`: `e` is the value of a `let`. */
  statement(head: string, e: RustExpr, tail: string, rhs = false): string[] {
    const pad = ' '.repeat(this.indent);
    const unbroken = (x: RustExpr): string[] | undefined => {
      const flat = `${pad}${head}${oneLine(x)}${tail}`;
      if (flat.length <= MAX_WIDTH && keepsOneLine(x)) return [flat];
      // A reference (`&[…]`) moved to the next line gets one column less (measured with rustfmt 1.9).
      const next = `${pad}${INDENT}${oneLine(x)}${tail}`;
      const limit = oneLine(x).startsWith('&') ? MAX_WIDTH - 1 : MAX_WIDTH;
      if (rhs && keepsOneLine(x) && next.length <= limit) return [`${pad}${head.trimEnd()}`, next];
      // An atom cannot break: too wide for either line, it stays where it is.
      return x.kind === 'atom' ? [flat] : undefined;
    };
    const simple = this.simplify(e);
    const kept = unbroken(simple);
    if (kept) return kept;
    // Too long: the lone member of a list gets its own `let` first when it is not a plain atom
    // (rustfmt would "overflow" it otherwise); a list of several members breaks one per line.
    const atoms = this.atomize(simple);
    const lines = unbroken(atoms) ?? broken(head, atoms, tail, pad);
    // A value whose first line does not fit after `let x = ` starts on the next line. A line of
    // its own already holds the tail; a call or list broken over lines may open on a full line,
    // a struct literal one column short of it (measured with rustfmt 1.9).
    const firstLimit = lines.length > 1 && unwrapRef(atoms).kind === 'struct' ? MAX_WIDTH - 1 : MAX_WIDTH;
    if (!rhs || lines[0]!.length <= firstLimit) return lines;
    // Members bound for the first line stay bound (binding `simple` again would leave unused `let`s).
    const deeper = this.atomize(atoms, pad + INDENT);
    return (deeper.kind === 'atom' ? undefined : unbroken(deeper)) ?? [`${pad}${head.trimEnd()}`, ...broken('', deeper, tail, pad + INDENT)];
  }

  /** `let name = e;` pushed, and the expression that names it (`&name` for a reference). */
  private bind(e: RustExpr, base: string): RustExpr {
    if (e.kind === 'ref') {
      const inner = this.bind(e.expr, base);
      return atom(`&${oneLine(inner)}`);
    }
    if (e.kind === 'atom') return e;
    const name = this.fresh(base);
    const lines = this.statement(`let ${name} = `, e, ';', true);
    this.statements.push(lines);
    return atom(name);
  }

  /** `e` itself when it stays on one line inside a list or a field, else bound. */
  private inline(e: RustExpr, base: string): RustExpr {
    if (e.kind === 'ref') {
      const inner = this.inline(e.expr, base);
      return inner.kind === 'atom' ? atom(`&${inner.text}`) : refTo(inner);
    }
    const simple = this.simplify(e);
    return keepsOneLine(simple) ? simple : this.bind(simple, base);
  }

  /** `e` with every member that would not stay on one line bound first. */
  private simplify(e: RustExpr): RustExpr {
    switch (e.kind) {
      case 'atom':
        return e;
      case 'struct':
        return { ...e, fields: e.fields.map(([n, v]) => [n, this.inline(v, n)]) };
      case 'list':
        return { ...e, items: e.items.map((item) => this.inline(item, baseName(item))) };
      case 'ref':
        return refTo(this.simplify(e.expr));
    }
  }

  /**
   * `e` ready to break: a lone list member bound (unless an atom), and every member or field too
   * wide for a line of its own (at `pad` + 4) bound.
   */
  private atomize(e: RustExpr, pad = ' '.repeat(this.indent)): RustExpr {
    // A method call's arguments may end up one level deeper (the call on a line of its own).
    const depth = e.kind === 'list' && e.receiver ? 2 : 1;
    const tooWide = (text: string) => pad.length + depth * INDENT.length + text.length + 1 > MAX_WIDTH;
    switch (e.kind) {
      case 'ref':
        return refTo(this.atomize(e.expr, pad));
      case 'atom':
        return e;
      case 'struct':
        return { ...e, fields: e.fields.map(([n, v]) => [n, tooWide(field([n, v])) ? this.bind(v, n) : v]) };
      case 'list':
        return { ...e, items: e.items.map((item) => (e.items.length === 1 || tooWide(oneLine(item)) ? this.bind(item, baseName(item)) : item)) };
    }
  }
}

/** `e` with a name for the `let` that may bind it. */
export const hinted = (e: RustExpr, hint: string): RustExpr => (e.kind === 'ref' ? refTo(hinted(e.expr, hint)) : e.kind === 'atom' ? e : { ...e, hint });

/** A name for a bound value: its hint, the struct's type in snake case, else `value`. */
function baseName(e: RustExpr): string {
  const inner = unwrapRef(e);
  if ((inner.kind === 'struct' || inner.kind === 'list') && inner.hint) return inner.hint;
  if (inner.kind !== 'struct') return 'value';
  const last = inner.name.split('::').pop() ?? 'value';
  return last.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase();
}

/**
 * `e` over several lines (its members one-line), as rustfmt breaks it. A method call (rustfmt's
 * chain rules, `format_last_child`): the arguments broken on the first line are kept when that
 * line fits (with the statement's tail) and they take five lines or more, else the call moves to
 * the next line (`recv` / `.f(…)`) when it does not fit or takes fewer lines there.
 */
function broken(head: string, e: RustExpr, tail: string, pad: string): string[] {
  if (e.kind !== 'list' || !e.receiver) return brokenInPlace(head, e, tail, pad);
  const sameLine = brokenInPlace(head, e, tail, pad);
  const fits = sameLine[0]!.length + tail.length <= MAX_WIDTH;
  if (fits && sameLine.length >= 5) return sameLine;
  const child = { ...e, open: e.open.slice(e.receiver.length) };
  delete child.receiver;
  const childPad = pad + INDENT;
  const childFlat = `${childPad}${oneLine(child)}${tail}`;
  const childLines = childFlat.length <= MAX_WIDTH && keepsOneLine(child) ? [childFlat] : brokenInPlace('', child, tail, childPad);
  if (!fits || childLines.length < sameLine.length) return [`${pad}${head}${e.receiver}`, ...childLines];
  return sameLine;
}

function brokenInPlace(head: string, e: RustExpr, tail: string, pad: string): string[] {
  const inner = pad + INDENT;
  switch (e.kind) {
    case 'atom':
      return [`${pad}${head}${e.text}${tail}`];
    case 'ref':
      return brokenInPlace(`${head}&`, e.expr, tail, pad);
    case 'struct':
      return [`${pad}${head}${e.name} {`, ...e.fields.flatMap((f) => fieldLines(f, inner)), `${pad}}${tail}`];
    case 'list':
      return [`${pad}${head}${e.open}`, ...listItemLines(e.items.map(oneLine), inner), `${pad}${e.close}${tail}`];
  }
}

/** `name: value,` — a value too wide for that line goes on the next one. */
function fieldLines(f: [string, RustExpr], inner: string): string[] {
  const line = `${inner}${field(f)},`;
  if (line.length <= MAX_WIDTH || field(f) === f[0]) return [line];
  return [`${inner}${f[0]}:`, `${inner}${INDENT}${oneLine(f[1])},`];
}

/** rustfmt's `short_array_element_width_threshold`. */
const SHORT_ITEM = 10;

/**
 * The items of a broken list: one per line, or — when every item is a literal or a plain name
 * (with `&`) no wider than 10 — packed into lines ("mixed", as rustfmt does), a comma after each.
 */
function listItemLines(items: string[], inner: string): string[] {
  const simple = items.every((item) => item.length <= SHORT_ITEM && /^&?(?:[A-Za-z_][A-Za-z0-9_]*|-?[0-9][0-9._]*|"[^"\\]*"|'[^'\\]')$/.test(item));
  if (!simple) return items.map((item) => `${inner}${item},`);
  const lines: string[] = [];
  let line = '';
  for (const item of items) {
    const next = line ? `${line} ${item},` : `${inner}${item},`;
    if (next.length > MAX_WIDTH && line) {
      lines.push(line);
      line = `${inner}${item},`;
    } else line = next;
  }
  lines.push(line);
  return lines;
}

/**
 * A `use` item as rustfmt writes it: names sorted (snake_case, then CamelCase, then
 * SCREAMING_CASE), one line when it fits, else the names packed into indented lines.
 */
export function useLine(path: string, names: string[]): string {
  const sorted = [...new Set(names)].sort(compareUseNames);
  if (sorted.length === 1) return `use ${path}::${sorted[0]};`;
  const flat = `use ${path}::{${sorted.join(', ')}};`;
  // rustfmt breaks a `use` list two columns early (measured with rustfmt 1.9).
  if (flat.length <= MAX_WIDTH - 2) return flat;
  const lines: string[] = [];
  const oneItemLine = `${INDENT}${sorted.join(', ')},`;
  if (oneItemLine.length <= MAX_WIDTH) return [`use ${path}::{`, oneItemLine, '};'].join('\n');
  // Packed over several lines, each line is one column narrower (measured with rustfmt 1.9).
  let line = '';
  sorted.forEach((name) => {
    const next = line ? `${line} ${name},` : `${INDENT}${name},`;
    if (next.length > MAX_WIDTH - 1 && line) {
      lines.push(line);
      line = `${INDENT}${name},`;
    } else line = next;
  });
  lines.push(line);
  return [`use ${path}::{`, ...lines, '};'].join('\n');
}

const useCategory = (name: string): number => (name === 'self' ? 0 : /^[a-z_]/.test(name) ? 1 : name === name.toUpperCase() ? 3 : 2);

function compareUseNames(a: string, b: string): number {
  return useCategory(a) - useCategory(b) || (a < b ? -1 : a > b ? 1 : 0);
}

/** `use` lines sorted as rustfmt sorts one group (`crate::` first, then by path). */
export function sortUseLines(lines: string[]): string[] {
  const key = (line: string) => {
    const path = line.replace(/^use /, '');
    return path.startsWith('crate::') ? `0${path}` : `1${path}`;
  };
  return [...lines].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
}
