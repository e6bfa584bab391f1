/**
 * A component's exported functions as golem-cli 1.2.5 names them for `golem worker invoke`
 * (golem-cli/src/model/component.rs `show_exported_functions`: `ns:name-exports/iface.{fn}`, a
 * world-level function by its bare name), read from the generated base world: the world the
 * component is built from, after exports extraction. Resource functions are left out.
 */
import type { Resolve } from '../wit/index.js';
import { interfaceId } from './naming.js';
import { selectWorld } from './stub-def.js';
import { toRef } from './wit-tree.js';

export interface ExportedFunction {
  /** As golem spells it: `shop:cart-exports/cart-api.{run-example}`. */
  name: string;
  /** The function's own name: `run-example`. */
  function: string;
  /** How many arguments an invocation needs. */
  params: number;
}

export function exportedFunctions(resolve: Resolve): ExportedFunction[] {
  const out: ExportedFunction[] = [];
  for (const entry of selectWorld(resolve).exports) {
    const item = entry.item;
    if (item.kind === 'function') {
      out.push({ name: item.function.name, function: item.function.name, params: item.function.params.length });
    } else if (item.kind === 'interface') {
      const iface = item.interface;
      const prefix = entry.key.kind === 'interface' ? interfaceId(toRef(iface.package.name), iface.name ?? '') : entry.key.name;
      for (const fn of iface.functions) {
        if (fn.kind === 'freestanding') out.push({ name: `${prefix}.{${fn.name}}`, function: fn.name, params: fn.params.length });
      }
    }
  }
  return out;
}
