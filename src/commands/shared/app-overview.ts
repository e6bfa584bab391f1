/**
 * What `list`, `graph` and the remove commands say about an app's components: the language
 * (from the `template:` key, named by golem's common templates — `ts`, `rust`, `go`, … — or, without
 * one, from the component folder's build files), and folders as app-relative paths.
 */
import { join, relative } from 'node:path';
import type { AppComponent } from '../../app/index.js';
import type { FileView } from '../../fs/files.js';
import { knownLanguage } from '../../templates/index.js';

/** A component folder's build file → its language, for components without a `template:`. */
const MARKERS: [string, string][] = [
  ['Cargo.toml', 'rust'],
  ['tsconfig.json', 'ts'],
  ['package.json', 'js'],
  ['go.mod', 'go'],
  ['pyproject.toml', 'python'],
  ['moon.mod.json', 'moonbit'],
  ['build.sbt', 'scalajs'],
];

export function componentLanguage(component: AppComponent, files: FileView): string | undefined {
  const byTemplate = component.template === undefined ? undefined : knownLanguage(component.template);
  return byTemplate ?? MARKERS.find(([file]) => files.isFile(join(component.dir, file)))?.[1];
}

/** An absolute path inside the app as an app-relative `/` path (`.` for the root). */
export const appRelative = (root: string, path: string): string => relative(root, path).split('\\').join('/') || '.';

/** A component as `create` and `add component` report it (`--json`). */
export interface CreatedComponent {
  name: string;
  /** The template's id (`ts/default`, `rust/caller`, a registry's or a folder's). */
  template: string;
  language: string;
  /** App-relative. */
  folder: string;
}
