// The import graph of src/: no cycles (static, dynamic and type-only imports all count), and each
// layer imports only from layers below it — cli and api (the CLI's and the programmatic entry, beside each other) → commands → domain (app, templates, rpc) → wit →
// fs, git, text → net → errors.ts, report.ts. Within the domain, rpc and templates may read the app model.
// Prints every problem and exits 1 when there is one. Run by `npm run lint`.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

const root = resolve(dirname(new URL(import.meta.url).pathname), '..');
const src = join(root, 'src');

// net (timeouts, proxies, downloads) sits below git: git's network commands follow its rules.
const RANK = { cli: 6, api: 6, commands: 5, app: 4, templates: 4, rpc: 4, wit: 3, fs: 2, git: 2, text: 2, net: 1.5, '': 1 };
/** Imports across domain folders that are allowed (the app model is read by the others). */
const DOMAIN_EDGES = new Set(['rpc→app', 'templates→app']);

function files(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) => (d.isDirectory() ? files(join(dir, d.name)) : d.name.endsWith('.ts') ? [join(dir, d.name)] : []));
}

const layerOf = (file) => {
  const rel = relative(src, file).split('/');
  return rel.length === 1 ? '' : rel[0];
};

const graph = new Map();
for (const file of files(src)) {
  const text = readFileSync(file, 'utf8');
  const targets = new Set();
  for (const m of text.matchAll(/(?:^|\n)\s*(?:import|export)\b[^'";]*?from\s*'(\.{1,2}\/[^']+)'|import\(\s*'(\.{1,2}\/[^']+)'\s*\)/g)) {
    const spec = m[1] ?? m[2];
    targets.add(resolve(dirname(file), spec.replace(/\.js$/, '.ts')));
  }
  graph.set(file, [...targets]);
}

const problems = [];
const show = (f) => relative(root, f);

for (const [file, targets] of graph) {
  const from = layerOf(file);
  for (const target of targets) {
    if (!graph.has(target)) {
      problems.push(`${show(file)} imports ${show(target)}, which does not exist`);
      continue;
    }
    const to = layerOf(target);
    if (from === to) continue;
    const ok = RANK[to] < RANK[from] || DOMAIN_EDGES.has(`${from}→${to}`);
    if (!ok) problems.push(`layering: ${show(file)} (${from || 'src'}) imports ${show(target)} (${to || 'src'})`);
  }
}

// Tarjan's strongly connected components: every component with more than one file is a cycle.
let index = 0;
const stack = [];
const info = new Map();
function connect(v) {
  const node = { index, low: index, onStack: true };
  index++;
  info.set(v, node);
  stack.push(v);
  for (const w of graph.get(v) ?? []) {
    if (!graph.has(w)) continue;
    const other = info.get(w);
    if (!other) {
      connect(w);
      node.low = Math.min(node.low, info.get(w).low);
    } else if (other.onStack) node.low = Math.min(node.low, other.index);
  }
  if (node.low === node.index) {
    const component = [];
    let w;
    do {
      w = stack.pop();
      info.get(w).onStack = false;
      component.push(w);
    } while (w !== v);
    const selfLoop = (graph.get(v) ?? []).includes(v);
    if (component.length > 1 || selfLoop) problems.push(`import cycle: ${component.map(show).sort().join(' ⇄ ')}`);
  }
}
for (const v of graph.keys()) if (!info.has(v)) connect(v);

if (problems.length) {
  for (const p of problems) console.error(p);
  process.exit(1);
}
console.log(`imports: ${graph.size} files, no cycles, layers respected`);
