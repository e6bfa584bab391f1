/**
 * `graph` and `list` through the built CLI, on an app of four components made by
 * `create-golem-app` (TS and Rust; durable, ephemeral, library) with a self-dependency, a cycle
 * through a static-wasm-rpc edge, and a `wasm` file: the tree as a golden file, mermaid accepted by
 * mermaid's own parser (under jsdom), DOT accepted by Graphviz, JSON checked against the schemas.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { JSDOM } from 'jsdom';
import { beforeAll, describe, expect, it } from 'vitest';
import { appGraph } from '../../src/app/graph.js';
import { renderDot, renderMermaid, renderTree } from '../../src/app/graph-render.js';
import type { App } from '../../src/app/index.js';
import { errorOf, ROOT, runCli, tempDir } from '../helpers/cli.js';
import { expectJson } from '../helpers/json-schemas.js';

const GOLDEN = join(ROOT, 'test/fixtures/graph/four-components.tree.txt');

/**
 * shop:cart → itself, → shop:stock; shop:stock ⇢ shop:pricing (static) → shop:stock (a cycle);
 * shop:audit, a library, → shop:pricing and a wasm file.
 */
function fourComponentApp(): string {
  const parent = tempDir('cga-graph-');
  const r = runCli(
    [
      'shop',
      '--yes',
      '--no-git',
      ...['--component', 'shop:cart', '--component', 'shop:stock', '--component', 'shop:pricing', '--component', 'shop:audit'],
      ...['-t', 'ts', '-t', 'rust', '-t', 'ts/ephemeral', '-t', 'ts'],
      ...[
        '--dependency',
        'shop:cart=shop:stock',
        '--dependency',
        'shop:cart=shop:cart',
        '--dependency',
        'shop:stock=shop:pricing=static-wasm-rpc',
        '--dependency',
        'shop:pricing=shop:stock',
        '--dependency',
        'shop:audit=shop:pricing',
      ],
    ],
    { cwd: parent },
  );
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  const root = join(parent, 'shop');
  const audit = join(root, 'components-ts/shop-audit/golem.yaml');
  writeFileSync(
    audit,
    readFileSync(audit, 'utf8')
      .replace('    type: wasm-rpc\n', '    type: wasm-rpc\n  - path: lib/helper.wasm\n    type: wasm\n')
      .replace('    template: ts\n', '    template: ts\n    componentType: library\n'),
  );
  return root;
}

/** mermaid.parse in a jsdom window: mermaid's own grammar decides. */
async function mermaidParse(text: string): Promise<unknown> {
  const g = globalThis as Record<string, unknown>;
  if (!g.window) {
    const dom = new JSDOM('<!doctype html><html><body></body></html>');
    g.window = dom.window;
    g.document = dom.window.document;
  }
  const { default: mermaid } = await import('mermaid');
  mermaid.initialize({ startOnLoad: false });
  return mermaid.parse(text);
}

/** Graphviz reads the text; returns its JSON rendering (nodes as objects, edges). */
function graphviz(text: string): { objects?: { name: string }[]; edges?: unknown[] } {
  const r = spawnSync('dot', ['-Tjson'], { input: text, encoding: 'utf8' });
  expect(r.error, 'Graphviz (dot) must be installed: apt-get install graphviz').toBeUndefined();
  expect(r.stderr).toBe('');
  expect(r.status).toBe(0);
  return JSON.parse(r.stdout) as { objects?: { name: string }[]; edges?: unknown[] };
}

describe('graph and list (CLI)', () => {
  let root: string;
  beforeAll(() => {
    root = fourComponentApp();
  });

  it('tree: the golden file (self-dependency, cycle, see-above, wasm file)', () => {
    const r = runCli(['graph'], { cwd: join(root, 'components-ts') });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(readFileSync(GOLDEN, 'utf8'));
    for (const mark of ['(itself)', '(cycle)', '(see above)']) expect(r.stdout).toContain(`${mark}\n`);
  });

  it('mermaid: accepted by mermaid.parse; a broken copy is not', async () => {
    const r = runCli(['graph', '--format', 'mermaid', '--app', root]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^flowchart LR\n/);
    expect(r.stdout).toContain('-.->|"static-wasm-rpc"|');
    expect(await mermaidParse(r.stdout)).toMatchObject({ diagramType: 'flowchart-v2' });
    await expect(mermaidParse(r.stdout.replace('-->|"wasm-rpc"|', '-->|"wasm-rpc|'))).rejects.toThrow();
  });

  it('dot: Graphviz lays it out with every node and edge', () => {
    const r = runCli(['graph', '--format', 'dot', '--app', root]);
    expect(r.code).toBe(0);
    const laid = graphviz(r.stdout);
    expect(laid.objects?.map((o) => o.name).sort()).toEqual(['path:lib/helper.wasm', 'shop:audit', 'shop:cart', 'shop:pricing', 'shop:stock']);
    expect(laid.edges).toHaveLength(6);
  });

  it('--json: nodes, edges, cycles (schema-checked)', () => {
    const graph = expectJson<{ nodes: { id: string }[]; edges: { from: string; to: string; type: string }[]; cycles: string[][] }>(
      'graph',
      runCli(['graph', '--json', '--app', root]).stdout,
    );
    expect(graph.nodes.map((n) => n.id)).toEqual(['shop:audit', 'shop:cart', 'shop:pricing', 'shop:stock', 'path:lib/helper.wasm']);
    expect(graph.edges).toContainEqual({ from: 'shop:stock', to: 'shop:pricing', type: 'static-wasm-rpc' });
    expect(graph.cycles).toEqual([['shop:cart'], ['shop:pricing', 'shop:stock']]);
  });

  it('list: a table with each component’s dependencies; --json schema-checked', () => {
    const text = runCli(['list', '--app', root]);
    expect(text.code).toBe(0);
    expect(text.stdout.split('\n').slice(0, 4)).toEqual([
      'COMPONENT     LANGUAGE  TEMPLATE  TYPE       FOLDER',
      'shop:audit    ts        ts        library    components-ts/shop-audit',
      '  → shop:pricing (wasm-rpc)',
      '  → lib/helper.wasm (wasm)',
    ]);
    const listing = expectJson<{ components: { name: string; language: string; template: string; folder: string; dependencies: unknown[] }[] }>(
      'list',
      runCli(['list', '--json', '--app', root]).stdout,
    );
    const stock = listing.components.find((c) => c.name === 'shop:stock')!;
    expect(stock).toMatchObject({ language: 'rust', template: 'rust', type: 'durable', folder: 'components-rust/shop-stock', manifest: 'components-rust/shop-stock/golem.yaml' });
    expect(stock.dependencies).toEqual([{ type: 'static-wasm-rpc', target: 'shop:pricing', manifest: 'components-rust/shop-stock/golem.yaml', line: 15 }]);
  });

  it('bad flags: one error line; in JSON mode the error shape', () => {
    const bad = runCli(['graph', '--format', 'svg', '--app', root]);
    expect(bad.code).toBe(1);
    expect(errorOf(bad.stderr).line).toBe("unknown --format 'svg'.");
    const both = runCli(['graph', '--format', 'dot', '--json', '--app', root]);
    expect(both.code).toBe(2);
    expect(both.stderr).toBe('');
    expect(expectJson('error', both.stdout)).toMatchObject({ error: { code: 'E_USAGE', message: '--json and --format do not go together.' } });
    const outside = runCli(['list', '--json'], { cwd: tempDir() });
    expect(outside.code).toBe(1);
    expect(expectJson<{ error: { code: string } }>('error', outside.stdout).error.code).toBe('E_APP');
  });
});

describe('graph renderers on hostile names', () => {
  // Paths and urls are the user's text: quotes, brackets, entities and backslashes stay labels.
  const app = {
    root: '/x',
    components: new Map([
      ['a:b', { name: 'a:b', componentType: 'ephemeral', template: 'rust' }],
      ['a:c', { name: 'a:c', componentType: 'library' }],
    ]),
    dependencies: [
      { source: 'a:b', type: 'wasm', path: 'lib/"odd" [x] {y} #1;.wasm' },
      { source: 'a:b', type: 'wasm', url: 'https://h/<b>&amp;\\n.wasm' },
      { source: 'a:c', type: 'wasm-rpc', target: 'a:b' },
      { source: 'a:b', type: 'wasm-rpc', target: 'a:c' },
    ],
  } as unknown as App;
  const graph = appGraph(app, (c) => c.template);

  it('mermaid and dot still parse; the tree names them', async () => {
    expect(await mermaidParse(renderMermaid(graph))).toMatchObject({ diagramType: 'flowchart-v2' });
    expect(graphviz(renderDot(graph, 'my "app"')).edges).toHaveLength(4);
    expect(renderTree(graph)).toBe(
      [
        'a:b (rust, ephemeral)',
        '├─ wasm-rpc → a:c (library)',
        '│  └─ wasm-rpc → a:b (cycle)',
        '├─ wasm → lib/"odd" [x] {y} #1;.wasm (file)',
        '└─ wasm → https://h/<b>&amp;\\n.wasm (url)',
        '',
      ].join('\n'),
    );
    expect(graph.cycles).toEqual([['a:b', 'a:c']]);
  });
});
