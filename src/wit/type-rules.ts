/** Facts about resolved and syntactic types that the resolver checks (resources, borrows, dependencies). */
import type * as A from './ast.js';
import type * as M from './model.js';

/** Shared, never mutated: most parameters are primitives. */
export const PRIMITIVE_TYPES = new Map<A.PrimitiveName, M.Type>(
  (['bool', 'u8', 'u16', 'u32', 'u64', 's8', 's16', 's32', 's64', 'f32', 'f64', 'char', 'string'] as const).map((name) => [name, Object.freeze({ kind: 'primitive', name })]),
);

export function isTypeDef(item: A.InterfaceItem | A.WorldItem): item is A.TypeDef {
  return item.kind === 'alias' || item.kind === 'record' || item.kind === 'variant' || item.kind === 'enum' || item.kind === 'flags' || item.kind === 'resource';
}

/** Names a definition refers to (resource methods excluded, as in wit-parser). */
export function collectDeps(def: A.TypeDef, out: A.Id[]): void {
  const visit = (t: A.TypeRef): void => {
    switch (t.kind) {
      case 'primitive':
        return;
      case 'named':
        out.push(t.name);
        return;
      case 'own':
      case 'borrow':
        out.push(t.resource);
        return;
      case 'list':
      case 'option':
        visit(t.element);
        return;
      case 'tuple':
        t.elements.forEach(visit);
        return;
      case 'result':
        if (t.ok) visit(t.ok);
        if (t.err) visit(t.err);
        return;
    }
  };
  if (def.kind === 'alias') visit(def.type);
  else if (def.kind === 'record') for (const f of def.fields) visit(f.type);
  else if (def.kind === 'variant') {
    for (const c of def.cases) if (c.type) visit(c.type);
  }
}

const borrowInDef = new WeakMap<M.TypeDef, boolean>();

/** Whether a type reaches a `borrow<…>` (through named types, not into resources). */
export function containsBorrow(t: M.Type): boolean {
  switch (t.kind) {
    case 'primitive':
    case 'own':
      return false;
    case 'borrow':
      return true;
    case 'list':
    case 'option':
      return containsBorrow(t.element);
    case 'tuple':
      return t.elements.some(containsBorrow);
    case 'result':
      return (!!t.ok && containsBorrow(t.ok)) || (!!t.err && containsBorrow(t.err));
    case 'id': {
      // `use` and alias chains are followed in a loop: a 10,000-long chain must not exhaust the stack.
      const chain: M.TypeDef[] = [];
      let d = t.def;
      let found: boolean | undefined;
      while (found === undefined) {
        const cached = borrowInDef.get(d);
        if (cached !== undefined) {
          found = cached;
          break;
        }
        borrowInDef.set(d, false); // definitions are acyclic; this guards placeholders
        chain.push(d);
        const k = d.def;
        if (k.kind === 'use') d = k.target;
        else if (k.kind === 'alias' && k.target.kind === 'id') d = k.target.def;
        else
          found =
            k.kind === 'record'
              ? k.fields.some((f) => containsBorrow(f.type))
              : k.kind === 'variant'
                ? k.cases.some((c) => !!c.type && containsBorrow(c.type))
                : k.kind === 'alias'
                  ? containsBorrow(k.target)
                  : false;
      }
      for (const def of chain) borrowInDef.set(def, found);
      return found;
    }
  }
}

/** Follows `use` and `type x = y` to see whether a name is a resource. */
export function isResource(def: M.TypeDef): boolean {
  let d = def;
  for (;;) {
    if (d.def.kind === 'resource') return true;
    if (d.def.kind === 'use') d = d.def.target;
    else if (d.def.kind === 'alias' && d.def.target.kind === 'id') d = d.def.target.def;
    else return false;
  }
}
