/**
 * wit-parser's stable topological sort: among the nodes whose dependencies are placed, always
 * take the earliest in source order. Used for types inside an interface and for the interfaces
 * and worlds of a package, so our orders match wit-parser's.
 */

export interface TopoEdge {
  /** Index of the node depended upon. */
  to: number;
  /** Offset to report when the edge closes a cycle. */
  at: number;
}

/** Returns node indices in order, or `{cycle}` naming a node on a cycle and the edge offset. */
export function stableToposort(edges: TopoEdge[][]): { order: number[] } | { cycle: { node: number; from: number; at: number } } {
  const n = edges.length;
  const remaining = new Int32Array(n);
  const reverse: number[][] = Array.from({ length: n }, () => []);
  for (let i = 0; i < n; i++) {
    remaining[i] = edges[i]!.length;
    for (const e of edges[i]!) reverse[e.to]!.push(i);
  }
  const heap = new MinHeap();
  for (let i = 0; i < n; i++) if (remaining[i] === 0) heap.push(i);
  const order: number[] = [];
  while (heap.size > 0) {
    const i = heap.pop();
    order.push(i);
    for (const j of reverse[i]!) if (--remaining[j]! === 0) heap.push(j);
  }
  if (order.length === n) return { order };
  for (let i = 0; i < n; i++) {
    if (remaining[i] === 0) continue;
    for (const e of edges[i]!) if (remaining[e.to] !== 0) return { cycle: { node: e.to, from: i, at: e.at } };
  }
  return { cycle: { node: 0, from: 0, at: 0 } };
}

class MinHeap {
  private readonly items: number[] = [];
  get size(): number {
    return this.items.length;
  }
  push(x: number): void {
    const a = this.items;
    a.push(x);
    let i = a.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (a[parent]! <= x) break;
      a[i] = a[parent]!;
      i = parent;
    }
    a[i] = x;
  }
  pop(): number {
    const a = this.items;
    const top = a[0]!;
    const last = a.pop()!;
    if (a.length > 0) {
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        if (l >= a.length) break;
        const r = l + 1;
        const c = r < a.length && a[r]! < a[l]! ? r : l;
        if (a[c]! >= last) break;
        a[i] = a[c]!;
        i = c;
      }
      a[i] = last;
    }
    return top;
  }
}
