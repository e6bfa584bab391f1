/**
 * Planning the fix of Golem's schema typo: every dependency `type: wasm-rpc-static` (the JSON
 * schema's spelling, which the Golem CLI rejects) becomes `static-wasm-rpc`, its quoting kept,
 * every other byte of the golem.yaml untouched. `doctor --fix` applies it.
 */
import { isMap, isScalar, isSeq, type Scalar } from 'yaml';
import type { SourceLocation } from '../../errors.js';
import { SCHEMA_TYPO } from '../dependency.js';
import { type ManifestSource, nodeLocation } from '../manifest-doc.js';
import type { DependencyType, Edit } from '../model.js';
import { makeEdit } from './make-edit.js';
import { replaceScalar } from './render.js';

export interface DependencyTypeFix {
  /** The golem.yaml (absolute). */
  file: string;
  /** Where the misspelt value is. */
  location: SourceLocation;
  from: string;
  to: DependencyType;
}

/** The edits (one per golem.yaml that has a misspelt type) and each fix they make; nothing is written. */
export function planDependencyTypeFixes(source: ManifestSource, manifests: readonly string[]): { edits: Edit[]; fixes: DependencyTypeFix[] } {
  const edits: Edit[] = [];
  const fixes: DependencyTypeFix[] = [];
  for (const file of manifests) {
    const m = source.manifest(file);
    const found: Scalar[] = [];
    const deps = isMap(m.doc.contents) ? m.doc.contents.get('dependencies', true) : undefined;
    for (const pair of isMap(deps) ? deps.items : []) {
      for (const item of isSeq(pair.value) ? pair.value.items : []) {
        const type = isMap(item) ? item.get('type', true) : undefined;
        if (isScalar(type) && typeof type.value === 'string' && Object.hasOwn(SCHEMA_TYPO, type.value) && type.range) found.push(type);
      }
    }
    if (found.length === 0) continue;
    edits.push(
      makeEdit(
        file,
        m.text,
        found.map((t) => replaceScalar(t, SCHEMA_TYPO[t.value as string]!)),
        'updated',
      ),
    );
    for (const t of found) fixes.push({ file, location: nodeLocation(m, t), from: t.value as string, to: SCHEMA_TYPO[t.value as string]! });
  }
  return { edits, fixes };
}
