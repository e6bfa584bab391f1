/**
 * The bundled caller templates rendered for random targets (names of every length, keywords,
 * nested types, resources, durable and ephemeral): the Rust file always parses and is
 * rustfmt-clean (rustfmt on stdin), the TypeScript file always parses (TypeScript's parser).
 * The layout rules of src/templates/rendering/rust-layout.ts are checked against rustfmt itself.
 */
import fc from 'fast-check';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { Plan } from '../../src/fs/plan.js';
import { findComponentTemplate, loadBundledRegistry, planComponent } from '../../src/templates/index.js';
import {
  type ClientModel,
  type ClientNamedType,
  type ClientParam,
  type ClientType,
  clientFunction,
  clientNames,
  clientParam,
  clientResource,
} from '../../src/templates/rendering/client-model.js';
import { rustfmtProblem } from '../build/lib/rust-check.js';
import { tempApp } from './helpers.js';

const registry = loadBundledRegistry();

/** WIT names, including Rust and JS keywords and names the examples use themselves. */
const NAME = fc.oneof(
  fc.constantFrom('type', 'self', 'match', 'fn', 'delete', 'new', 'class', 'value', 'lines', 'future', 'workers', 'await', 'get', 'string', 'values', 'error'),
  fc.array(fc.stringMatching(/^[a-z][a-z0-9]{0,9}$/), { minLength: 1, maxLength: 4 }).map((words) => words.join('-')),
);
const PRIMITIVES = ['u8', 'u16', 'u32', 'u64', 's8', 's16', 's32', 's64', 'f32', 'f64', 'bool', 'char', 'string'];

interface Target {
  types: Map<string, ClientNamedType>;
  model: ClientModel;
}

/** A random target: named types (records, variants, enums, flags, aliases), entities with functions. */
const target: fc.Arbitrary<Target> = fc
  .record({
    seed: fc.integer(),
    ephemeral: fc.boolean(),
    names: fc.uniqueArray(NAME, { minLength: 12, maxLength: 12 }),
    shapes: fc.array(fc.integer({ min: 0, max: 1000 }), { minLength: 60, maxLength: 60 }),
    entities: fc.integer({ min: 1, max: 3 }),
  })
  .map(({ ephemeral, names, shapes, entities }) => {
    let next = 0;
    const pick = (n: number) => shapes[next++ % shapes.length]! % n;
    const name = () => names[pick(names.length)]!;
    const types = new Map<string, ClientNamedType>();
    const owner = { namespace: 'demo', package: 'target-exports', interface: 'api' };
    const add = (def: ClientNamedType['def'], visible = pick(4) !== 0): ClientType => {
      const id = String(types.size + 1);
      const typeName = `${name()}-t${id}`;
      types.set(id, { name: typeName, ...(visible ? { clientName: typeName } : {}), owner, def });
      return { kind: 'ref', id };
    };
    const type = (depth: number): ClientType => {
      const k = depth > 2 ? 0 : pick(10);
      switch (k) {
        case 1:
          return { kind: 'list', element: type(depth + 1) };
        case 2:
          return { kind: 'option', element: type(depth + 1) };
        case 3:
          return { kind: 'tuple', elements: [type(depth + 1), type(depth + 1)] };
        case 4:
          return { kind: 'result', ...(pick(2) ? { ok: type(depth + 1) } : {}), ...(pick(2) ? { err: type(depth + 1) } : {}) };
        case 5:
          return add({ kind: 'record', fields: [0, 1, 2].slice(0, 1 + pick(3)).map((i) => ({ name: `${name()}-f${i}`, type: type(depth + 1) })) });
        case 6:
          return add({ kind: 'variant', cases: [0, 1].map((i) => ({ name: `${name()}-c${i}`, ...(pick(2) ? { type: type(depth + 1) } : {}) })) });
        case 7:
          return add({ kind: 'enum', cases: [`${name()}-a`, `${name()}-b`] });
        case 8:
          return add({ kind: 'flags', flags: pick(3) ? [`${name()}-x`, `${name()}-y`] : [] });
        case 9:
          return add({ kind: 'alias', target: type(depth + 1) });
        default:
          return { kind: 'primitive', name: PRIMITIVES[pick(PRIMITIVES.length)]! };
      }
    };
    const text = (t: ClientType) => JSON.stringify(t);
    const params = (n: number, prefix: string): ClientParam[] =>
      Array.from({ length: n }, (_, i) => {
        const t = type(0);
        return clientParam(`${name()}-${prefix}${i}`, text(t), t);
      });
    const resources = Array.from({ length: entities }, (_, e) =>
      clientResource(
        `${name()}-e${e}`,
        e === 0 ? [] : params(pick(3), 'c'),
        Array.from({ length: 1 + pick(5) }, (_, f) => {
          const result = pick(3) ? type(0) : undefined;
          return clientFunction(`${name()}-fn${f}`, params(pick(4), 'p'), result && { text: text(result), shape: result }, pick(8) === 0);
        }),
      ),
    );
    const model: ClientModel = { ...clientNames('demo:target', `${name()}-world`), ephemeral, resources, types };
    return { types, model };
  });

/** The caller's file (`components-<lang>/demo-caller/<file>`) as the bundled template renders it for `model`. */
async function render(model: ClientModel, templateId: string, file: string): Promise<string> {
  const files = await planComponent({
    into: new Plan(tempApp('cga-prop-')),
    template: findComponentTemplate(registry, templateId),
    componentName: 'demo:caller',
    registry,
    target: { componentName: 'demo:target', client: model },
  });
  const path = `components-${templateId.split('/')[0]}/demo-caller/${file}`;
  return files.find((f) => f.path === path)!.content.toString('utf8');
}

describe('caller examples for random targets', () => {
  it('the Rust caller parses and is rustfmt-clean', async () => {
    await fc.assert(
      fc.asyncProperty(target, async ({ model }) => {
        const lib = await render(model, 'rust/caller', 'src/lib.rs');
        expect(rustfmtProblem(lib), lib).toBeUndefined();
      }),
      // No shrinking: every run spawns rustfmt, and shrinking a failure took over ten minutes. The
      // failure message holds the rendered file and rustfmt's diff; `{ seed, path }` replays it.
      { numRuns: 60, endOnFailure: true },
    );
  });

  it('a call that fits max_width exactly, `;` included, stays on the line of its `let` (seed -251434721)', async () => {
    // `let <fn1> = <e0>.blocking_<fn1>(type_p0);` is 100 columns in the example's body.
    const owner = { namespace: 'demo', package: 'target-exports', interface: 'api' };
    const variant: ClientNamedType = {
      name: 'a0aa-a0a000a00-a00aa0a-t11',
      clientName: 'a0aa-a0a000a00-a00aa0a-t11',
      owner,
      def: { kind: 'variant', cases: [{ name: 'a0a-aa0a-a0aa-a0a00a-c0', type: { kind: 'primitive', name: 'u8' } }, { name: 'a0a-aa0a-a0aa-a0a00a-c1' }] },
    };
    const ref: ClientType = { kind: 'ref', id: '1' };
    const result: ClientType = { kind: 'primitive', name: 's16' };
    const fn1 = clientFunction('a0a-aa0a-a0aa-a0a00a-fn1', [clientParam('type-p0', JSON.stringify(ref), ref)], { text: JSON.stringify(result), shape: result });
    const types = new Map([['1', variant]]);
    const model: ClientModel = {
      ...clientNames('demo:target', 'a0a-aa0a-a0aa-a0a00a-world'),
      ephemeral: false,
      resources: [clientResource('a0a-aaaa00000a-e0', [], [fn1])],
      types,
    };
    const lib = await render(model, 'rust/caller', 'src/lib.rs');
    const line = '        let a0a_aa0a_a0aa_a0a00a_fn1 = a0a_aaaa00000a_e0.blocking_a0a_aa0a_a0aa_a0a00a_fn1(type_p0);';
    expect(line).toHaveLength(100);
    expect(lib.split('\n'), lib).toContain(line);
    // Each argument is bound once (no unused `let` left by a second layout attempt).
    expect(lib.match(/let type_p0\w* =/g), lib).toEqual(['let type_p0 =']);
    expect(rustfmtProblem(lib), lib).toBeUndefined();
  });

  it('the TypeScript caller parses', async () => {
    await fc.assert(
      fc.asyncProperty(target, async ({ model }) => {
        const main = await render(model, 'ts/caller', 'src/main.ts');
        const out = ts.transpileModule(main, { reportDiagnostics: true, compilerOptions: { target: ts.ScriptTarget.ES2020 } });
        expect(
          (out.diagnostics ?? []).map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n')),
          main,
        ).toEqual([]);
      }),
      { numRuns: 60 },
    );
  });
});
