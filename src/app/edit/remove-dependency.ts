/**
 * Planning `remove dependency` (and the dependencies `remove component` takes along): which
 * declared dependencies a request names, then, per golem.yaml, the edit that takes exactly
 * their items out — a caller key left without items goes too, and `dependencies:` when it is
 * left empty — as the inverse of add-dependency.ts.
 */
import { posix } from 'node:path';
import { isScalar, type Node, type Pair, type Scalar } from 'yaml';
import { UserError } from '../../errors.js';
import { DiskFiles } from '../../fs/files.js';
import { ManifestCache, nodeLocation, type ManifestSource } from '../manifest-doc.js';
import type { App, AppDependency, DependencyType, Edit } from '../model.js';
import { asCollection, makeRemoval, planRemoval, type RemovalTree } from './remove.js';

/** What `remove dependency` names: a target component, or a `wasm` dependency's path or url. */
export type DependencyRef = { target: string } | { path: string } | { url: string };

/** `target: x`, `path: lib/x.wasm`, `url: https://…`: how a dependency names what it depends on. */
export function describeRef(dep: AppDependency): string {
  return dep.target ?? dep.path ?? dep.url ?? '?';
}

const samePath = (a: string, b: string) => posix.normalize(a.split('\\').join('/')) === posix.normalize(b.split('\\').join('/'));

/** Whether `dep` names `ref` (paths compared normalised: `./lib/x.wasm` is `lib/x.wasm`). */
export function namesRef(dep: AppDependency, ref: DependencyRef): boolean {
  return 'target' in ref ? dep.target === ref.target : 'path' in ref ? dep.path !== undefined && samePath(dep.path, ref.path) : dep.url === ref.url;
}

/** The dependencies of `caller` that `ref` (and `type`, when given) name; a UserError when there are none. */
export function findDependencies(app: App, caller: string, ref: DependencyRef, type?: DependencyType): AppDependency[] {
  const own = app.dependencies.filter((d) => d.source === caller);
  const found = own.filter((d) => (type === undefined || d.type === type) && namesRef(d, ref));
  if (found.length > 0) return found;
  const what = 'target' in ref ? ref.target : 'path' in ref ? `path ${ref.path}` : `url ${ref.url}`;
  throw new UserError(`${caller} has no ${type ? `${type} ` : ''}dependency on ${what}`, {
    code: 'E_APP',
    hint: own.length ? `Its dependencies: ${own.map((d) => `${describeRef(d)} (${d.type})`).join(', ')}.` : `${caller} has no dependencies.`,
  });
}

const keyOf = (pair: Pair) => (isScalar(pair.key) ? String((pair.key as Scalar).value) : undefined);

/**
 * The edits that remove `deps` (as the app declares them), one per golem.yaml. Each item is
 * found by where it is declared, so two items alike in text are never confused.
 */
export function removeDependencies(deps: readonly AppDependency[], options: { source?: ManifestSource } = {}): Edit[] {
  const source = options.source ?? new ManifestCache(new DiskFiles());
  const byFile = new Map<string, AppDependency[]>();
  for (const d of deps) byFile.set(d.manifestPath, [...(byFile.get(d.manifestPath) ?? []), d]);
  return [...byFile].map(([file, fileDeps]) => {
    const m = source.manifest(file);
    const at = new Set(fileDeps.map((d) => `${d.location.line}:${d.location.column}`));
    const top = asCollection(m.doc.contents);
    const depsPair = top?.items.find((p) => (p as Pair).key !== undefined && keyOf(p as Pair) === 'dependencies') as Pair | undefined;
    const callers = asCollection(depsPair?.value);
    if (!top || !depsPair || !callers) throw new UserError(`cannot find the dependencies section in ${file}`, { code: 'E_APP', location: fileDeps[0]!.location });
    const inside: RemovalTree['inside'] = [];
    let found = 0;
    for (const pair of callers.items as Pair[]) {
      const list = asCollection(pair.value);
      if (!list) continue;
      const items = (list.items as Node[]).filter((item) => {
        const l = nodeLocation(m, item);
        return at.has(`${l.line}:${l.column}`);
      });
      if (items.length === 0) continue;
      found += items.length;
      inside.push({ entry: pair, tree: { collection: list, remove: items, inside: [] } });
    }
    if (found !== fileDeps.length) throw new UserError(`cannot find every dependency to remove in ${file}`, { code: 'E_APP', location: fileDeps[0]!.location });
    const tree: RemovalTree = { collection: top, remove: [], inside: [{ entry: depsPair, tree: { collection: callers, remove: [], inside } }] };
    return makeRemoval(file, m.text, planRemoval(m, tree));
  });
}
