/**
 * Property tests over random WIT (fast-check): 1,000 generated documents and 1,000 token-level
 * mutations of them. Our toolkit never throws anything but WitError, parse(print(x)) gives x
 * back, printing is idempotent, and accept/reject agrees with wasm-tools' wit-parser for the
 * original, the mutated and the printed texts.
 */
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { interfaceId, parseWitText, printWitFile, resolveWitText, WitError, type WitFile, type World } from '../../src/wit/index.js';
import { checkWitText, printWorld, stopOracle, topLevelItems } from '../helpers/wit-oracle.js';
import { shape } from './ast-shape.js';
import { elaborationDocument, mutate, witDocument } from './wit-gen.js';

const SEED = Number(process.env.WIT_PROPERTY_SEED ?? 20261125);
const RUNS = 1000;

afterAll(() => stopOracle());

/** Our verdict; rethrows anything that is not a WitError (a bug). */
function ourVerdict(text: string): boolean {
  try {
    const resolve = resolveWitText(text, 'gen.wit');
    return topLevelItems(text).worlds.every((w) => resolve.mainPackage.worlds.some((x) => x.name === w));
  } catch (e) {
    if (e instanceof WitError) return false;
    throw e;
  }
}

/**
 * The oracle checks a world-less text through a synthetic world importing every interface;
 * give both sides that same text by adding the world ourselves.
 */
function withWorld(text: string): string {
  const { worlds, interfaces } = topLevelItems(text);
  if (worlds.length > 0) return text;
  const world = `world gen-world {\n${interfaces.map((i) => `  import %${i};`).join('\n')}\n}\n`;
  const nested = /^\s*package\s+[^;{]+\{/m.exec(text);
  return nested ? `${text.slice(0, nested.index)}\n${world}\n${text.slice(nested.index)}` : `${text}\n${world}`;
}

/** Whether `small` appears in `big` in the same order (not necessarily contiguous). */
function isSubsequence(small: string[], big: string[]): boolean {
  let j = 0;
  for (const x of big) if (j < small.length && small[j] === x) j++;
  return j === small.length;
}

/**
 * Our elaborated world against wit-parser's, printed through a component: exports must be equal;
 * the component leaves out imports of interfaces nothing uses (types only), so its imports must
 * be an ordered subset of ours that still holds every imported interface with functions.
 */
function sameElaboration(world: World, printed: string): boolean {
  const lines = printed
    .split('\n')
    .map((l) => l.trim().replace(/%/g, ''))
    .filter((l) => /^(import|export) [^\s:]+:\S+;$/.test(l));
  const theirImports = lines.filter((l) => l.startsWith('import '));
  const theirExports = lines.filter((l) => l.startsWith('export '));
  const named = (entries: World['imports']) => entries.flatMap((e) => (e.key.kind === 'interface' ? [e.key.interface] : []));
  const imports = named(world.imports);
  const ourImports = imports.map((i) => `import ${interfaceId(i)};`);
  const withFunctions = imports.filter((i) => i.functions.length > 0).map((i) => `import ${interfaceId(i)};`);
  const ourExports = named(world.exports).map((i) => `export ${interfaceId(i)};`);
  return isSubsequence(theirImports, ourImports) && isSubsequence(withFunctions, theirImports) && ourExports.join() === theirExports.join();
}

function roundTrip(text: string): void {
  let ast: WitFile;
  try {
    ast = parseWitText(text, 'gen.wit');
  } catch (e) {
    if (e instanceof WitError) return;
    throw e;
  }
  const printed = printWitFile(ast);
  const again = parseWitText(printed, 'printed.wit');
  expect(shape(again)).toEqual(shape(ast));
  expect(printWitFile(again)).toBe(printed);
}

describe('random WIT documents', () => {
  const documents = fc.sample(witDocument, { numRuns: RUNS, seed: SEED });
  const mutations = documents.map((d, i) => mutate(d, SEED + i));

  it('generates a mix of accepted and rejected documents', () => {
    const accepted = documents.filter((d) => ourVerdict(withWorld(d))).length;
    expect(accepted).toBeGreaterThan(RUNS / 20);
    expect(accepted).toBeLessThan(RUNS);
  });

  it('parse(print(x)) equals x and printing is idempotent (documents and mutations)', () => {
    for (const text of [...documents, ...mutations]) roundTrip(text);
  });

  it('never throws anything but WitError (fast-check, shrinking)', () => {
    fc.assert(
      fc.property(witDocument, fc.integer(), (doc, seed) => {
        for (const text of [doc, mutate(doc, seed), mutate(mutate(doc, seed), seed + 1)]) {
          ourVerdict(text);
          roundTrip(text);
        }
      }),
      { numRuns: RUNS, seed: SEED + 1 },
    );
  });

  it('accepts exactly what wit-parser accepts: documents, mutations, printed documents', async () => {
    const texts = [...documents, ...mutations].map(withWorld);
    const printed = documents.flatMap((d) => {
      try {
        return [withWorld(printWitFile(parseWitText(d, 'gen.wit')))];
      } catch {
        return [];
      }
    });
    const all = [...texts, ...printed];
    const verdicts = await Promise.all(all.map((t) => checkWitText(t)));
    const disagreements = all.map((text, i) => ({ text, oracle: verdicts[i]!, ours: ourVerdict(text) })).filter((r) => r.oracle.ok !== r.ours);
    expect(disagreements.slice(0, 3)).toEqual([]);
    expect(all.length).toBeGreaterThanOrEqual(2 * RUNS);
  });

  it('elaborates worlds as wit-parser does (accepted documents)', async () => {
    let compared = 0;
    const mismatches: string[] = [];
    for (const doc of documents) {
      let resolve: ReturnType<typeof resolveWitText>;
      try {
        resolve = resolveWitText(doc, 'gen.wit');
      } catch {
        continue;
      }
      for (const world of resolve.mainPackage.worlds) {
        let printed: string;
        try {
          printed = await printWorld({ text: doc }, world.name);
        } catch {
          continue; // the component encoder refuses some valid WIT (e.g. empty records); nothing to compare
        }
        compared++;
        if (!sameElaboration(world, printed)) mismatches.push(doc);
      }
    }
    expect(mismatches.slice(0, 2)).toEqual([]);
    expect(compared).toBeGreaterThan(20);
  });

  it('elaborates interface dependency graphs as wit-parser does (300 documents)', async () => {
    const docs = fc.sample(elaborationDocument, { numRuns: 300, seed: SEED + 2 });
    let accepted = 0;
    const mismatches: string[] = [];
    for (const doc of docs) {
      const oracle = await checkWitText(doc);
      if (oracle.ok !== ourVerdict(doc)) {
        mismatches.push(doc);
        continue;
      }
      if (!oracle.ok) continue;
      accepted++;
      for (const world of resolveWitText(doc).mainPackage.worlds) {
        if (!sameElaboration(world, await printWorld({ text: doc }, world.name))) mismatches.push(doc);
      }
    }
    expect(mismatches.slice(0, 2)).toEqual([]);
    expect(accepted).toBeGreaterThan(100);
  });
});
