/**
 * Property tests over random WIT (fast-check): 1,000 generated documents and 1,000 token-level
 * mutations of them. Our toolkit never throws anything but WitError, parse(print(x)) gives x
 * back, printing is idempotent, and accept/reject agrees with wasm-tools' wit-parser for the
 * original, the mutated and the printed texts.
 */
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { parseWitText, printWitFile, resolveWitText, WitError, type WitFile } from '../../src/wit/index.js';
import { checkWitText, stopOracle, topLevelItems } from '../helpers/wit-oracle.js';
import { shape } from './ast-shape.js';
import { mutate, witDocument } from './wit-gen.js';

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
    const disagreements = all
      .map((text, i) => ({ text, oracle: verdicts[i]!, ours: ourVerdict(text) }))
      .filter((r) => r.oracle.ok !== r.ours);
    expect(disagreements.slice(0, 3)).toEqual([]);
    expect(all.length).toBeGreaterThanOrEqual(2 * RUNS);
  });
});
