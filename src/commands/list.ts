/** `list`: the app's components (name, language, `template:`, type, folder) and their dependencies. */
import { AppSession } from '../app/session.js';
import type { ComponentType, DependencyType } from '../app/index.js';
import { appRelative, componentLanguage } from './shared/app-overview.js';

export interface ListInput {
  /** Where to look for the app (a folder inside it). */
  cwd: string;
  /** `--app <dir>`. */
  app?: string;
}

export interface ListedDependency {
  type: DependencyType;
  /** One of target (a component), path or url (a `wasm` file). */
  target?: string;
  path?: string;
  url?: string;
  /** The golem.yaml that declares it (app-relative) and the line of its item. */
  manifest: string;
  line: number;
}

export interface ListedComponent {
  name: string;
  /** `ts`, `rust`, … or null when neither the template nor the folder tells. */
  language: string | null;
  /** The `template:` key of its golem.yaml entry, or null. */
  template: string | null;
  type: ComponentType;
  /** App-relative (`.`: the app root). */
  folder: string;
  manifest: string;
  dependencies: ListedDependency[];
}

export interface AppListing {
  /** The app root (absolute). */
  app: string;
  /** By name. */
  components: ListedComponent[];
}

export function runList(input: ListInput): AppListing {
  const session = AppSession.open(input.cwd, input.app);
  const { app } = session;
  const rel = (path: string) => appRelative(app.root, path);
  const components = [...app.components.values()]
    .sort((a, b) => (a.name < b.name ? -1 : 1))
    .map(
      (c): ListedComponent => ({
        name: c.name,
        language: componentLanguage(c, session.files) ?? null,
        template: c.template ?? null,
        type: c.componentType,
        folder: rel(c.dir),
        manifest: rel(c.manifestPath),
        dependencies: app.dependencies
          .filter((d) => d.source === c.name)
          .map((d) => ({
            type: d.type,
            ...(d.target !== undefined ? { target: d.target } : d.path !== undefined ? { path: d.path } : { url: d.url! }),
            manifest: rel(d.manifestPath),
            line: d.location.line,
          })),
      }),
    );
  return { app: app.root, components };
}
