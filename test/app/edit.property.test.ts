/**
 * Property: for generated hand-written-looking manifests (either line ending, 2- or 4-space
 * indents, indented or flush lists, block or flow dependency lists and maps, empty values, comments on their own lines
 * and after values, with or without a final newline), adding a dependency
 *   - changes one contiguous run of lines, rewriting at most one existing line;
 *   - writes new lines at the file's own columns (indent width, list style);
 *   - keeps the file's line ending everywhere;
 *   - yields an app that loads with exactly the expected dependencies;
 *   - and adding it again changes nothing.
 */
import fc from 'fast-check';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { addDependency, loadApp, type RpcDependencyType } from '../../src/app/index.js';
import { AppSession } from '../../src/app/session.js';
import { commitPlan } from '../../src/fs/plan.js';
import { tempDir } from '../helpers/cli.js';
import { lineDiff } from './app-fixture.js';

const NAMES = ['a:x', 'a:y'] as const;
const TYPES: RpcDependencyType[] = ['wasm-rpc', 'static-wasm-rpc'];

interface Shape {
  eol: '\n' | '\r\n';
  indent: number;
  seqIndented: boolean;
  finalEol: boolean;
  deps: 'none' | 'null' | 'emptyFlow' | 'entries' | 'flowMap';
  /** caller → list of [target, type], in block or flow style. */
  entries: { caller: string; flow: boolean; items: [string, RpcDependencyType][] }[];
  comments: boolean[];
  edit: { caller: string; target: string; type: RpcDependencyType };
}

const name = fc.constantFrom(...NAMES);
const type = fc.constantFrom(...TYPES);
const shape: fc.Arbitrary<Shape> = fc.record({
  eol: fc.constantFrom('\n' as const, '\r\n' as const),
  indent: fc.constantFrom(2, 4),
  seqIndented: fc.boolean(),
  finalEol: fc.boolean(),
  deps: fc.constantFrom('none' as const, 'null' as const, 'emptyFlow' as const, 'entries' as const, 'flowMap' as const),
  entries: fc.uniqueArray(fc.record({ caller: name, flow: fc.boolean(), items: fc.uniqueArray(fc.tuple(name, type), { selector: ([t]) => t, minLength: 0, maxLength: 2 }) }), {
    selector: (e) => e.caller,
    minLength: 1,
    maxLength: 2,
  }),
  comments: fc.array(fc.boolean(), { minLength: 40, maxLength: 40 }),
  edit: fc.record({ caller: name, target: name, type }),
});

function render(s: Shape): string {
  const I = ' '.repeat(s.indent);
  const S = s.seqIndented ? I : '';
  const lines: string[] = ['# generated manifest', 'components:', `${I}a:x:`, `${I}${I}componentType: durable`, `${I}a:y: {}`];
  if (s.deps === 'null') lines.push('dependencies:');
  if (s.deps === 'emptyFlow') lines.push('dependencies: {}');
  const flowList = (items: [string, RpcDependencyType][]) => `[${items.map(([t, ty]) => `{target: ${t}, type: ${ty}}`).join(', ')}]`;
  if (s.deps === 'flowMap') lines.push(`dependencies: {${s.entries.map((e) => `${e.caller}: ${flowList(e.items)}`).join(', ')}}`);
  if (s.deps === 'entries') {
    lines.push('dependencies:');
    for (const e of s.entries) {
      if (e.flow) lines.push(`${I}${e.caller}: ${flowList(e.items)}`);
      else {
        // A caller with no items is written `caller:` (an empty value).
        lines.push(`${I}${e.caller}:`);
        for (const [t, ty] of e.items) lines.push(`${I}${S}- target: ${t}`, `${I}${S}  type: ${ty}`);
      }
    }
  }
  // Comments: a trailing one after a line, or a full line (indented like the next line) before it.
  const out: string[] = [];
  lines.forEach((line, i) => {
    const c = s.comments[i % s.comments.length]!;
    const d = s.comments[(i * 7 + 3) % s.comments.length]!;
    if (c && i > 0) out.push(`${line.match(/^ */)![0]}# note ${i}`);
    out.push(d && i > 0 ? `${line}   # trailing ${i}` : line);
  });
  out.push('# the end');
  return out.join(s.eol) + (s.finalEol ? s.eol : '');
}

function expected(s: Shape): string[] {
  const deps = new Map<string, RpcDependencyType>();
  if (s.deps === 'entries' || s.deps === 'flowMap') for (const e of s.entries) for (const [t, ty] of e.items) deps.set(`${e.caller} -> ${t}`, ty);
  deps.set(`${s.edit.caller} -> ${s.edit.target}`, s.edit.type);
  return [...deps].map(([k, v]) => `${k} ${v}`).sort();
}

describe('add dependency on generated manifests', () => {
  it('keeps every byte outside one contiguous change and loads with the expected dependencies', () => {
    const root = tempDir('cga-prop-');
    const file = join(root, 'golem.yaml');
    fc.assert(
      fc.property(shape, (s) => {
        const before = render(s);
        writeFileSync(file, before);
        const session = AppSession.open(root);
        session.edit(addDependency(session.app, s.edit.caller, s.edit.target, s.edit.type, { source: session }));
        void session.app; // re-loaded from the planned bytes before anything is written
        commitPlan(session.plan);
        const after = readFileSync(file, 'utf8');

        const { removed, added } = lineDiff(before, after);
        expect(removed.length).toBeLessThanOrEqual(1 + (s.finalEol ? 0 : 1));
        // New lines use the file's own columns: its indent, and its list style when it has a block list.
        const hasBlockList = s.deps === 'entries' && s.entries.some((e) => !e.flow && e.items.length > 0);
        const I = s.indent;
        const S = hasBlockList && s.seqIndented ? I : 0;
        for (const line of added) {
          expect([0, I, I + S, I + S + 2]).toContain(line.match(/^ */)![0].length);
        }

        if (s.eol === '\r\n') expect(after.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
        else expect(after).not.toContain('\r');

        const loaded = loadApp(root)
          .dependencies.map((d) => `${d.source} -> ${d.target} ${d.type}`)
          .sort();
        expect(loaded).toEqual(expected(s));

        const again = addDependency(loadApp(root), s.edit.caller, s.edit.target, s.edit.type);
        expect(again.status).toBe('unchanged');
      }),
      { numRuns: 150 },
    );
  });
});
