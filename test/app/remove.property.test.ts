/**
 * Properties of removing dependencies, on generated hand-written-looking manifests (either line
 * ending, 2- or 4-space indents, indented or flush lists, block or flow lists and maps, comments on
 * their own lines and after values, blank lines between sections, with or without a final newline):
 *   - removing a dependency leaves an app that loads with exactly the other dependencies, and a
 *     block-style file loses whole lines only, never gaining or changing one;
 *   - adding a new dependency and removing it again gives back the file byte for byte.
 */
import fc from 'fast-check';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { addDependency, findDependencies, loadApp, removeDependencies, type RpcDependencyType } from '../../src/app/index.js';
import { AppSession } from '../../src/app/session.js';
import { commitPlan } from '../../src/fs/plan.js';
import { tempDir } from '../helpers/cli.js';

const NAMES = ['a:x', 'a:y', 'a:z'] as const;

interface Shape {
  eol: '\n' | '\r\n';
  indent: number;
  seqIndented: boolean;
  finalEol: boolean;
  flowMap: boolean;
  gaps: boolean;
  entries: { caller: string; flow: boolean; items: [string, RpcDependencyType][] }[];
  comments: boolean[];
  pick: number;
  edit: { caller: string; target: string; type: RpcDependencyType };
}

const name = fc.constantFrom(...NAMES);
const type = fc.constantFrom<RpcDependencyType>('wasm-rpc', 'static-wasm-rpc');
const shape: fc.Arbitrary<Shape> = fc.record({
  eol: fc.constantFrom('\n' as const, '\r\n' as const),
  indent: fc.constantFrom(2, 4),
  seqIndented: fc.boolean(),
  finalEol: fc.boolean(),
  flowMap: fc.boolean(),
  gaps: fc.boolean(),
  entries: fc.uniqueArray(fc.record({ caller: name, flow: fc.boolean(), items: fc.uniqueArray(fc.tuple(name, type), { selector: ([t]) => t, minLength: 1, maxLength: 3 }) }), {
    selector: (e) => e.caller,
    minLength: 0,
    maxLength: 3,
  }),
  comments: fc.array(fc.boolean(), { minLength: 40, maxLength: 40 }),
  pick: fc.nat(),
  edit: fc.record({ caller: name, target: name, type }),
});

function render(s: Shape): string {
  const I = ' '.repeat(s.indent);
  const S = s.seqIndented ? I : '';
  const gap = s.gaps ? [''] : [];
  const lines: string[] = ['# generated manifest', 'components:', `${I}a:x:`, `${I}${I}componentType: durable`, `${I}a:y: {}`, `${I}a:z: {}`];
  const flowList = (items: [string, RpcDependencyType][]) => `[${items.map(([t, ty]) => `{target: ${t}, type: ${ty}}`).join(', ')}]`;
  if (s.entries.length > 0) {
    lines.push(...gap);
    if (s.flowMap) lines.push(`dependencies: {${s.entries.map((e) => `${e.caller}: ${flowList(e.items)}`).join(', ')}}`);
    else {
      lines.push('dependencies:');
      for (const e of s.entries) {
        if (e.flow) lines.push(`${I}${e.caller}: ${flowList(e.items)}`);
        else {
          lines.push(`${I}${e.caller}:`);
          for (const [t, ty] of e.items) lines.push(`${I}${S}- target: ${t}`, `${I}${S}  type: ${ty}`);
        }
      }
    }
  }
  lines.push(...gap, 'customCommands:', `${I}hello:`, `${I}- command: echo hi`);
  const out: string[] = [];
  lines.forEach((line, i) => {
    const c = s.comments[i % s.comments.length]!;
    const d = s.comments[(i * 7 + 3) % s.comments.length]!;
    if (c && i > 0 && line !== '') out.push(`${line.match(/^ */)![0]}# note ${i}`);
    out.push(d && i > 0 && line !== '' ? `${line}   # trailing ${i}` : line);
  });
  out.push('# the end');
  return out.join(s.eol) + (s.finalEol ? s.eol : '');
}

const deps = (root: string) =>
  loadApp(root)
    .dependencies.map((d) => `${d.source}>${d.target}:${d.type}`)
    .sort();

/** Whether `small`'s lines are `big`'s with some left out (in order). */
function isSubsequence(small: string[], big: string[]): boolean {
  let j = 0;
  for (const line of big) if (j < small.length && small[j] === line) j++;
  return j === small.length;
}

describe('remove dependency on generated manifests', () => {
  it('leaves exactly the other dependencies; a block file only loses lines', () => {
    const root = tempDir('cga-rmprop-');
    const file = join(root, 'golem.yaml');
    fc.assert(
      fc.property(
        shape.filter((s) => s.entries.length > 0),
        (s) => {
          const before = render(s);
          writeFileSync(file, before);
          const all = s.entries.flatMap((e) => e.items.map(([t, ty]) => ({ caller: e.caller, target: t, type: ty })));
          const gone = all[s.pick % all.length]!;
          const session = AppSession.open(root);
          for (const e of removeDependencies(findDependencies(session.app, gone.caller, { target: gone.target }), { source: session })) session.edit(e);
          void session.app;
          commitPlan(session.plan);
          const after = readFileSync(file, 'utf8');
          expect(deps(root)).toEqual(
            all
              .filter((d) => d !== gone)
              .map((d) => `${d.caller}>${d.target}:${d.type}`)
              .sort(),
          );
          const block = !s.flowMap && !s.entries.some((e) => e.flow);
          if (block) expect(isSubsequence(after.split(s.eol), before.split(s.eol))).toBe(true);
          if (s.eol === '\r\n') expect(after.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
          // Nothing outside the dependencies section changed.
          expect(after.slice(after.indexOf('customCommands:'))).toBe(before.slice(before.indexOf('customCommands:')));
          const head = before.slice(0, before.lastIndexOf(s.eol, before.indexOf('dependencies')));
          expect(after.startsWith(head)).toBe(true);
        },
      ),
      { numRuns: 150 },
    );
  });

  it('add then remove gives back every byte', () => {
    const root = tempDir('cga-rmprop-');
    const file = join(root, 'golem.yaml');
    fc.assert(
      fc.property(
        shape.filter((s) => !s.entries.some((e) => e.caller === s.edit.caller && e.items.some(([t]) => t === s.edit.target))),
        (s) => {
          const before = render(s);
          writeFileSync(file, before);
          const session = AppSession.open(root);
          session.edit(addDependency(session.app, s.edit.caller, s.edit.target, s.edit.type, { source: session }));
          for (const e of removeDependencies(findDependencies(session.app, s.edit.caller, { target: s.edit.target }), { source: session })) session.edit(e);
          void session.app;
          commitPlan(session.plan);
          expect(readFileSync(file, 'utf8')).toBe(before);
        },
      ),
      { numRuns: 150 },
    );
  });
});
