/**
 * How V8 runs a command of the bundled CLI: its compiled code cached between runs
 * (compile-cache.ts), and optimisation left to code that is really hot.
 *
 * A command is short (a few hundred milliseconds) and runs most of its code a few times: V8's
 * default tier-up (after ~66 KB of bytecode executed, V8 11 / Node 20) has TurboFan compile
 * dozens of functions on a background thread that the run ends before using; on two shared cores
 * that took a fifth of a large app's `generate` (CPU time 530 → 390 ms, bench/generate.bench.ts).
 * A 16 times larger budget still optimises the loops of a long run, only later. Heap and
 * semantics are untouched. Set once, before the command's code is compiled, the same way in every
 * run: V8 checks its flags when it takes back cached code.
 */
import { setFlagsFromString } from 'node:v8';
import { enableCompileCache } from './compile-cache.js';

const INTERRUPT_BUDGET = 1024 * 1024;

export function prepareEngine(bundleDir: string): void {
  setFlagsFromString(`--interrupt-budget=${INTERRUPT_BUDGET}`);
  enableCompileCache(bundleDir);
}
