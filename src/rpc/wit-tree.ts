/**
 * Reads WIT out of an in-memory file tree laid out as wit-parser expects a directory: the main
 * package is the `*.wit` files at the top, every `deps/<folder>/` is one package and every
 * `deps/*.wit` file a single-file package.
 */
import { parseWitFile, resolveWitFiles, type PackageSources, type Resolve, type WitFile, type UsePath, type PackageName } from '../wit/index.js';
import type { FileTree } from './file-tree.js';
import { GOLEM_WIT, packageId, type PackageRef } from './naming.js';

/** Where a tree's files are shown in messages: `rel` → a path the user can open. */
export type DisplayPath = (rel: string) => string;

export interface TreePackages {
  main: PackageSources;
  /** By folder (`deps/io`) or file (`deps/x.wit`), in name order. */
  deps: PackageSources[];
}

const isTopWit = (p: string) => p.endsWith('.wit') && !p.includes('/');

/**
 * Parsed files by relative path, reused while their text is unchanged (a tree is parsed before
 * and after extraction; only the files extraction wrote are parsed again). Also answers which
 * relative path a parsed file came from.
 */
export class ParseCache {
  private readonly byRel = new Map<string, { text: string; file: WitFile }>();
  readonly relOf = new Map<WitFile, string>();

  file(rel: string, text: string, display: DisplayPath): WitFile {
    const hit = this.byRel.get(rel);
    if (hit && hit.text === text) return hit.file;
    return this.register(rel, text, parseWitFile(display(rel), text, GOLEM_WIT));
  }

  /** Records `file` as the parse of `text` at `rel` (for syntax trees built without parsing). */
  register(rel: string, text: string, file: WitFile): WitFile {
    this.byRel.set(rel, { text, file });
    this.relOf.set(file, rel);
    return file;
  }
}

/** Groups the tree's `.wit` files by package source and parses them. */
export function parseTree(tree: FileTree, display: DisplayPath, cache = new ParseCache()): TreePackages {
  const mainFiles: WitFile[] = [];
  const depFolders = new Map<string, WitFile[]>();
  for (const path of [...tree.keys()].sort()) {
    if (!path.endsWith('.wit')) continue;
    const parse = () => cache.file(path, tree.get(path)!, display);
    if (isTopWit(path)) {
      mainFiles.push(parse());
      continue;
    }
    const m = /^deps\/([^/]+)(?:\/([^/]+))?$/.exec(path);
    if (!m) continue; // wit-parser reads only one level of deps
    const folder = `deps/${m[1]}`;
    const files = depFolders.get(folder) ?? [];
    files.push(parse());
    depFolders.set(folder, files);
  }
  return {
    main: { source: '.', files: mainFiles },
    deps: [...depFolders].map(([source, files]) => ({ source, files })),
  };
}

/** Resolves a parsed tree (main package + deps) with the WIT toolkit. */
export function resolveTree(parsed: TreePackages): Resolve {
  return resolveWitFiles(parsed.main, parsed.deps);
}

/** The package a source declares (first `package` declaration among its files). */
export function declaredPackage(sources: PackageSources): PackageRef | undefined {
  for (const file of sources.files) if (file.package) return toRef(file.package.name);
  return undefined;
}

export const toRef = (name: PackageName | PackageRef): PackageRef =>
  name.version ? { namespace: name.namespace, name: name.name, version: name.version } : { namespace: name.namespace, name: name.name };

/** Package ids (`ns:name@v`) referenced by `use`, `import`, `export` and `include` paths of the files. */
export function foreignPackageRefs(files: WitFile[]): string[] {
  const out = new Set<string>();
  const visit = (path: UsePath | undefined) => {
    if (path?.kind === 'package') out.add(packageId(toRef(path.package)));
  };
  const visitItems = (items: readonly unknown[]) => {
    for (const raw of items) {
      const item = raw as { kind: string; from?: UsePath; item?: UsePath; extern?: { kind: string; path?: UsePath; items?: unknown[] }; items?: unknown[] };
      if (item.kind === 'use' || item.kind === 'include') visit(item.from);
      else if (item.kind === 'toplevel-use') visit(item.item);
      else if (item.kind === 'import' || item.kind === 'export') {
        if (item.extern?.kind === 'path') visit(item.extern.path);
        else if (item.extern?.kind === 'interface') visitItems(item.extern.items ?? []);
      } else if ((item.kind === 'interface' || item.kind === 'world' || item.kind === 'nested-package') && item.items) visitItems(item.items);
    }
  };
  for (const file of files) visitItems(file.items);
  return [...out];
}
