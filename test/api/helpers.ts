/**
 * Programs that use the API as a package user's would: a folder whose node_modules holds
 * `create-golem-app` (a link to this checkout, resolved by name through package.json `exports`
 * to the built dist/), a script run there by Node, its output captured by the OS.
 */
import { mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, runCli, tempDir } from '../helpers/cli.js';

/** A folder where `import … from 'create-golem-app'` finds this package. */
export function consumerDir(): string {
  const dir = tempDir('cga-api-');
  mkdirSync(join(dir, 'node_modules'));
  symlinkSync(ROOT, join(dir, 'node_modules', 'create-golem-app'), 'dir');
  return dir;
}

/**
 * The harness a script's body runs in: `record(name, (onProgress) => call)` runs one API call and
 * notes what it resolved or rejected with, what was written to stdout/stderr during it, its
 * progress events and the listener counts of SIGINT, SIGTERM, SIGHUP and exit before and after.
 */
const HARNESS = `
import * as api from 'create-golem-app';
import { writeFileSync } from 'node:fs';
const counts = () => Object.fromEntries(['SIGINT', 'SIGTERM', 'SIGHUP', 'exit'].map((s) => [s, process.listenerCount(s)]));
const printed = [];
for (const stream of [process.stdout, process.stderr]) {
  const write = stream.write.bind(stream);
  stream.write = (chunk, ...rest) => { printed.push(String(chunk)); return write(chunk, ...rest); };
}
const calls = {};
async function record(name, run) {
  const before = counts();
  const from = printed.length;
  const events = [];
  const call = { name, before };
  try {
    call.result = await run((event) => events.push(event));
  } catch (e) {
    call.error = { code: e.code, message: e.message, hint: e.hint ?? null, exitCode: e.exitCode, isUserError: api.isUserError(e), instance: e instanceof api.UserError };
  }
  calls[name] = Object.assign(call, { after: counts(), printed: printed.slice(from).join(''), events });
}
`;

export interface RecordedCall {
  name: string;
  before: Record<string, number>;
  after: Record<string, number>;
  printed: string;
  events: { kind: string; message: string }[];
  // biome-ignore lint/suspicious/noExplicitAny: a JSON result, checked field by field
  result?: any;
  error?: { code: string; message: string; hint: string | null; exitCode: number; isUserError: boolean; instance: boolean };
}

export interface ScriptRun {
  code: number;
  stdout: string;
  stderr: string;
  calls: Record<string, RecordedCall>;
}

/** Runs `body` (statements using `api` and `record`) in `dir`; the recorded calls come back through a file. */
export function runApiScript(dir: string, body: string, env: Record<string, string | undefined> = {}): ScriptRun {
  const script = join(dir, 'script.mjs');
  const report = join(dir, 'calls.json');
  writeFileSync(script, `${HARNESS}\n${body}\nwriteFileSync(${JSON.stringify(report)}, JSON.stringify(calls));\n`);
  const r = runCli([], { bin: script, cwd: dir, env });
  let calls: Record<string, RecordedCall> = {};
  try {
    calls = JSON.parse(readFileSync(report, 'utf8'));
  } catch {
    throw new Error(`the script wrote no calls (exit ${r.code}):\n${r.stderr}`);
  }
  return { ...r, calls };
}
