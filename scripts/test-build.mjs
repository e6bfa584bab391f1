// `npm run test:build`: the build tier (test/build/**/*.build.ts, issue 9). Scaffolded apps are
// built into real components with their own toolchain (npm install, jco, rollup, tsc) and run
// under Node. Builds the CLI first (the tier drives the built bin), then runs vitest with the
// tier's own config while measuring the whole process tree: wall time, peak total memory
// (sum of every process's RSS, sampled) and the largest single process.
//
// Environment: BUILD_TIER_KEEP=1 keeps the scaffolded apps; BUILD_TIER_BIN uses another built bin
// (skips the CLI build). Extra arguments go to vitest (e.g. a test name filter with -t).
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

process.chdir(fileURLToPath(new URL('..', import.meta.url)));

const SAMPLE_MS = 250;
const RESULTS = '.tmp/build-tier/results.json';

if (!process.env.BUILD_TIER_BIN) {
  const build = spawnSync(process.execPath, ['scripts/build.mjs'], { stdio: 'inherit' });
  if (build.status !== 0) process.exit(build.status ?? 1);
}

/** pid → { ppid, rssKb, hwmKb } for every process we can read. */
function processTable() {
  const table = new Map();
  if (!existsSync('/proc')) return table; // not Linux: no figures, the tier still runs
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      const status = readFileSync(`/proc/${entry}/status`, 'utf8');
      const kb = (key) => Number(status.match(new RegExp(`^${key}:\\s+(\\d+)`, 'm'))?.[1] ?? 0);
      table.set(Number(entry), { ppid, rssKb: kb('VmRSS'), hwmKb: kb('VmHWM') });
    } catch {
      // The process ended between listing and reading.
    }
  }
  return table;
}

function treeOf(rootPid, table) {
  const children = new Map();
  for (const [pid, { ppid }] of table) children.set(ppid, [...(children.get(ppid) ?? []), pid]);
  const pids = [];
  const stack = [rootPid];
  while (stack.length) {
    const pid = stack.pop();
    pids.push(pid);
    stack.push(...(children.get(pid) ?? []));
  }
  return pids.filter((pid) => table.has(pid));
}

/** `N passed, N failed[, N skipped]` from vitest's JSON report (CI reads this plain line). */
function counts() {
  if (!existsSync(RESULTS)) return 'no test results';
  const r = JSON.parse(readFileSync(RESULTS, 'utf8'));
  const skipped = r.numPendingTests + r.numTodoTests;
  // A failing beforeAll fails its suite and skips its tests: count the suite then.
  const failed = r.numFailedTests || r.numFailedTestSuites;
  return `${r.numPassedTests} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`;
}

mkdirSync('.tmp/build-tier', { recursive: true });
rmSync(RESULTS, { force: true });
const started = performance.now();
const vitest = spawn(
  process.execPath,
  [
    'node_modules/vitest/vitest.mjs',
    'run',
    '--config',
    'test/build/vitest.config.ts',
    '--reporter=default',
    '--reporter=json',
    `--outputFile.json=${RESULTS}`,
    ...process.argv.slice(2),
  ],
  { stdio: 'inherit' },
);
let peakTotalKb = 0;
let peakProcessKb = 0;
const sampler = setInterval(() => {
  const table = processTable();
  const tree = treeOf(vitest.pid, table);
  peakTotalKb = Math.max(
    peakTotalKb,
    tree.reduce((sum, pid) => sum + table.get(pid).rssKb, 0),
  );
  peakProcessKb = Math.max(peakProcessKb, ...tree.map((pid) => table.get(pid).hwmKb));
}, SAMPLE_MS);

vitest.on('exit', (code, signal) => {
  clearInterval(sampler);
  const seconds = (performance.now() - started) / 1000;
  const mb = (kb) => `${Math.round(kb / 1024)} MB`;
  console.log(`\nbuild-tier: ${counts()}`);
  console.log(
    `build tier: ${code === 0 ? 'passed' : 'FAILED'} in ${Math.floor(seconds / 60)} min ${Math.round(seconds % 60)} s; ` +
      `peak memory ${mb(peakTotalKb)} for the whole process tree (sampled every ${SAMPLE_MS} ms), ` +
      `${mb(peakProcessKb)} for the largest single process`,
  );
  process.exit(code ?? (signal ? 1 : 0));
});
