/**
 * WIT toolkit bench: parse + resolve a large synthetic WIT package (≥ 1 MB, ≥ 10,000 functions)
 * with our toolkit and with wasm-tools' wit-parser (jco-transpile `componentEmbed`, text mode,
 * which also encodes a tiny dummy core module), side by side; then time per function at 1k,
 * 10k and 100k functions to show that ours stays linear.
 */
import { createRequire } from 'node:module';
import { performance } from 'node:perf_hooks';
import { resolveWitText } from '../src/wit/index.js';
import { median, report, sideBySide } from './lib.js';

const FUNCS_PER_INTERFACE = 100;

/** A package with `functions` functions in interfaces of 100, records, variants, enums, uses, docs, and a world exporting everything. */
export function syntheticWit(functions: number): string {
  const interfaces = Math.ceil(functions / FUNCS_PER_INTERFACE);
  const out: string[] = ['/// Synthetic package for the WIT bench.', 'package bench:big@1.0.0;', ''];
  out.push('interface shared {', '  record money { amount: u64, currency: string }', '  enum level { low, medium, high }', '}', '');
  let made = 0;
  for (let k = 0; k < interfaces; k++) {
    out.push(`/// Interface number ${k}.`, `interface api-${k} {`, '  use shared.{money, level};');
    const n = Math.min(FUNCS_PER_INTERFACE, functions - made);
    for (let j = 0; j < n; j += 10) {
      out.push(`  /// A record for functions ${j}..${j + 9}.`);
      out.push(`  record item-${j} { name: string, price: money, tags: list<string>, rating: option<level>, count: u32 }`);
      out.push(`  variant outcome-${j} { done(item-${j}), failed(string), skipped }`);
    }
    for (let j = 0; j < n; j++) {
      const group = j - (j % 10);
      out.push(`  /// Function ${j} of interface ${k}: does something useful with its arguments.`);
      out.push(
        `  operation-number-${j}: func(first-argument: item-${group}, second-argument: list<tuple<string, u64>>, third: option<money>) -> result<outcome-${group}, string>;`,
      );
      made++;
    }
    out.push('}', '');
  }
  out.push('world bench {');
  for (let k = 0; k < interfaces; k++) out.push(`  export api-${k};`);
  out.push('}', '');
  return out.join('\n');
}

async function witParser(): Promise<(text: string) => Promise<unknown>> {
  const require = createRequire(import.meta.url);
  const tools = (await import(require.resolve('@bytecodealliance/jco-transpile/wasm-tools'))) as {
    componentEmbed(opts: { dummy: boolean; witSource: string; world: string }): Promise<unknown>;
  };
  return (text) => tools.componentEmbed({ dummy: true, witSource: text, world: 'bench' });
}

async function timeMedian(rounds: number, run: () => unknown): Promise<number> {
  await run();
  const samples: number[] = [];
  for (let i = 0; i < rounds; i++) {
    const t = performance.now();
    await run();
    samples.push(performance.now() - t);
  }
  return median(samples);
}

const embed = await witParser();
const text = syntheticWit(10_000);
console.log(`synthetic WIT: ${(text.length / 1e6).toFixed(2)} MB, 10,000 functions, ${Math.ceil(10_000 / FUNCS_PER_INTERFACE) + 1} interfaces`);
console.log('wit-parser is measured through jco-transpile componentEmbed (text mode): it parses, resolves and also encodes a tiny dummy module.');
const pair = await sideBySide(
  7,
  { label: 'ours (parse + resolve)', run: () => resolveWitText(text, 'bench.wit') },
  { label: 'wit-parser (componentEmbed)', run: () => embed(text) },
);
const ok = report('parse + resolve, 10k functions', pair, 1.0);

console.log('\ntime per function (median of 5):');
const perFunction: number[] = [];
for (const n of [1_000, 10_000, 100_000]) {
  const t = syntheticWit(n);
  const ours = await timeMedian(5, () => resolveWitText(t, 'bench.wit'));
  const peer = await timeMedian(n >= 100_000 ? 3 : 5, () => embed(t));
  perFunction.push(ours / n);
  console.log(
    `  ${String(n).padStart(7)} functions (${(t.length / 1e6).toFixed(1)} MB): ours ${ours.toFixed(1)} ms = ${((ours / n) * 1000).toFixed(2)} µs/function; ` +
      `wit-parser ${peer.toFixed(1)} ms = ${((peer / n) * 1000).toFixed(2)} µs/function`,
  );
}
// 1k functions fit in V8's young generation and die there; from 10k on, the tree is promoted to the
// old generation once (a constant cost per object), so the per-function cost steps once, then stays flat.
const growth = perFunction[2]! / perFunction[0]!;
const tail = perFunction[2]! / perFunction[1]!;
const flat = growth <= 2 && tail <= 1.3;
console.log(`ours, µs/function: 100k ÷ 1k = ${growth.toFixed(2)} (target ≤ 2), 100k ÷ 10k = ${tail.toFixed(2)} (target ≤ 1.3) ${flat ? 'ok' : 'MISSED'}`);
process.exitCode = ok && flat ? 0 : 1;
