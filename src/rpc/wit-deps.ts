/**
 * The app's `witDeps` folders as a package index, and copying a package with everything it
 * references into a WIT tree (golem-cli `WitDepsResolver` and
 * `add_packages_with_transitive_deps_to_wit_dir`, docs/client-generation.md §A4): folders are scanned one
 * level deep in name order, the first witDeps folder holding a package wins, and files land in
 * `deps/<the folder's name in witDeps>/`.
 */
import { basename, join, relative } from 'node:path';
import { type SourceLocation, UserError } from '../errors.js';
import type { FileView } from '../fs/files.js';
import { parseWitFile, type WitFile } from '../wit/index.js';
import { type FileTree, refuseSpecialWit } from './file-tree.js';
import { GOLEM_WIT, packageId } from './naming.js';
import { declaredPackage, foreignPackageRefs, parseTree } from './wit-tree.js';

export interface IndexedPackage {
  id: string;
  /** Folder name inside its witDeps dir (also its folder under `deps/` when copied). */
  folder: string;
  /** File name → text. */
  files: Map<string, string>;
  /** Packages it references (parsed only when the package is copied). */
  refs: () => string[];
}

export type PackageIndex = Map<string, IndexedPackage>;

/** Indexes the sub-folders of each dir (first dir wins; within a dir the later folder wins). */
export function indexWitDeps(files: FileView, dirs: string[]): PackageIndex {
  const index: PackageIndex = new Map();
  for (const dir of dirs) {
    const own: PackageIndex = new Map();
    for (const folder of files.list(dir)) {
      const path = join(dir, folder);
      if (!files.isDir(path)) continue;
      const pkg = readPackageFolder(files, path);
      if (pkg) own.set(pkg.id, pkg);
    }
    for (const [id, pkg] of own) if (!index.has(id)) index.set(id, pkg);
  }
  return index;
}

function readPackageFolder(view: FileView, path: string): IndexedPackage | undefined {
  const files = new Map<string, string>();
  for (const name of view.list(path)) {
    if (!name.endsWith('.wit')) continue;
    if (view.isFile(join(path, name))) files.set(name, view.readText(join(path, name))!);
    else refuseSpecialWit(view, join(path, name));
  }
  let parsed: WitFile[] | undefined;
  const parse = () => (parsed ??= [...files].map(([name, text]) => parseWitFile(join(path, name), text, GOLEM_WIT)));
  // Most packages declare themselves in the first lines: only parse what that cannot answer.
  const quick = [...files.values()].map(declaredInHeader).find((id) => id !== undefined);
  const id =
    quick ??
    (() => {
      const pkg = declaredPackage({ source: path, files: parse() });
      return pkg && packageId(pkg);
    })();
  return id === undefined ? undefined : { id, folder: basename(path), files, refs: () => foreignPackageRefs(parse()) };
}

/** `ns:name@v` of a leading `package ns:name@v;` (comments and docs before it allowed). */
function declaredInHeader(text: string): string | undefined {
  const m = /^(?:\s|\/\/[^\n]*\n|\/\*[\s\S]*?\*\/)*package\s+(%?[a-z][a-z0-9-]*)\s*:\s*(%?[a-z][a-z0-9-]*)\s*(?:@\s*([0-9A-Za-z.+-]+)\s*)?;/.exec(text);
  return m ? `${m[1]!.replace('%', '')}:${m[2]!.replace('%', '')}${m[3] ? `@${m[3]}` : ''}` : undefined;
}

/**
 * Copies `ids` and their transitive references from `index` into `tree` under `deps/`,
 * skipping packages in `present` (already in the tree) and adding what it copies to it.
 * `locate` says where one of `ids` is referenced, for the error when it (or what it needs) is missing.
 */
export function copyPackagesWithDeps(
  ids: Iterable<string>,
  index: PackageIndex,
  tree: FileTree,
  present: Set<string>,
  searched: string[],
  locate?: (id: string) => SourceLocation | undefined,
): void {
  const queue = [...ids].map((id) => ({ id, via: id }));
  while (queue.length > 0) {
    const { id, via } = queue.shift()!;
    if (present.has(id)) continue;
    const pkg = index.get(id);
    if (!pkg) {
      const location = locate?.(via);
      throw new UserError(`package ${id} not found${via === id ? '' : ` (${via} needs it)`}, WIT folders searched: ${searched.join(', ') || '(none: the app has no witDeps)'}`, {
        code: 'E_WIT_DEPS',
        ...(location ? { location } : {}),
        hint: "Add the package to a witDeps folder of golem.yaml or to the component's wit/deps/.",
      });
    }
    present.add(id);
    for (const [name, text] of pkg.files) tree.set(`deps/${pkg.folder}/${name}`, text);
    for (const ref of pkg.refs()) queue.push({ id: ref, via });
  }
}

/** The `deps/` packages of a planned tree as a package index (for copying another component's exports). */
export function indexTreeDeps(tree: FileTree, dir: string): PackageIndex {
  const index: PackageIndex = new Map();
  for (const dep of parseTree(tree, (rel) => join(dir, rel)).deps) {
    const pkg = declaredPackage(dep);
    if (!pkg) continue;
    const folder = relative(join(dir, 'deps'), dep.files[0]!.path).split(/[\\/]/)[0]!;
    const files = new Map<string, string>();
    for (const f of dep.files) files.set(relative(join(dir, 'deps', folder), f.path), f.source);
    const entry: IndexedPackage = { id: packageId(pkg), folder, files, refs: () => foreignPackageRefs(dep.files) };
    index.set(entry.id, entry);
  }
  return index;
}
