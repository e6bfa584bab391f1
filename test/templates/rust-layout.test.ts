/**
 * `let` statements laid out by src/templates/rendering/rust-layout.ts at the edge of rustfmt's
 * max_width (100), checked against rustfmt itself: the `;` counts on a line of its own, a broken
 * call or list may open on a full line, a broken struct literal one column short of it.
 */
import { describe, expect, it } from 'vitest';
import { atom, Bindings, call, type RustExpr, structOf } from '../../src/templates/rendering/rust-layout.js';
import { rustfmtProblem } from '../build/lib/rust-check.js';

/** The lines of `let <name> = <e>;` at 8 spaces, its bindings first, inside a function rustfmt can read. */
function layout(name: string, e: RustExpr): { lines: string[]; source: string } {
  let n = 0;
  const bindings = new Bindings(8, (base) => `${base}_${++n}`);
  const lines = bindings.statement(`let ${name} = `, e, ';', true);
  const all = [...bindings.statements.flat(), ...lines];
  return { lines, source: ['fn f() {', '    if x {', ...all, '    }', '}', ''].join('\n') };
}

const args = Array.from({ length: 6 }, (_, i) => atom(`argument_number_${i}`));
const fields = Array.from({ length: 6 }, (_, i): [string, RustExpr] => [`field_number_${i}`, atom(String(i))]);
/** A name that makes `        let <name> = <open>` `width` columns wide. */
const nameFor = (width: number, open: string) => 'x'.repeat(width - '        let  = '.length - open.length);

describe('rust-layout: a `let` at the edge of max_width', () => {
  it.each([98, 99, 100, 101])('a method call %i columns wide with its `;` once its argument is bound', (width) => {
    // Written out, `Kind::Case(12345678)` makes the line too wide even on a line of its own:
    // it is bound to `value_1` first.
    const method = `blocking_${'c'.repeat(width - '        let x = receiver.blocking_(value_1);'.length)}`;
    const { lines, source } = layout('x', call(`receiver.${method}`, [call('Kind::Case', [atom('12345678')])]));
    expect(lines.length, source).toBe(width <= 100 ? 1 : 2);
    expect(source.match(/let value_\d+ =/g), source).toEqual(['let value_1 =']);
    expect(rustfmtProblem(source), source).toBeUndefined();
  });

  it.each([99, 100, 101])('a broken call opening on a line %i columns wide', (width) => {
    const { lines, source } = layout(nameFor(width, 'make('), call('make', args));
    expect(lines[0]!.endsWith('make('), source).toBe(width <= 100);
    expect(rustfmtProblem(source), source).toBeUndefined();
  });

  it.each([98, 99, 100])('a broken struct literal opening on a line %i columns wide', (width) => {
    const { lines, source } = layout(nameFor(width, 'Point {'), structOf('Point', fields));
    expect(lines[0]!.endsWith('Point {'), source).toBe(width <= 99);
    expect(rustfmtProblem(source), source).toBeUndefined();
  });

  it.each([79, 80, 87, 88])('a path of %i characters, too wide for the line of its `let` from 80 on, moves to the next line while it fits there', (length) => {
    const { lines, source } = layout('value', atom(`some::path::${'n'.repeat(length - 12)}`));
    expect(lines, source).toHaveLength(length === 80 || length === 87 ? 2 : 1);
    expect(rustfmtProblem(source), source).toBeUndefined();
  });
});
