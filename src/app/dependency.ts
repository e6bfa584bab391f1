/**
 * One `dependencies.<component>[]` item, checked as Golem 1.2.5 checks it (model/app.rs
 * `add_component_dependencies`): a type the CLI accepts (with the fix for the schema's
 * `wasm-rpc-static` typo), exactly one of target/path/url, and a target for the rpc types.
 */
import type { Node } from 'yaml';
import { nodeLocation, type ManifestDoc } from './manifest-doc.js';
import { DEPENDENCY_TYPES, type AppDependency, type DependencyType } from './model.js';
import { closest, knownEntries, optionalString, shapeError, stringValue } from './shape.js';

/** The schema's spelling of `static-wasm-rpc`, which the Golem CLI itself rejects. */
export const SCHEMA_TYPO: Record<string, DependencyType> = { 'wasm-rpc-static': 'static-wasm-rpc' };

export function parseDependency(m: ManifestDoc, source: string, item: Node): AppDependency {
  const what = `dependency of '${source}'`;
  const e = knownEntries(m, item, 'dependency', what);
  const location = nodeLocation(m, item);
  const typeEntry = e.get('type');
  if (!typeEntry || typeEntry.value == null) throw shapeError(m, item, `${what} has no 'type'`, 'Add type: wasm-rpc.');
  const type = stringValue(m, typeEntry.value, `type of ${what}`);
  if (!(DEPENDENCY_TYPES as readonly string[]).includes(type)) {
    const fix = SCHEMA_TYPO[type];
    const guess = fix ?? closest(type, DEPENDENCY_TYPES);
    throw shapeError(
      m,
      typeEntry.value,
      `unknown dependency type '${type}'`,
      fix
        ? `Use '${fix}': Golem's JSON schema spells it '${type}', but the Golem CLI only accepts '${fix}'.`
        : `${guess ? `Did you mean '${guess}'? ` : ''}Known types: ${DEPENDENCY_TYPES.join(', ')}.`,
    );
  }
  const refs = (['target', 'path', 'url'] as const).filter((k) => e.get(k)?.value != null);
  if (refs.length !== 1) {
    throw shapeError(
      m,
      item,
      refs.length === 0 ? `${what} needs one of 'target', 'path' or 'url'` : `${what} may have only one of 'target', 'path' or 'url' (found ${refs.join(', ')})`,
    );
  }
  if (type !== 'wasm' && refs[0] !== 'target') {
    throw shapeError(m, item, `a '${type}' ${what} needs a 'target' (a component of this app), not '${refs[0]}'`);
  }
  const dep: AppDependency = { source, type: type as DependencyType, manifestPath: m.file, location };
  for (const k of refs) dep[k] = optionalString(m, e.get(k), `${k} of ${what}`);
  // golem-cli/src/model/app.rs: "Invalid URL for component dependency" (rust-url, a WHATWG parser like node's).
  if (dep.url !== undefined && !URL.canParse(dep.url)) {
    // Worded as dependency-rules.ts words it for `add dependency`.
    throw shapeError(m, e.get('url')!.value, `invalid URL for component dependency: ${dep.url}`, 'Write an absolute URL, e.g. https://example.com/lib.wasm.');
  }
  return dep;
}
