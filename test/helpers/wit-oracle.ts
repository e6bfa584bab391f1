/**
 * The reference WIT validator for tests: wasm-tools' wit-parser, compiled to wasm and shipped in
 * @bytecodealliance/jco-transpile. It runs in a child process that is restarted after a trap
 * (a trap poisons the instance for every later call).
 *
 * `componentEmbed` needs a world, so a package is checked once per world of its main package;
 * a package without worlds gets a synthetic world importing each of its interfaces.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, cpSync, writeFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

export interface OracleVerdict {
  ok: boolean;
  /** wit-parser's message when rejected. */
  error?: string;
}

interface Answer {
  id: number;
  ok: boolean;
  error?: string;
  wit?: string;
  trap?: boolean;
}

const WORKER = fileURLToPath(new URL('./wit-oracle-worker.mjs', import.meta.url));
const SYNTHETIC_WORLD = 'oracle-synthetic-world';

let child: ChildProcessWithoutNullStreams | undefined;
let nextId = 1;
const pending = new Map<number, (a: Answer) => void>();

function worker(): ChildProcessWithoutNullStreams {
  if (child) return child;
  const proc = spawn(process.execPath, [WORKER], { stdio: ['pipe', 'pipe', 'pipe'] });
  proc.unref();
  (proc.stdout as unknown as { unref?: () => void }).unref?.();
  (proc.stdin as unknown as { unref?: () => void }).unref?.();
  (proc.stderr as unknown as { unref?: () => void }).unref?.();
  createInterface({ input: proc.stdout }).on('line', (line) => {
    const answer = JSON.parse(line) as Answer;
    pending.get(answer.id)?.(answer);
    pending.delete(answer.id);
  });
  proc.on('exit', () => {
    if (child === proc) child = undefined;
    for (const [id, resolve] of pending) resolve({ id, ok: false, error: 'wit-parser worker exited', trap: true });
    pending.clear();
  });
  child = proc;
  return proc;
}

function ask(req: { dir?: string; text?: string; world?: string; print?: boolean }): Promise<Answer> {
  const id = nextId++;
  return new Promise((resolve) => {
    pending.set(id, (answer) => {
      if (answer.trap) {
        child?.kill();
        child = undefined;
      }
      resolve(answer);
    });
    worker().stdin.write(`${JSON.stringify({ id, ...req })}\n`);
  });
}

/** Top-level `world`/`interface` names of WIT text (nested `package x:y { … }` blocks skipped). */
export function topLevelItems(text: string): { worlds: string[]; interfaces: string[] } {
  const src = text.replace(/\/\*[\s\S]*?\*\//g, ' ').replace(/\/\/[^\n]*/g, ' ');
  const tokens = src.match(/[{}]|%?[A-Za-z0-9_][A-Za-z0-9_\-:@.]*|[^\s]/g) ?? [];
  const worlds: string[] = [];
  const interfaces: string[] = [];
  let depth = 0;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    if (t === '{') depth++;
    else if (t === '}') depth--;
    else if (depth === 0 && (t === 'world' || t === 'interface') && tokens[i + 2] === '{') {
      const name = tokens[i + 1]!.replace(/^%/, '');
      (t === 'world' ? worlds : interfaces).push(name);
    }
  }
  return { worlds, interfaces };
}

function mainPackageItems(dir: string): { worlds: string[]; interfaces: string[] } {
  const all = { worlds: [] as string[], interfaces: [] as string[] };
  for (const f of readdirSync(dir)) {
    if (!f.endsWith('.wit') || !statSync(join(dir, f)).isFile()) continue;
    const items = topLevelItems(readFileSync(join(dir, f), 'utf8'));
    all.worlds.push(...items.worlds);
    all.interfaces.push(...items.interfaces);
  }
  return all;
}

function syntheticWorld(interfaces: string[]): string {
  return `world ${SYNTHETIC_WORLD} {\n${interfaces.map((i) => `  import %${i};`).join('\n')}\n}\n`;
}

/** Does wit-parser accept this WIT directory (main package at the top, others in deps/)? */
export async function checkWitDir(dir: string): Promise<OracleVerdict> {
  if (!existsSync(dir)) return { ok: false, error: `no such directory: ${dir}` };
  const { worlds, interfaces } = mainPackageItems(dir);
  if (worlds.length === 0) {
    const copy = mkdtempSync(join(tmpdir(), 'wit-oracle-'));
    try {
      cpSync(dir, copy, { recursive: true });
      writeFileSync(join(copy, `${SYNTHETIC_WORLD}.wit`), syntheticWorld(interfaces));
      return verdict(await ask({ dir: copy, world: SYNTHETIC_WORLD }));
    } finally {
      rmSync(copy, { recursive: true, force: true });
    }
  }
  for (const world of worlds) {
    const answer = await ask({ dir, world });
    if (!answer.ok) return verdict(answer);
  }
  return { ok: true };
}

/**
 * Does wit-parser accept this WIT text (a top-level package, optionally followed by nested
 * `package x:y { … }` blocks)? A single text gives wit-parser's full error message.
 */
export async function checkWitText(text: string): Promise<OracleVerdict> {
  const { worlds, interfaces } = topLevelItems(text);
  if (worlds.length === 0) {
    return verdict(await ask({ text: insertBeforeNested(text, syntheticWorld(interfaces)), world: SYNTHETIC_WORLD }));
  }
  for (const world of worlds) {
    const answer = await ask({ text, world });
    if (!answer.ok) return verdict(answer);
  }
  return { ok: true };
}

/** The world as wit-parser resolves it, printed (imports/exports fully qualified). */
export async function printWorld(dirOrText: { dir: string } | { text: string }, world: string): Promise<string> {
  const answer = await ask({ ...dirOrText, world, print: true });
  if (!answer.ok) throw new Error(`wit-parser rejected the WIT: ${answer.error}`);
  return answer.wit ?? '';
}

function verdict(answer: Answer): OracleVerdict {
  return answer.ok ? { ok: true } : { ok: false, error: answer.error };
}

/** Synthetic world goes into the top-level package: before the first nested package block. */
function insertBeforeNested(text: string, world: string): string {
  const m = /^\s*package\s+[^;{]+\{/m.exec(text);
  return m ? `${text.slice(0, m.index)}\n${world}\n${text.slice(m.index)}` : `${text}\n${world}`;
}

/** Stop the worker (tests call this in afterAll so vitest exits promptly). */
export function stopOracle(): void {
  child?.kill();
  child = undefined;
}
