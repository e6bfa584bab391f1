/**
 * Planning a new `components.<name>` entry in a golem.yaml (created when missing), in the
 * file's own style. Used when a component is added to an existing app by hand-off from a template.
 */
import { existsSync, readFileSync } from 'node:fs';
import type { Node } from 'yaml';
import { parseManifest } from '../manifest-doc.js';
import type { Edit } from '../model.js';
import { planInsert } from './insert.js';
import type { Value } from './render.js';
import { makeEdit } from './make-edit.js';
import { detectStyle } from './style.js';

export interface ComponentEntry {
  /** `ns:name` */
  name: string;
  /** e.g. `{ template: 'ts' }`, or `{ template: 'rust', componentType: 'ephemeral' }`. */
  properties: Record<string, Value>;
}

/** Plans the edit of `file` that declares the component; a UserError when it is already declared there. */
export function addComponentEntry(file: string, entry: ComponentEntry): Edit {
  const text = existsSync(file) ? readFileSync(file, 'utf8') : '';
  const m = parseManifest(file, text);
  const splices = planInsert({ m, style: detectStyle(m) }, m.doc.contents as Node | null, null, ['components'], { key: entry.name, value: entry.properties });
  return makeEdit(file, text, splices, 'added');
}
