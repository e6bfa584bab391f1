/**
 * Cold `generate` (a fresh process, as a user runs it) on an app of 100 TypeScript components with
 * 300 worker-to-worker dependencies (each component calls the next three), packages not
 * installed, side by side with a bare `node -e 0`. Two cases: the first generation (golem-temp/
 * and every wit-generated/ removed: everything is written) and a re-run on an up-to-date app
 * (nothing is written). Target: ≤ 4× `node -e 0` for both. Set TMPDIR to a tmpfs (/dev/shm)
 * where there is one: disk speed varies tenfold on shared machines.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { report, sideBySide } from './lib.js';

const COMPONENTS = 100;
const CALLS_EACH = 3;
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 9);

const ours = join(process.cwd(), 'bin/create-golem-app.js');
const env = { ...process.env, NO_COLOR: '1', npm_config_user_agent: 'npm/11' };
const node = (args: string[], cwd = process.cwd()) => execFileSync(process.execPath, args, { cwd, env, stdio: ['ignore', 'ignore', 'inherit'] });

const work = mkdtempSync(join(tmpdir(), 'bench-generate-'));
const names = Array.from({ length: COMPONENTS }, (_, i) => `bench:c${i}`);
const dependencies = names.flatMap((name, i) => Array.from({ length: CALLS_EACH }, (_, k) => `--dependency=${name}=${names[(i + k + 1) % COMPONENTS]}`));
console.log(`setting up: ${COMPONENTS} components, ${dependencies.length} dependencies …`);
node([ours, 'app', '--yes', '--no-git', ...names.map((n) => `--component=${n}`), '--template=ts', ...dependencies], work);
const app = join(work, 'app');

/** The app without anything generation writes. */
function ungenerated(copy: string): string {
  cpSync(app, copy, { recursive: true });
  rmSync(join(copy, 'golem-temp'), { recursive: true, force: true });
  for (const c of readdirSync(join(copy, 'components-ts'), { withFileTypes: true })) {
    if (c.isDirectory()) rmSync(join(copy, 'components-ts', c.name, 'wit-generated'), { recursive: true, force: true });
  }
  return copy;
}

// Fresh copies made before the timing: only `generate` itself is measured.
const copies = Array.from({ length: ROUNDS + 1 }, (_, i) => ungenerated(join(work, `copy-${i}`)));
let next = 0;
const bare = { label: 'node -e 0', run: () => node(['-e', '0']) };

const first = await sideBySide(ROUNDS, { label: 'generate (first, writes everything)', run: () => node([ours, 'generate', '--app', copies[next++]!]) }, bare);
const firstOk = report(`cold generate, ${COMPONENTS} components / ${dependencies.length} dependencies, first generation`, first, 4);

const again = await sideBySide(ROUNDS, { label: 'generate (up to date, writes nothing)', run: () => node([ours, 'generate', '--app', app]) }, bare);
const againOk = report(`cold generate, ${COMPONENTS} components / ${dependencies.length} dependencies, up to date`, again, 4);

rmSync(work, { recursive: true, force: true });
if (!firstOk || !againOk) console.log('  (ratio target missed: reported, not failed)');
