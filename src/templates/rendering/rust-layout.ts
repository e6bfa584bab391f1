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
  /** `Name { field: value, … }` */
  | { kind: 'struct'; name: string; fields: [string, RustExpr][] }
  /** `open` args `close`: `Some(…)`, `vec![…]`, `&[…]`, `(…)`, `x.f(…)`, `[…]`. */
  | { kind: 'list'; open: string; close: string; items: RustExpr[]; limit: number; oneTrailingComma?: boolean }
  /** `&expr` */
  | { kind: 'ref'; expr: RustExpr };

export const MAX_WIDTH = 100;
const STRUCT_LIT_WIDTH = 18;
/** rustfmt's fn_call_width, array_width (the tuple and macro forms follow them too). */
export const CALL_WIDTH = 60;
const INDENT = '    ';

export const atom = (text: string): RustExpr => ({ kind: 'atom', text });
export const call = (callee: string, args: RustExpr[]): RustExpr => ({ kind: 'list', open: `${callee}(`, close: ')', items: args, limit: CALL_WIDTH });
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

/** Whether rustfmt keeps `e` on one line wherever it fits (its own width limit). */
function keepsOneLine(e: RustExpr): boolean {
  switch (e.kind) {
    case 'atom':
      return true;
    case 'struct':
      return structBody(e).length <= STRUCT_LIT_WIDTH && e.fields.every(([, v]) => keepsOneLine(v));
    case 'list':
      return listBody(e).length <= e.limit && e.items.every(keepsOneLine);
    case 'ref':
      return keepsOneLine(e.expr);
  }
}

/**
 * `let` bindings for values that would break over lines inside another expression: `bind`
 * returns an expression that is one line (the value itself, or the name of a new `let`).
 */
export class Bindings {
  readonly statements: string[][] = [];

  constructor(
    private readonly indent: number,
    private readonly fresh: (base: string) => string,
  ) {}

  /** `e` itself when it stays on one line inside a list or a field, else a `let` holding it (`&name` for a reference). */
  inline(e: RustExpr, base: string): RustExpr {
    if (e.kind === 'ref') {
      const inner = this.inline(e.expr, base);
      return inner.kind === 'atom' ? atom(`&${inner.text}`) : refTo(inner);
    }
    const simple = this.simplify(e);
    if (keepsOneLine(simple)) return simple;
    const name = this.fresh(base);
    this.statements.push(letLines(name, simple, this.indent));
    return atom(name);
  }

  /** `e` with every member that would not stay on one line bound first. */
  simplify(e: RustExpr): RustExpr {
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
}

/** A name for a bound value: the struct's type in snake case, else `value`. */
function baseName(e: RustExpr): string {
  const inner = e.kind === 'ref' ? e.expr : e;
  if (inner.kind !== 'struct') return 'value';
  const last = inner.name.split('::').pop() ?? 'value';
  return last.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase();
}

/**
 * `<head><expr><tail>` at `indent` spaces (members already one-line, as `Bindings.simplify`
 * leaves them). For the right-hand side of a `let` (`rhs`), rustfmt moves an expression that is
 * too long for the first line to the next one when it fits there on one line.
 */
export function statementLines(head: string, e: RustExpr, tail: string, indent: number, rhs = false): string[] {
  const pad = ' '.repeat(indent);
  const flat = `${pad}${head}${oneLine(e)}${tail}`;
  if (e.kind === 'atom' || (flat.length <= MAX_WIDTH && keepsOneLine(e))) return [flat];
  const next = `${pad}${INDENT}${oneLine(e)}${tail}`;
  if (rhs && keepsOneLine(e) && next.length <= MAX_WIDTH) return [`${pad}${head.trimEnd()}`, next];
  if (e.kind === 'ref') return statementLines(`${head}&`, e.expr, tail, indent);
  const inner = pad + INDENT;
  if (e.kind === 'struct') return [`${pad}${head}${e.name} {`, ...e.fields.map((f) => `${inner}${field(f)},`), `${pad}}${tail}`];
  return [`${pad}${head}${e.open}`, ...e.items.map((item) => `${inner}${oneLine(item)},`), `${pad}${e.close}${tail}`];
}

/** `let name = e;` */
export function letLines(name: string, e: RustExpr, indent: number): string[] {
  return statementLines(`let ${name} = `, e, ';', indent, true);
}

/**
 * A `use` item as rustfmt writes it: names sorted (snake_case, then CamelCase, then
 * SCREAMING_CASE), one line when it fits, else the names packed into indented lines.
 */
export function useLine(path: string, names: string[]): string {
  const sorted = [...new Set(names)].sort(compareUseNames);
  if (sorted.length === 1) return `use ${path}::${sorted[0]};`;
  const flat = `use ${path}::{${sorted.join(', ')}};`;
  if (flat.length <= MAX_WIDTH) return flat;
  const lines: string[] = [];
  let line = '';
  for (const name of sorted) {
    const next = line ? `${line} ${name},` : `${INDENT}${name},`;
    if (next.length > MAX_WIDTH && line) {
      lines.push(line);
      line = `${INDENT}${name},`;
    } else line = next;
  }
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
