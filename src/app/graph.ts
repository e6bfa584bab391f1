/**
 * The app as a graph: its components (language, durable/ephemeral/library) and `wasm` files as
 * nodes, its dependencies as edges labelled by type, and the cycles among them (strongly
 * connected groups, a self-dependency on its own) — for `graph` and the API.
 */
import type { App, AppComponent, ComponentType, DependencyType } from './model.js';

export interface ComponentNode {
  /** The component's name. */
  id: string;
  kind: 'component';
  /** `ts`, `rust`, … (undefined: unknown). */
  language?: string;
  type: ComponentType;
}

/** A `wasm` dependency's file, by path (as written, relative to its golem.yaml) or url. */
export interface WasmNode {
  /** `path:<path>` or `url:<url>`. */
  id: string;
  kind: 'wasm';
  path?: string;
  url?: string;
}

export type GraphNode = ComponentNode | WasmNode;

export interface GraphEdge {
  /** The calling component. */
  from: string;
  /** A node id. */
  to: string;
  type: DependencyType;
}

export interface AppGraph {
  /** Components by name, then `wasm` files. */
  nodes: GraphNode[];
  /** By caller, then target, then type. */
  edges: GraphEdge[];
  /** Components that reach each other through their dependencies (each group sorted), a self-dependency alone. */
  cycles: string[][];
}

const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

export function appGraph(app: App, languageOf: (c: AppComponent) => string | undefined): AppGraph {
  const components = [...app.components.values()].sort((a, b) => byText(a.name, b.name));
  const nodes: GraphNode[] = components.map((c) => {
    const language = languageOf(c);
    return { id: c.name, kind: 'component', ...(language ? { language } : {}), type: c.componentType };
  });
  const files = new Map<string, WasmNode>();
  const edges: GraphEdge[] = app.dependencies.map((d) => {
    if (d.target !== undefined) return { from: d.source, to: d.target, type: d.type };
    const node: WasmNode = d.path !== undefined ? { id: `path:${d.path}`, kind: 'wasm', path: d.path } : { id: `url:${d.url}`, kind: 'wasm', url: d.url! };
    files.set(node.id, node);
    return { from: d.source, to: node.id, type: d.type };
  });
  edges.sort((a, b) => byText(a.from, b.from) || byText(a.to, b.to) || byText(a.type, b.type));
  nodes.push(...[...files.values()].sort((a, b) => byText(a.id, b.id)));
  return {
    nodes,
    edges,
    cycles: cycles(
      components.map((c) => c.name),
      edges,
    ),
  };
}

/** Tarjan's strongly connected components, keeping those that are cycles. */
function cycles(names: string[], edges: GraphEdge[]): string[][] {
  const next = new Map(names.map((n) => [n, edges.filter((e) => e.from === n && names.includes(e.to)).map((e) => e.to)]));
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const out: string[][] = [];
  const visit = (v: string) => {
    index.set(v, index.size);
    low.set(v, index.get(v)!);
    stack.push(v);
    for (const w of next.get(v)!) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (stack.includes(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) !== index.get(v)) return;
    const group: string[] = [];
    let w: string;
    do {
      w = stack.pop()!;
      group.push(w);
    } while (w !== v);
    if (group.length > 1 || next.get(v)!.includes(v)) out.push(group.sort(byText));
  };
  for (const n of names) if (!index.has(n)) visit(n);
  return out.sort((a, b) => byText(a[0]!, b[0]!));
}
