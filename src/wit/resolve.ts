/**
 * Loading a WIT directory and resolving it, as wit-parser's `Resolve::push_dir`: the main
 * package is the `*.wit` files at the top of the directory; `deps/<folder>/*.wit` folders and
 * `deps/*.wit` files are the other packages; any file may add nested `package x:y {…}` blocks.
 * Packages are resolved in dependency order (deps first); the result mirrors wit-parser's model.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { readRegularText } from '../fs/files.js';
import { join } from 'node:path';
import type * as A from './ast.js';
import { includeAndElaborate } from './elaborate.js';
import { WitError, witErrorAt } from './errors.js';
import { packageIdString } from './lookup.js';
import type * as M from './model.js';
import type { WitOptions } from './lexer.js';
import { parseWitFile } from './parser.js';
import { forEachPath } from './paths.js';
import { PackageResolver, type Lookup, type UnresolvedPackage } from './resolve-package.js';
import { compareSemver } from '../text/semver.js';

/** The parsed files of one package source (a folder, or one file with nested package blocks). */
export interface PackageSources {
  /** Folder or file the package came from. */
  source: string;
  files: A.WitFile[];
}

/**
 * Loads a WIT directory as wit-parser does: main package = the `*.wit` files at the top of
 * `dir`; deps = `dir/deps/<folder>/*.wit` and `dir/deps/*.wit`; nested `package x:y {…}` blocks.
 */
export function loadWitDir(dir: string, options: WitOptions = {}): M.Resolve {
  if (!existsSync(dir) || !statSync(dir).isDirectory()) throw witErrorAt(`WIT directory not found: ${dir}`, dir, 'Check the path.');
  const { main, deps } = readWitDir(dir, options);
  return resolveWitFiles(main, deps);
}

/** Reads and parses a WIT directory; file-system failures become WitErrors naming the path. */
function readWitDir(dir: string, options: WitOptions): { main: PackageSources; deps: PackageSources[] } {
  try {
    return readWitDirUnchecked(dir, options);
  } catch (e) {
    if (e instanceof WitError) throw e;
    const err = e as NodeJS.ErrnoException;
    throw witErrorAt(`cannot read WIT directory: ${err.message}`, err.path ?? dir, 'Check the files and their permissions.');
  }
}

function readWitDirUnchecked(dir: string, options: WitOptions): { main: PackageSources; deps: PackageSources[] } {
  const main: PackageSources = { source: dir, files: readWitFiles(dir, options) };
  const deps: PackageSources[] = [];
  const depsDir = join(dir, 'deps');
  if (existsSync(depsDir) && statSync(depsDir).isDirectory()) {
    for (const entry of readdirSync(depsDir).sort()) {
      const path = join(depsDir, entry);
      const st = statSync(path);
      if (st.isDirectory()) deps.push({ source: path, files: readWitFiles(path, options) });
      else if (entry.endsWith('.wit')) deps.push({ source: path, files: [parseWitFile(path, readRegularText(path), options)] });
    }
  }
  return { main, deps };
}

function readWitFiles(dir: string, options: WitOptions): A.WitFile[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.wit') && !statSync(join(dir, f)).isDirectory())
    .sort()
    .map((f) => {
      const path = join(dir, f);
      return parseWitFile(path, readRegularText(path), options); // a FIFO named *.wit is an error, not a wait
    });
}

/** Resolves one text: the top-level package is the main one, nested blocks are the others. */
export function resolveWitText(text: string, fileName = '<text>', options: WitOptions = {}): M.Resolve {
  return resolveWitFiles({ source: fileName, files: [parseWitFile(fileName, text, options)] }, []);
}

/** Resolves already parsed files: `main` is the main package, `deps` the rest. */
export function resolveWitFiles(main: PackageSources, deps: PackageSources[]): M.Resolve {
  try {
    return resolveAll(main, deps);
  } catch (e) {
    // Pathological chains (tens of thousands of aliases or interfaces, each using the previous) exhaust the stack.
    if (e instanceof RangeError) throw witErrorAt('WIT too deeply nested to resolve (definitions chained tens of thousands deep)', main.files[0]?.path ?? main.source);
    throw e;
  }
}

function resolveAll(main: PackageSources, deps: PackageSources[]): M.Resolve {
  const mainGroup = splitGroup(main);
  const all = new Map<string, UnresolvedPackage>();
  for (const group of [mainGroup, ...deps.map(splitGroup)]) {
    for (const pkg of [...group.nested, group.main]) {
      const prev = all.get(pkg.key);
      if (prev) {
        throw new WitError(
          `package \`${pkg.key}\` is defined in two different locations: ${prev.nameAt.file.path} and ${pkg.nameAt.file.path}`,
          pkg.nameAt.file.path,
          pkg.nameAt.file.source,
          pkg.nameAt.offset,
        );
      }
      all.set(pkg.key, pkg);
    }
  }
  const order = dependencyOrder(all);
  const resolved = new Map<string, M.Package>();
  const lookups = new Map<M.Interface, Lookup>();
  const packages: M.Package[] = [];
  for (const u of order) {
    const { pkg, includes } = new PackageResolver(u, resolved, lookups).resolve();
    for (const world of pkg.worlds) includeAndElaborate(world, includes.get(world) ?? []);
    resolved.set(u.key, pkg);
    packages.push(pkg);
  }
  return { packages, mainPackage: resolved.get(mainGroup.main.key)! };
}

/** A source's files: the main package (top-level items) and one package per nested block. */
function splitGroup(src: PackageSources): { main: UnresolvedPackage; nested: UnresolvedPackage[] } {
  let header: { decl: A.PackageDecl; file: A.WitFile } | undefined;
  let docs: A.Docs = { lines: [] };
  for (const file of src.files) {
    const decl = file.package;
    if (!decl) continue;
    if (header && packageIdString(header.decl.name) !== packageIdString(decl.name)) {
      throw new WitError(
        `package identifier \`${packageIdString(decl.name)}\` does not match previous package name of \`${packageIdString(header.decl.name)}\``,
        file.path,
        file.source,
        decl.name.span.start,
      );
    }
    if (decl.docs.lines.length) {
      if (docs.lines.length) throw new WitError("found doc comments on multiple 'package' items", file.path, file.source, decl.docsStart);
      docs = decl.docs;
    }
    header ??= { decl, file };
  }
  if (!header) {
    const file = src.files[0];
    throw new WitError(
      'no `package` header was found in any WIT file for this package',
      file?.path ?? src.source,
      file?.source ?? '',
      0,
      'Add a `package namespace:name;` line at the top of one file.',
    );
  }
  const nested: UnresolvedPackage[] = [];
  const decls: UnresolvedPackage['decls'] = [];
  for (const file of src.files) {
    const items: A.PackageItem[] = [];
    for (const item of file.items) {
      if (item.kind === 'nested-package') nested.push(unresolved(item.name, src.source, [{ file, items: item.items }], item.docs, { file, offset: item.name.span.start }));
      else items.push(item);
    }
    decls.push({ file, items });
  }
  const main = unresolved(header.decl.name, src.source, decls, docs, { file: header.file, offset: header.decl.name.span.start });
  return { main, nested };
}

function unresolved(name: A.PackageName, source: string, decls: UnresolvedPackage['decls'], docs: A.Docs, nameAt: UnresolvedPackage['nameAt']): UnresolvedPackage {
  const id: M.PackageId = { namespace: name.namespace, name: name.name, version: name.version };
  const foreignDeps = new Map<string, { file: A.WitFile; offset: number }>();
  for (const { file, items } of decls) {
    for (const item of items) {
      forEachPath(item, (path) => {
        if (path.kind !== 'package') return;
        const key = packageIdString(path.package);
        if (!foreignDeps.has(key)) foreignDeps.set(key, { file, offset: path.span.start });
      });
    }
  }
  return { name: id, key: packageIdString(id), source, decls, docs, nameAt, foreignDeps };
}

/** Packages sorted by name, then depth-first so every package follows its dependencies. */
function dependencyOrder(all: Map<string, UnresolvedPackage>): UnresolvedPackage[] {
  const byName = [...all.values()].sort((a, b) => comparePackageIds(a.name, b.name));
  const order: UnresolvedPackage[] = [];
  const done = new Set<string>();
  const visiting = new Set<string>();
  const visit = (pkg: UnresolvedPackage): void => {
    if (done.has(pkg.key)) return;
    visiting.add(pkg.key);
    for (const [dep, at] of pkg.foreignDeps) {
      if (visiting.has(dep)) throw new WitError(`package \`${dep}\` creates a dependency cycle`, at.file.path, at.file.source, at.offset);
      const next = all.get(dep);
      if (next) visit(next);
    }
    visiting.delete(pkg.key);
    done.add(pkg.key);
    order.push(pkg);
  };
  byName.forEach(visit);
  return order;
}

function comparePackageIds(a: M.PackageId, b: M.PackageId): number {
  if (a.namespace !== b.namespace) return a.namespace < b.namespace ? -1 : 1;
  if (a.name !== b.name) return a.name < b.name ? -1 : 1;
  if (!a.version || !b.version) return a.version === b.version ? 0 : a.version ? 1 : -1;
  return compareSemver(a.version, b.version);
}
