/**
 * Issue 18 in the build tier: a TS provider whose functions use every kind of WIT value
 * (test/fixtures/callers/every-type/main.wit, implemented by test/fixtures/build/inventory-provider.ts)
 * and a TS caller made by `add component ts/caller --target`. With the app's packages installed:
 * `generate` writes the same `src/generated` declarations the build's jco guest-types step
 * writes, and a second run rewrites nothing; the caller type-checks against jco 1.10.2's
 * declarations and builds (rollup + tsc, jco componentize), and its example calls reach the
 * provider through the stand-in client (test/fixtures/build/client-shim-runtime.mjs).
 */
import { readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { invoke, placeFixture, printComponentWorld, transpile, worldItems } from './lib/component-js.js';
import { cliOk } from './lib/scaffold.js';
import { builtOnce, workRoot } from './lib/tier-app.js';

const INVENTORY = 'demo:inventory';
const CALLER = 'demo:caller';
const CLIENT = 'demo:inventory-client/inventory-client';
const DECLARATIONS = ['components-ts/demo-inventory/src/generated', 'components-ts/demo-caller/src/generated'];

const fixture = (path: string) => fileURLToPath(new URL(`../fixtures/${path}`, import.meta.url));
const root = workRoot();
afterAll(() => root.dispose());

/** Every file below `dir` (relative path → bytes as text). */
function tree(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const rel of (readdirSync(dir, { recursive: true }) as string[]).sort()) {
    const path = join(dir, rel);
    if (statSync(path).isFile()) out.set(rel, readFileSync(path, 'utf8'));
  }
  return out;
}

/** Modification times of every file below the folders, to show a run rewrote nothing. */
function mtimes(base: string, dirs: string[]): Map<string, number> {
  const out = new Map<string, number>();
  for (const dir of dirs) for (const rel of tree(join(base, dir)).keys()) out.set(`${dir}/${rel}`, statSync(join(base, dir, rel)).mtimeMs);
  return out;
}

describe.sequential('a TS caller of a target using every kind of WIT value', () => {
  const app = builtOnce(root.dir, 'inventory', {
    components: [{ name: INVENTORY, template: 'ts' }],
    files: {
      'components-ts/demo-inventory/wit/main.wit': fixture('callers/every-type/main.wit'),
      'components-ts/demo-inventory/src/main.ts': fixture('build/inventory-provider.ts'),
    },
    afterwards: [['add', 'component', 'ts/caller', CALLER, '--target', INVENTORY]],
  });

  it("generate writes, with the app's jco, the declarations the build's guest-types step writes; a second run rewrites nothing", () => {
    const dir = app().dir;
    // The build ran its guest-types step: that is what generate must write.
    const byBuild = DECLARATIONS.map((d) => tree(join(dir, d)));
    expect(byBuild[1]!.has('interfaces/demo-inventory-client-inventory-client.d.ts')).toBe(true);
    for (const d of [...DECLARATIONS, 'golem-temp/ts-declarations']) rmSync(join(dir, d), { recursive: true, force: true });

    const first = cliOk(['generate'], dir).stdout;
    expect(first).toContain(`added ${DECLARATIONS[1]}/ (${byBuild[1]!.size} files)`);
    expect(DECLARATIONS.map((d) => tree(join(dir, d)))).toEqual(byBuild);

    const before = mtimes(dir, [...DECLARATIONS, 'golem-temp/ts-declarations']);
    const second = cliOk(['generate'], dir).stdout;
    expect(second).not.toMatch(/^\S*\s*(added|updated|removed) /m);
    expect(second).toMatch(/generated WIT up to date/);
    expect(mtimes(dir, [...DECLARATIONS, 'golem-temp/ts-declarations'])).toEqual(before);
  });

  it('changed inputs run jco again; a file jco no longer writes is removed, one someone edited is written back', () => {
    const dir = app().dir;
    const stray = join(dir, DECLARATIONS[0]!, 'stray.d.ts');
    writeFileSync(stray, 'declare const stray: number;\n');
    const edited = join(dir, DECLARATIONS[1]!, 'wit-generated.d.ts');
    const original = readFileSync(edited, 'utf8');
    writeFileSync(edited, `${original}// edited\n`);
    const out = cliOk(['generate'], dir).stdout;
    expect(out).toContain(`removed ${DECLARATIONS[0]}/stray.d.ts`);
    expect(out).toContain(`updated ${DECLARATIONS[1]}/wit-generated.d.ts`);
    expect(readFileSync(edited, 'utf8')).toBe(original);
  });

  it("the caller imports the target's client and builds against jco 1.10.2's declarations", () => {
    const built = app().built.get(CALLER);
    expect(built).toBeDefined();
    expect(worldItems(printComponentWorld(app().dir, built!.wasm)).imports).toContain(CLIENT);
  });

  it('its example calls reach the provider with values of every type, and use what comes back', () => {
    const dir = app().dir;
    transpile(dir, app().built.get(INVENTORY)!.wasm, 'provider', { instantiation: 'sync' });
    for (const f of ['inventory-client-shim.mjs', 'client-shim-runtime.mjs', 'golem-rpc-types-shim.mjs']) placeFixture(dir, f);
    const module = transpile(dir, app().built.get(CALLER)!.wasm, 'caller', {
      maps: { [CLIENT]: '../inventory-client-shim.mjs', 'golem:rpc/types@0.2.0': '../golem-rpc-types-shim.mjs' },
    });
    const { results, forwarded } = invoke(dir, module, 'demoCallerApi', [{ fn: 'runExample' }]);
    const calls = forwarded as { via: string; client?: string; worker?: string; fn?: string; args?: string[]; result?: string | null }[];
    const call = (via: string, fn: string) => calls.find((c) => c.via === via && c.fn === fn);

    // Arguments of every kind crossed over: a variant, a tuple with flags, a typed array, a tagged option, a resource.
    expect(call('blocking', 'apply')?.args).toEqual(['example', '[{"tag":"restock","val":"3"}]', '["example",{"read":true,"write":false,"adminOnly":false}]']);
    expect(call('blocking', 'summary')?.args).toEqual(['["example"]', '3']);
    expect(call('blocking', 'audit')?.args).toEqual(['["1"]', '{"tag":"some","val":1}']);
    expect(call('blocking', 'transfer')?.args?.[1]).toBe('3');
    // Fire-and-forget, scheduled (recorded, not run), and futures on three workers.
    expect(call('trigger', 'deposit')?.worker).toBe('worker-1');
    expect(call('schedule', 'deposit')?.args).toEqual(['3', 'example']);
    expect(calls.filter((c) => c.via === 'future' && c.fn === 'find').map((c) => c.worker)).toEqual(['worker-1', 'worker-2', 'worker-3']);

    // What came back was used: the caller's text holds the provider's answers.
    const text = String(results[0]);
    expect(text).toContain('apply: [3,"basic"]');
    expect(text).toContain('summary: [["example","6"]]');
    expect(text).toContain('audit: [{"tag":"ok","val":1}]');
    expect(text).toContain('balance: 3');
    expect(text).toContain('transfer: ok');
    expect(text).toMatch(/find on each worker: \{"tag":"some","val":\{"sku":"example",/);
  });
});
