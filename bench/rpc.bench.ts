// Client generation for a target with 1k / 10k / 100k functions, side by side with wit-parser's
// componentEmbed of the same target (jco-transpile: it parses, resolves and also encodes a tiny
// dummy module). A second run with nothing changed must write 0 files.
import { createRequire } from 'node:module';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { App, AppComponent } from '../src/app/index.js';
import { silentReporter } from '../src/report.js';
import { generate } from '../src/rpc/index.js';
import { report, sideBySide } from './lib.js';

const require = createRequire(import.meta.url);
const toolsPath = require.resolve('@bytecodealliance/jco-transpile/wasm-tools');
const tools = (await import(toolsPath)) as { componentEmbed(o: { dummy: boolean; witSource: string; world: string }): Promise<unknown> };

function targetWit(functions: number): string {
  const lines = ['package bench:target;', '', 'interface api {', '  record item { id: u64, name: string, tags: list<string> }'];
  for (let i = 0; i < functions; i++) lines.push(i % 2 ? `  fetch-${i}: func(id: u64, filter: option<string>) -> result<item, string>;` : `  notify-${i}: func(item: item);`);
  lines.push('}', '', 'world target {', '  export api;', '}', '');
  return lines.join('\n');
}

function component(root: string, name: string, wit: string): AppComponent {
  const dir = join(root, name.replace(':', '-'));
  mkdirSync(join(dir, 'wit'), { recursive: true });
  writeFileSync(join(dir, 'wit', 'main.wit'), wit);
  return {
    name,
    dir,
    manifestPath: join(dir, 'golem.yaml'),
    sourceWit: join(dir, 'wit'),
    generatedWit: join(dir, 'wit-generated'),
    build: [],
    customCommands: {},
    clean: [],
    componentType: 'durable',
    env: {},
    files: [],
    plugins: [],
    profiles: {},
    raw: {},
    location: { file: join(root, 'golem.yaml'), line: 1, column: 1 },
  };
}

function benchApp(text: string): App {
  const root = mkdtempSync(join(tmpdir(), 'cga-bench-rpc-'));
  const target = component(root, 'bench:target', text);
  const caller = component(root, 'bench:caller', 'package bench:caller;\n\ninterface run {\n  go: func();\n}\n\nworld caller {\n  export run;\n}\n');
  return {
    root,
    manifests: [],
    tempDir: join(root, 'golem-temp'),
    witDeps: [resolve('wit', 'deps')],
    templates: new Map(),
    components: new Map([
      [target.name, target],
      [caller.name, caller],
    ]),
    dependencies: [{ source: caller.name, target: target.name, type: 'wasm-rpc', manifestPath: '', location: { file: '', line: 1, column: 1 } }],
  };
}

let allOk = true;
for (const functions of [1_000, 10_000, 100_000]) {
  const text = targetWit(functions);
  const app = benchApp(text);
  // Each round writes to new output folders (deleting folders is not what is measured).
  let round = 0;
  const fresh = () => {
    round++;
    app.tempDir = join(app.root, `golem-temp-${round}`);
    for (const c of app.components.values()) c.generatedWit = join(c.dir, `wit-generated-${round}`);
  };
  // More rounds where a round is cheap: the median then reflects warmed-up code on both sides.
  const rounds = functions >= 100_000 ? 3 : functions >= 10_000 ? 9 : 25;
  const measured = await sideBySide(
    rounds,
    {
      label: 'generate (from scratch)',
      run: async () => {
        fresh();
        await generate(app, {}, silentReporter);
      },
    },
    { label: 'wit-parser componentEmbed', run: () => tools.componentEmbed({ dummy: true, witSource: text, world: 'target' }) },
  );
  const ok = report(`rpc generate, target with ${functions} functions (${(text.length / 1e6).toFixed(2)} MB)`, measured, 1.0);
  const second = await generate(app, {}, silentReporter);
  const written = second.added.length + second.changed.length + second.removed.length;
  console.log(`  second run with nothing changed: ${written} files written (${second.unchanged.length} unchanged) ${written === 0 ? 'ok' : 'MISSED'}`);
  allOk &&= written === 0;
  if (!ok) console.log('  (ratio target missed: reported, not failed)');
  rmSync(app.root, { recursive: true, force: true });
}
process.exit(allOk ? 0 : 1);
