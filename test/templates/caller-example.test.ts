/**
 * Callers for any target (issue 18): `add component ts/caller|rust/caller --target` on targets
 * whose functions use every kind of WIT value, durable and ephemeral. The TS caller is
 * type-checked against jco's declarations of its wit-generated (tsc), the Rust caller must parse
 * and be rustfmt-clean (rustfmt on stdin), and the code says what each language's idiom says.
 */
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runAddComponent } from '../../src/commands/add-component.js';
import { silentReporter } from '../../src/report.js';
import { bindingPathsIn, rustfmtProblem, worldBindingModules } from '../build/lib/rust-check.js';
import { printWorld, stopOracle } from '../helpers/wit-oracle.js';
import { typeCheck, writeGuestTypes } from './guest-types.js';
import { createComponents, read, tempApp } from './helpers.js';

afterAll(() => stopOracle());

const FIXTURES = fileURLToPath(new URL('../fixtures/callers/', import.meta.url));

/** An app with a TS provider `name` whose WIT is the fixture, and a TS and a Rust caller of it. */
async function appCalling(fixture: string, provider: string, template: 'ts' | 'ts/ephemeral'): Promise<{ app: string; ts: string; rust: string }> {
  const app = tempApp();
  await createComponents(app, [[template, provider]]);
  copyFileSync(join(FIXTURES, fixture, 'main.wit'), join(app, `components-ts/${provider.replace(':', '-')}/wit/main.wit`));
  await runAddComponent({ cwd: app, template: 'ts/caller', name: 'demo:caller', target: provider }, silentReporter);
  await runAddComponent({ cwd: app, template: 'rust/caller', name: 'demo:rcaller', target: provider }, silentReporter);
  return { app, ts: 'components-ts/demo-caller', rust: 'components-rust/demo-rcaller' };
}

describe('callers of a durable target using every kind of WIT value', () => {
  let app: string;
  let ts: string;
  let rust: string;
  let main: string;
  let lib: string;
  beforeAll(async () => {
    ({ app, ts, rust } = await appCalling('every-type', 'demo:inventory', 'ts'));
    main = read(app, `${ts}/src/main.ts`);
    lib = read(app, `${rust}/src/lib.rs`);
  });

  it('TS: type-checks against the jco declarations of its wit-generated', async () => {
    const files = await writeGuestTypes(join(app, ts));
    expect(files).toContain('interfaces/demo-inventory-client-inventory-client.d.ts');
    expect(typeCheck(app, join(app, ts))).toEqual({ ok: true, output: '' });
  });

  it('TS: values in the idioms of the declarations (3n, typed arrays, { tag, val }, objects, strings for enums)', () => {
    expect(main).toContain('import { Account, Catalog, Ledger } from "demo:inventory-client/inventory-client";');
    expect(main).toContain('const catalog = new Catalog("worker-1");');
    expect(main).toContain('const find = catalog.blockingFind("example", true);');
    expect(main).toContain('if (find !== undefined) lines.push(`find: ${show(find)}`);');
    // A variant is { tag, val }; the case with a primitive payload is the one shown. Flags are an object, a tuple an array.
    expect(main).toContain('catalog.blockingApply("example", [{ tag: "restock", val: 3n }], ["example", { read: true }])');
    expect(main).toContain('catalog.blockingSummary(["example"], 3n)');
    // Resources of the target: constructed (worker name first) and their methods called.
    expect(main).toContain('const account = new Account("worker-1", "example", 1);');
    expect(main).toContain('account.blockingTransfer(new Account("worker-2", "example", 1), 3n)');
    // A nested option is jco's tagged Option; a numeric list a typed array.
    expect(main).toContain('ledger.blockingAudit(new Uint32Array([1]), { tag: "some", val: 1 })');
  });

  it('TS: every returned value is used: a result caught, an option tested, the rest shown', () => {
    expect(main).toMatch(/try \{\n\s+const apply = catalog\.blockingApply\(.*\);\n\s+lines\.push\(`apply: \$\{show\(apply\)\}`\);\n\s+\} catch \(error\) \{/);
    expect(main).toContain('lines.push(`apply failed: ${show((error as { payload?: unknown }).payload)}`);');
    expect(main).toContain('lines.push(`summary: ${show(summary)}`);');
    expect(main).toMatch(/try \{\n\s+account\.blockingTransfer\(.*\);\n\s+lines\.push\("transfer: ok"\);/);
  });

  it('TS: fire-and-forget, scheduled and poll-based calls on three workers', () => {
    expect(main).toContain('account.deposit(3n, "example");');
    expect(main).toContain('const cancellation = account.scheduleDeposit(3n, "example", secondsFromNow(60n));');
    expect(main).toContain('const workers = ["worker-1", "worker-2", "worker-3"].map((name) => new Catalog(name));');
    expect(main).toContain('const findValues = awaitAll(workers.map((worker) => worker.find("example", true)));');
    expect(main).toContain('import { type Pollable, poll } from "wasi:io/poll@0.2.0";');
    expect(main).toContain('import { type Datetime, now } from "wasi:clocks/wall-clock@0.2.0";');
    expect(main).not.toContain('BigInt(');
  });

  it('Rust: parses and is rustfmt-clean', () => {
    expect(rustfmtProblem(lib)).toBeUndefined();
  });

  it('Rust: struct literals, Some(..), Ok(..), enum and variant paths, bitflags, borrowed arguments as wit-bindgen takes them', () => {
    // Too long for one line: rustfmt packs the names into an indented block.
    expect(lib).toContain('use crate::bindings::demo::inventory_client::inventory_client::{\n    Access, Account, Catalog, Change, Ledger,\n};');
    expect(lib).toContain('let find = catalog.blocking_find("example", true);');
    // list<change> at the top of a parameter is a slice; the tuple holds a borrowed string.
    expect(lib).toContain('catalog.blocking_apply("example", &[Change::Restock(3)], ("example", &Access::READ))');
    expect(lib).toContain('catalog.blocking_summary(&["example".to_string()], Some(3))');
    expect(lib).toContain('let account = Account::new("worker-1", "example", Some(1));');
    expect(lib).toContain('account.blocking_transfer(&Account::new("worker-2", "example", Some(1)), 3)');
    expect(lib).toContain('ledger.blocking_audit(&[1], Some(Some(1)))');
  });

  it('Rust: every returned value is used (match on results, if let Some on options)', () => {
    expect(lib).toContain('if let Some(value) = find {\n            lines.push(format!("find: {value:?}"));\n        }');
    expect(lib).toContain(
      'match apply {\n            Ok(value) => lines.push(format!("apply: {value:?}")),\n            Err(error) => lines.push(format!("apply failed: {error:?}")),\n        }',
    );
    expect(lib).toContain('lines.push(format!("summary: {summary:?}"));');
    expect(lib).toContain('lines.push(format!("find on each worker: {values:?}"));');
    expect(lib).toContain('lines.join("\\n")');
  });

  it('Rust: fire-and-forget, scheduled, poll-based calls on three workers', () => {
    expect(lib).toContain('account.deposit(3, Some("example"));');
    expect(lib).toContain('let _cancellation = account.schedule_deposit(3, Some("example"), seconds_from_now(60));');
    expect(lib).toContain('let workers = [\n            Catalog::new("worker-1"),\n            Catalog::new("worker-2"),\n            Catalog::new("worker-3"),\n        ];');
    expect(lib).toContain('let values = await_all(&futures, |future| future.subscribe(), |future| future.get());');
  });

  it('Rust: every `crate::bindings` path is an interface of the generated world', async () => {
    const modules = worldBindingModules(await printWorld({ dir: join(app, rust, 'wit-generated') }, 'demo-rcaller'));
    const used = bindingPathsIn(lib);
    expect(used).toContain('demo::inventory_client::inventory_client');
    for (const path of used) expect(modules).toContain(path);
  });

  it('the type check is real: an enum value the target does not have is caught', async () => {
    const file = join(app, ts, 'src/main.ts');
    const before = readFileSync(file, 'utf8');
    writeFileSync(file, before.replace('{ tag: "restock", val: 3n }', '{ tag: "restock", val: 3 }'));
    const result = typeCheck(app, join(app, ts));
    writeFileSync(file, before);
    expect(result.ok).toBe(false);
    expect(result.output).toContain("Type 'number' is not assignable to type 'bigint'");
  });
});

describe('callers of an ephemeral target', () => {
  let app: string;
  let ts: string;
  let main: string;
  let lib: string;
  beforeAll(async () => {
    const made = await appCalling('ephemeral', 'demo:pricing', 'ts/ephemeral');
    ({ app, ts } = made);
    main = read(app, `${ts}/src/main.ts`);
    lib = read(app, `${made.rust}/src/lib.rs`);
  });

  it('names no worker, schedules nothing, runs two non-blocking calls side by side', () => {
    for (const text of [main, lib]) {
      expect(text).not.toContain('worker-');
      expect(text).not.toContain('workers');
      expect(text).not.toMatch(/schedule/i);
    }
    expect(main).toContain('const quotes = new Quotes();');
    expect(main).toContain('const priceValues = awaitAll([quotes.price({ tag: "single", val: "example" }, 1), quotes.price({ tag: "single", val: "example" }, 1)]);');
    expect(main).toContain('quotes.notify("example");');
    expect(lib).toContain('let quotes = Quotes::new();');
    expect(lib).toContain('let price = quotes.blocking_price(&Request::Single("example".to_string()), Some(1));');
    expect(lib).toMatch(/let futures = \[\n\s+quotes\.price\(&Request::Single\("example"\.to_string\(\)\), Some\(1\)\),\n/);
  });

  it('TS type-checks, Rust is rustfmt-clean', async () => {
    await writeGuestTypes(join(app, ts));
    expect(typeCheck(app, join(app, ts))).toEqual({ ok: true, output: '' });
    expect(rustfmtProblem(lib)).toBeUndefined();
  });
});
