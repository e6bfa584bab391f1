/**
 * Feature gates as wit-parser's `Stability`: `@since`, `@unstable`, `@deprecated` on items. No
 * `@unstable` feature is enabled (wit-parser's default), so such items are left out.
 */
import type * as A from './ast.js';
import type * as M from './model.js';

/** Calls `visit` with the gates of an item and of everything inside it that can carry gates. */
export function forEachGated(item: A.PackageItem, visit: (gates: A.Gate[]) => void): void {
  visit(item.gates);
  if (item.kind === 'toplevel-use') return;
  const inner = (it: A.InterfaceItem | A.WorldItem): void => {
    visit(it.gates);
    if (it.kind === 'resource') for (const f of it.funcs) visit(f.gates);
    if ((it.kind === 'import' || it.kind === 'export') && it.extern.kind === 'interface') it.extern.items.forEach(inner);
  };
  item.items.forEach(inner);
}

/** Shared, never mutated: most items have no gate. */
export const UNKNOWN: M.Stability = Object.freeze({ kind: 'unknown' });
export function stabilityOf(gates: A.Gate[], fail: (m: string, at: number) => never): M.Stability {
  if (gates.length === 0) return UNKNOWN;
  const since = gates.filter((g) => g.kind === 'since');
  const unstable = gates.filter((g) => g.kind === 'unstable');
  const deprecated = gates.filter((g) => g.kind === 'deprecated');
  if (gates.length > 2 || since.length > 1 || unstable.length > 1 || deprecated.length > 1 || (since.length && unstable.length)) {
    return fail('unsupported combination of attributes', gates[1]!.span.start);
  }
  const dep = deprecated[0]?.kind === 'deprecated' ? deprecated[0].version : undefined;
  const s = since[0];
  if (s?.kind === 'since') return { kind: 'stable', since: s.version, deprecated: dep };
  const u = unstable[0];
  if (u?.kind === 'unstable') return { kind: 'unstable', feature: u.feature, deprecated: dep };
  return fail('must pair @deprecated with either @since or @unstable', gates[0]!.span.start);
}

/** No feature is enabled (wit-parser's default), so `@unstable` items are left out. */
export function isExcluded(s: M.Stability): boolean {
  return s.kind === 'unstable';
}
