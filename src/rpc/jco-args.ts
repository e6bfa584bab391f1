/**
 * JCO_ASYNC_EXPORT_ARGS for the TypeScript build (golem-cli componentize.rs, docs/client-generation.md §E):
 * computed from a component's `wit-generated`, every exported function of every world of the
 * main package becomes an async flag for jco.
 */
import { loadWitDir, type Resolve } from '../wit/index.js';
import { GOLEM_WIT, interfaceId } from './naming.js';
import { toRef } from './wit-tree.js';

/** heck's lowerCamelCase: `my-iface` → `myIface`. */
const lowerCamel = (s: string): string => s.replace(/[-_]+([a-zA-Z0-9])/g, (_, c: string) => c.toUpperCase());

export function jcoAsyncExportArgs(generatedWitDir: string): string {
  return asyncExportArgs(loadWitDir(generatedWitDir, GOLEM_WIT));
}

export function asyncExportArgs(resolve: Resolve): string {
  const args: string[] = [];
  for (const world of resolve.mainPackage.worlds) {
    for (const entry of world.exports) {
      const item = entry.item;
      if (item.kind === 'function') {
        args.push('--async-exports', `${world.name}#${item.function.name}`);
      } else if (item.kind === 'interface') {
        const iface = item.interface;
        // `--async-imports` for exports is Golem's workaround for jco#622, kept as is.
        const id = entry.key.kind === 'interface' ? interfaceId(toRef(iface.package.name), iface.name ?? '') : lowerCamel(entry.key.name);
        for (const fn of iface.functions) args.push('--async-imports', `${id}#${fn.name}`);
      }
    }
  }
  return args.join(' ');
}
