/** The paths (`use`, import/export, include targets) an item mentions. */
import type * as A from './ast.js';

/** Visits every path an item mentions, as wit-parser's `for_each_path`. */
export function forEachPath(item: A.PackageItem, visit: (path: A.UsePath, names: A.UseName[] | undefined, kind: 'interface' | 'world', gates: A.Gate[]) => void): void {
  const inInterface = (items: A.InterfaceItem[]): void => {
    for (const it of items) if (it.kind === 'use') visit(it.from, it.names, 'interface', it.gates);
  };
  if (item.kind === 'toplevel-use') visit(item.item, undefined, 'interface', item.gates);
  else if (item.kind === 'interface') inInterface(item.items);
  else {
    for (const it of item.items) {
      if (it.kind === 'use') visit(it.from, it.names, 'interface', it.gates);
      else if (it.kind === 'include') visit(it.from, undefined, 'world', it.gates);
      else if (it.kind === 'import' || it.kind === 'export') {
        if (it.extern.kind === 'path') visit(it.extern.path, undefined, 'interface', it.gates);
        else if (it.extern.kind === 'interface') inInterface(it.extern.items);
      }
    }
  }
}
