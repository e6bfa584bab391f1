/**
 * Differential test: our resolver accepts exactly the WIT that wasm-tools' wit-parser accepts,
 * over the corpus in test/fixtures/wit (single texts and directories), the project's wit/deps
 * packages and every WIT directory the templates ship. For accepted directories the elaborated
 * worlds (interface imports/exports, in order) must equal wit-parser's.
 */
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { interfaceId, loadWitDir, resolveWitText, WitError, type Resolve, type World } from '../../src/wit/index.js';
import { checkWitDir, checkWitText, printWorld, stopOracle, topLevelItems } from '../helpers/wit-oracle.js';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const FIXTURES = join(ROOT, 'test', 'fixtures', 'wit');
const DEPS = join(ROOT, 'wit', 'deps');

afterAll(() => stopOracle());

/** Our verdict: resolves without error, and every top-level world survives feature gates. */
function ours(run: () => Resolve, worlds: string[]): { ok: boolean; error?: string; resolve?: Resolve } {
  try {
    const resolve = run();
    const missing = worlds.find((w) => !resolve.mainPackage.worlds.some((x) => x.name === w));
    return missing ? { ok: false, error: `world ${missing} is gated out` } : { ok: true, resolve };
  } catch (e) {
    if (e instanceof WitError) return { ok: false, error: e.format() };
    throw e; // anything else is a bug and fails the test
  }
}

/** `import x;` / `export x;` lines of named interfaces, as wit-parser prints a world. */
function interfaceLines(printed: string): string[] {
  return printed
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => /^(import|export) [^\s:]+:[^\s]+;$/.test(l));
}

function ourInterfaceLines(world: World): string[] {
  const lines = (kind: string, entries: World['imports']) => entries.flatMap((e) => (e.key.kind === 'interface' ? [`${kind} ${interfaceId(e.key.interface)};`] : []));
  return [...lines('import', world.imports), ...lines('export', world.exports)];
}

function mainWorldNames(dir: string): string[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.wit') && statSync(join(dir, f)).isFile())
    .flatMap((f) => topLevelItems(readFileSync(join(dir, f), 'utf8')).worlds);
}

async function compareDir(dir: string): Promise<void> {
  const oracle = await checkWitDir(dir);
  const mine = ours(() => loadWitDir(dir), mainWorldNames(dir));
  expect({ dir, ok: mine.ok, error: mine.error }).toEqual({ dir, ok: oracle.ok, error: mine.error });
  if (!mine.ok || !mine.resolve) return;
  for (const world of mine.resolve.mainPackage.worlds) {
    const printed = await printWorld({ dir }, world.name);
    expect(ourInterfaceLines(world), `${dir} world ${world.name}`).toEqual(interfaceLines(printed));
  }
}

function witDirs(root: string): string[] {
  if (!existsSync(root)) return [];
  const out = new Set<string>();
  const walk = (d: string): void => {
    for (const e of readdirSync(d)) {
      const p = join(d, e);
      if (statSync(p).isDirectory()) {
        if (e !== 'node_modules') walk(p);
      } else if (e.endsWith('.wit') && !relative(root, p).split('/').includes('deps')) out.add(d);
    }
  };
  walk(root);
  return [...out].sort();
}

describe('text corpus (test/fixtures/wit/text)', () => {
  const dir = join(FIXTURES, 'text');
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.wit'))
    .sort();

  it('has valid and invalid cases', () => {
    expect(files.filter((f) => f.startsWith('ok-')).length).toBeGreaterThan(40);
    expect(files.filter((f) => f.startsWith('err-')).length).toBeGreaterThan(60);
  });

  it.each(files)('%s: wit-parser and ours agree with the recorded verdict', async (file) => {
    const text = readFileSync(join(dir, file), 'utf8');
    const expected = file.startsWith('ok-');
    const oracle = await checkWitText(text);
    const mine = ours(() => resolveWitText(text, file), topLevelItems(text).worlds);
    expect({ oracle: oracle.ok, ours: mine.ok, error: mine.error }).toEqual({ oracle: expected, ours: expected, error: mine.error });
  });
});

describe('directory corpus (test/fixtures/wit/dirs)', () => {
  const root = join(FIXTURES, 'dirs');
  const dirs = readdirSync(root).sort();
  it.each(dirs)('%s', async (name) => {
    await compareDir(join(root, name));
    const oracle = await checkWitDir(join(root, name));
    expect(oracle.ok).toBe(name.startsWith('ok-'));
  });
});

describe('the WIT the project ships', () => {
  const packages = readdirSync(DEPS)
    .filter((d) => statSync(join(DEPS, d)).isDirectory())
    .sort();

  it.each(packages)('wit/deps/%s as a main package, the rest as deps', async (pkg) => {
    const tmp = mkdtempSync(join(tmpdir(), 'wit-deps-'));
    try {
      cpSync(join(DEPS, pkg), tmp, { recursive: true });
      for (const other of packages) if (other !== pkg) cpSync(join(DEPS, other), join(tmp, 'deps', other), { recursive: true });
      await compareDir(tmp);
      expect(ours(() => loadWitDir(tmp), []).ok).toBe(true);
    } finally {
      rmSync(tmp, { recursive: true, force: true });
    }
  });

  const templateDirs = witDirs(join(ROOT, 'templates'));
  it("finds the templates' WIT directories", () => {
    expect(templateDirs.length).toBeGreaterThan(0);
  });
  it.each(templateDirs.map((d) => [relative(ROOT, d), d]))('%s (with wit/deps)', async (_name, dir) => {
    const tmp = mkdtempSync(join(tmpdir(), 'wit-template-'));
    try {
      cpSync(dir, tmp, { recursive: true });
      if (!existsSync(join(tmp, 'deps'))) cpSync(DEPS, join(tmp, 'deps'), { recursive: true });
      await compareDir(tmp);
    } finally {
      rmSync(tmp, { recursive: true, force: true });
    }
  });
});
