/**
 * Start-up and scaffolding, side by side with create-vite@9.3.0 (a devDependency) in the same run.
 * Targets: `--help` ≤ 0.9× create-vite; one TS component with `--no-git --yes` ≤ 1.3× create-vite's
 * `--template vanilla-ts`.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { report, sideBySide } from './lib.js';

const ours = join(process.cwd(), 'bin/create-golem-app.js');
const require = createRequire(import.meta.url);
const vite = join(dirname(require.resolve('create-vite/package.json')), 'index.js');
const env = { ...process.env, NO_COLOR: '1', npm_config_user_agent: 'npm/11' };
const node = (args: string[], cwd = process.cwd()) => execFileSync(process.execPath, args, { cwd, env, stdio: ['ignore', 'ignore', 'ignore'] });
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 15);

const help = await sideBySide(ROUNDS, { label: 'create-golem-app --help', run: () => node([ours, '--help']) }, { label: 'create-vite --help', run: () => node([vite, '--help']) });
report('startup (--help)', help, 0.9);

const work = mkdtempSync(join(tmpdir(), 'bench-create-'));
let n = 0;
const scaffold = await sideBySide(
  ROUNDS,
  { label: 'create-golem-app (1 TS component)', run: () => node([ours, `g${n++}`, '--yes', '--no-git'], work) },
  { label: 'create-vite vanilla-ts', run: () => node([vite, `v${n++}`, '--template', 'vanilla-ts', '--no-interactive'], work) },
);
report('scaffold', scaffold, 1.3);
rmSync(work, { recursive: true, force: true });
