/**
 * Planning `add dependency`: Golem's placement rule (the document that already holds this
 * caller→target dependency, else the caller's own golem.yaml, or the root one on request),
 * then either an in-place type update or a new `- target: X` / `type: …` item.
 */
import { join } from 'node:path';
import { isMap, isScalar, isSeq, type Node, type Scalar, type YAMLMap } from 'yaml';
import { UserError } from '../../errors.js';
import { MANIFEST_FILE } from '../find-root.js';
import { DiskFiles } from '../../fs/files.js';
import { ManifestCache, type ManifestDoc, type ManifestSource } from '../manifest-doc.js';
import type { App, AppComponent, Edit, RpcDependencyType } from '../model.js';
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

/** The `type` scalar of the caller→target rpc item in this document. */
function findTypeScalar(m: ManifestDoc, caller: string, target: string): Scalar | undefined {
  const list = child(child(m.doc.contents, 'dependencies'), caller);
  if (!isSeq(list)) return undefined;
  for (const item of list.items) {
    const type = child(item, 'type');
    if (isScalar(child(item, 'target')) && (child(item, 'target') as Scalar).value === target && isScalar(type) && type.value !== 'wasm') return type;
  }
  return undefined;
}

/** Plans (does not write) the edit that makes `caller` depend on `target`. */
export function addDependency(app: App, caller: string, target: string, type: RpcDependencyType, options: AddDependencyOptions = {}): Edit {
  const component = requireComponent(app, caller, 'component');
  requireComponent(app, target, 'target');
  const existing = app.dependencies.find((d) => d.source === caller && d.target === target && d.type !== 'wasm');
  const file = existing?.manifestPath ?? (options.manifest === 'root' ? join(app.root, MANIFEST_FILE) : component.manifestPath);
  const m = (options.source ?? new ManifestCache(new DiskFiles())).manifest(file);
  if (existing) {
    if (existing.type === type) return makeEdit(file, m.text, [], 'unchanged');
    const scalar = findTypeScalar(m, caller, target);
    if (!scalar?.range) throw new UserError(`cannot find the dependency ${caller} → ${target} in ${file}`, { code: 'E_APP', location: existing.location });
    return makeEdit(file, m.text, [replaceScalar(scalar, type)], 'updated');
  }
  const splices = planInsert({ m, style: detectStyle(m) }, m.doc.contents as Node | null, null, ['dependencies', caller], { item: { target, type } });
  return makeEdit(file, m.text, splices, 'added');
}
