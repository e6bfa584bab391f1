/**
 * Benchmark helpers: peers are measured side by side in one run, alternating, and compared by
 * their medians. Timing lives here, never in tests.
 */
import { performance } from 'node:perf_hooks';

export interface Measured {
  label: string;
  medianMs: number;
  samples: number[];
}

export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

/** Runs `ours` and `peer` alternately `rounds` times (after one warm-up each); returns both medians. */
export async function sideBySide(rounds: number, ours: { label: string; run: () => unknown }, peer: { label: string; run: () => unknown }): Promise<[Measured, Measured]> {
  await ours.run();
  await peer.run();
  const a: number[] = [];
  const b: number[] = [];
  for (let i = 0; i < rounds; i++) {
    for (const [fn, out] of i % 2
      ? ([
          [peer, b],
          [ours, a],
        ] as const)
      : ([
          [ours, a],
          [peer, b],
        ] as const)) {
      const t = performance.now();
      await fn.run();
      out.push(performance.now() - t);
    }
  }
  return [
    { label: ours.label, medianMs: median(a), samples: a },
    { label: peer.label, medianMs: median(b), samples: b },
  ];
}

/** Prints `name: ours X ms, peer Y ms, ratio R (target ≤ T) ok|MISSED`; returns whether the target was met. */
export function report(name: string, [ours, peer]: [Measured, Measured], target: number): boolean {
  const ratio = ours.medianMs / peer.medianMs;
  const ok = ratio <= target;
  console.log(
    `${name}: ${ours.label} ${ours.medianMs.toFixed(1)} ms, ${peer.label} ${peer.medianMs.toFixed(1)} ms, ratio ${ratio.toFixed(2)} (target ≤ ${target}) ${ok ? 'ok' : 'MISSED'}`,
  );
  return ok;
}
