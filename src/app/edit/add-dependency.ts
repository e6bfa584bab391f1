/**
 * Planning `add dependency`: Golem's placement rule (the document that already holds this
 * caller's dependency on the same thing, else the caller's own golem.yaml, or the root one on
 * request), then either an in-place type update or a new item in Golem's shape: `- target: X`
 * (or `- path: …`, `- url: …`) then `type: …` (golem-cli/src/app/yaml_edit.rs).
 */
import { join } from 'node:path';
import { isMap, isScalar, isSeq, type Node, type Scalar, type YAMLMap } from 'yaml';
import { UserError } from '../../errors.js';
import { MANIFEST_FILE } from '../find-root.js';
import { DiskFiles } from '../../fs/files.js';
import { ManifestCache, type ManifestDoc, type ManifestSource } from '../manifest-doc.js';
import type { App, AppComponent, AppDependency, DependencyType, Edit } from '../model.js';
import { type DependencyRef, namesRef } from './remove-dependency.js';
import { closest } from '../shape.js';
import { planInsert } from './insert.js';
import { replaceScalar } from './render.js';
import { makeEdit } from './make-edit.js';
import { detectStyle } from './style.js';

export interface AddDependencyOptions {
  /** `root`: write into the root golem.yaml (as Golem's docs show) instead of the component's own. */
  manifest?: 'root';
  /** Where the golem.yaml is read (the session's documents, as the app was loaded); default: the disk. */
  source?: ManifestSource;
}

/** The component called `name`, or a UserError listing the app's components. */
export function requireComponent(app: App, name: string, role: string): AppComponent {
  const component = app.components.get(name);
  if (component) return component;
  const known = [...app.components.keys()];
  const guess = closest(name, known);
  throw new UserError(`unknown ${role} '${name}': no such component in ${app.root}`, {
    code: 'E_APP',
    hint: `${guess ? `Did you mean '${guess}'? ` : ''}Known components: ${known.join(', ') || '(none)'}.`,
  });
}

const child = (node: unknown, key: string): Node | undefined =>
  isMap(node) ? ((node as YAMLMap).items.find((p) => isScalar(p.key) && (p.key as Scalar).value === key)?.value as Node | undefined) : undefined;

/** The `type` scalar of the first item of `caller` in this document that names `ref` (Golem's editor updates that one). */
function findTypeScalar(m: ManifestDoc, caller: string, ref: DependencyRef): Scalar | undefined {
  const list = child(child(m.doc.contents, 'dependencies'), caller);
  if (!isSeq(list)) return undefined;
  const [key, value] = Object.entries(ref)[0] as [keyof DependencyRef, string];
  for (const item of list.items) {
    const named = child(item, key);
    const type = child(item, 'type');
    if (!isScalar(named) || !isScalar(type)) continue;
    const text = String(named.value);
    if (key === 'path' ? namesRef({ path: text } as AppDependency, ref) : text === value) return type;
  }
  return undefined;
}

/**
 * Plans (does not write) the edit that makes `caller` depend on `ref`: a component of the app
 * (`target`, also given as its name), or for `wasm` a binary by `path` or `url`. Golem's
 * placement and update rule: the first item of `caller` naming the same thing gets the type.
 */
export function addDependency(app: App, caller: string, ref: string | DependencyRef, type: DependencyType, options: AddDependencyOptions = {}): Edit {
  const named: DependencyRef = typeof ref === 'string' ? { target: ref } : ref;
  const component = requireComponent(app, caller, 'component');
  if ('target' in named) requireComponent(app, named.target, 'target');
  const existing = app.dependencies.find((d) => d.source === caller && namesRef(d, named));
  const file = existing?.manifestPath ?? (options.manifest === 'root' ? join(app.root, MANIFEST_FILE) : component.manifestPath);
  const m = (options.source ?? new ManifestCache(new DiskFiles())).manifest(file);
  if (existing) {
    if (existing.type === type) return makeEdit(file, m.text, [], 'unchanged');
    const scalar = findTypeScalar(m, caller, named);
    if (!scalar?.range) throw new UserError(`cannot find the dependency ${caller} → ${Object.values(named)[0]} in ${file}`, { code: 'E_APP', location: existing.location });
    return makeEdit(file, m.text, [replaceScalar(scalar, type)], 'updated');
  }
  const splices = planInsert({ m, style: detectStyle(m) }, m.doc.contents as Node | null, null, ['dependencies', caller], { item: { ...named, type } });
  return makeEdit(file, m.text, splices, 'added');
}
