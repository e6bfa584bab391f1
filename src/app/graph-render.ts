/**
 * The app graph as text: `tree` for the terminal, `mermaid` for READMEs (a flowchart), `dot` for
 * Graphviz. Every format shows each component with its language and type, every edge with its
 * dependency type; self-dependencies and cycles are drawn as what they are.
 */
import type { AppGraph, ComponentNode, GraphEdge, GraphNode } from './graph.js';

export const GRAPH_FORMATS = ['tree', 'mermaid', 'dot'] as const;
export type GraphFormat = (typeof GRAPH_FORMATS)[number];

export function renderGraph(graph: AppGraph, format: GraphFormat, name: string): string {
  return format === 'tree' ? renderTree(graph) : format === 'mermaid' ? renderMermaid(graph) : renderDot(graph, name);
}

/** `ts, durable`; `durable` when the language is unknown; the path or url of a `wasm` file. */
function details(node: GraphNode): string {
  if (node.kind === 'wasm') return node.path ?? node.url!;
  return [node.language, node.type].filter(Boolean).join(', ');
}

const title = (node: GraphNode) => (node.kind === 'component' ? `${node.id} (${details(node)})` : `${details(node)} (${node.path !== undefined ? 'file' : 'url'})`);

/**
 * Components that nothing else calls are the roots (then, for cycles nothing enters, the first
 * component not shown yet). A component is expanded where it first appears; later it is marked
 * `(itself)`, `(cycle)` when it calls back into its own path, or `(see above)`.
 */
export function renderTree(graph: AppGraph): string {
  const nodes = new Map(graph.nodes.map((n) => [n.id, n]));
  const components = graph.nodes.filter((n): n is ComponentNode => n.kind === 'component');
  if (components.length === 0) return '(no components)\n';
  const out = (from: string) => graph.edges.filter((e) => e.from === from);
  const called = new Set(graph.edges.filter((e) => e.from !== e.to).map((e) => e.to));
  const expanded = new Set<string>();
  const lines: string[] = [];

  const children = (id: string, path: string[], indent: string) => {
    const edges = out(id);
    edges.forEach((e: GraphEdge, i) => {
      const last = i === edges.length - 1;
      const node = nodes.get(e.to)!;
      const mark = e.to === id ? ' (itself)' : path.includes(e.to) ? ' (cycle)' : node.kind === 'component' && expanded.has(e.to) ? ' (see above)' : '';
      lines.push(`${indent}${last ? '└─ ' : '├─ '}${e.type} → ${mark ? e.to : title(node)}${mark}`);
      if (!mark && node.kind === 'component') {
        expanded.add(e.to);
        children(e.to, [...path, e.to], `${indent}${last ? '   ' : '│  '}`);
      }
    });
  };
  const root = (node: ComponentNode) => {
    expanded.add(node.id);
    lines.push(title(node));
    children(node.id, [node.id], '');
  };
  for (const c of components) if (!called.has(c.id)) root(c);
  for (const c of components) if (!expanded.has(c.id)) root(c);
  return `${lines.join('\n')}\n`;
}

/** Text inside a mermaid `"…"` label: its own entity codes for what would end the label or read as HTML. */
const mermaidText = (s: string) => s.replace(/[#"<>&]/g, (c) => `#${c.charCodeAt(0)};`);

/** Shapes by type: durable a box, ephemeral a stadium, library a subroutine, a `wasm` file a parallelogram. */
function mermaidNode(id: string, node: GraphNode): string {
  const label = `"${mermaidText(node.id.replace(/^(path|url):/, ''))}<br/>${mermaidText(node.kind === 'wasm' ? (node.path !== undefined ? 'wasm file' : 'wasm url') : details(node))}"`;
  if (node.kind === 'wasm') return `${id}[/${label}/]`;
  return node.type === 'ephemeral' ? `${id}([${label}])` : node.type === 'library' ? `${id}[[${label}]]` : `${id}[${label}]`;
}

const MERMAID_ARROWS: Record<GraphEdge['type'], string> = { 'wasm-rpc': '-->', 'static-wasm-rpc': '-.->', wasm: '==>' };

export function renderMermaid(graph: AppGraph): string {
  const ids = new Map(graph.nodes.map((n, i) => [n.id, `n${i}`]));
  const lines = ['flowchart LR'];
  for (const n of graph.nodes) lines.push(`  ${mermaidNode(ids.get(n.id)!, n)}`);
  for (const e of graph.edges) lines.push(`  ${ids.get(e.from)} ${MERMAID_ARROWS[e.type]}|"${e.type}"| ${ids.get(e.to)}`);
  return `${lines.join('\n')}\n`;
}

/** A DOT double-quoted string. */
const dotString = (s: string) => `"${s.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\r?\n/g, '\\n')}"`;

const DOT_NODE_STYLE: Record<string, string> = {
  durable: '',
  ephemeral: ', style="rounded,dashed"',
  library: ', shape=component',
};
const DOT_EDGE_STYLE: Record<GraphEdge['type'], string> = { 'wasm-rpc': '', 'static-wasm-rpc': ', style=dashed', wasm: ', style=bold' };

export function renderDot(graph: AppGraph, name: string): string {
  const lines = [`digraph ${dotString(name)} {`, '  rankdir=LR;', '  node [shape=box, style=rounded];'];
  for (const n of graph.nodes) {
    if (n.kind === 'wasm') lines.push(`  ${dotString(n.id)} [label=${dotString(`${details(n)}\n${n.path !== undefined ? 'wasm file' : 'wasm url'}`)}, shape=note];`);
    else lines.push(`  ${dotString(n.id)} [label=${dotString(`${n.id}\n${details(n)}`)}${DOT_NODE_STYLE[n.type]}];`);
  }
  for (const e of graph.edges) lines.push(`  ${dotString(e.from)} -> ${dotString(e.to)} [label=${dotString(e.type)}${DOT_EDGE_STYLE[e.type]}];`);
  lines.push('}');
  return `${lines.join('\n')}\n`;
}
