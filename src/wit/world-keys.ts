/** Identity of world entries (wit-parser's `WorldKey`) and includes waiting to be applied. */
import type * as A from './ast.js';
import type * as M from './model.js';

export interface PendingInclude {
  world: M.World;
  names: { from: A.Id; to: A.Id }[];
  file: A.WitFile;
  at: number;
}

/** A world entry's identity: its name, or its interface (interfaces get a stable number). */
const interfaceKeys = new WeakMap<M.Interface, number>();
let nextInterfaceKey = 1;
export function entryKey(e: M.WorldEntry): string {
  if (e.key.kind === 'name') return `name:${e.key.name}`;
  let k = interfaceKeys.get(e.key.interface);
  if (k === undefined) {
    k = nextInterfaceKey++;
    interfaceKeys.set(e.key.interface, k);
  }
  return `iface:${k}`;
}
