/**
 * The application model: what a Golem 1.2.5 app's golem.yaml documents say, after includes are
 * followed and templates are applied the way Golem applies them. Every entity remembers where it
 * was declared so errors and edits can point at file:line:column.
 */
import type { SourceLocation } from '../errors.js';

export type { SourceLocation };

export type ComponentType = 'durable' | 'ephemeral' | 'library';

/** Dependency types the Golem 1.2.5 CLI accepts (`DependencyType::from_str`). */
export const DEPENDENCY_TYPES = ['wasm-rpc', 'static-wasm-rpc', 'wasm'] as const;
export type DependencyType = (typeof DEPENDENCY_TYPES)[number];

/** The worker-to-worker types `add dependency` writes (both need an app component as target). */
export type RpcDependencyType = Exclude<DependencyType, 'wasm'>;

/** A `build` / `customCommands` step (`externalCommand` in Golem's schema), values rendered. */
export interface BuildStep {
  command: string;
  /** Working folder, absolute (default: the folder of the golem.yaml declaring the component). */
  dir: string;
  rmdirs: string[];
  mkdirs: string[];
  sources: string[];
  targets: string[];
}

/** The per-profile (or only) properties of a component, template values rendered and applied. */
export interface ComponentProperties {
  /** Absolute, resolved against the component's folder. Default `wit`. */
  sourceWit: string;
  /** Absolute. Default `wit-generated`. */
  generatedWit: string;
  /** Absolute when set. */
  componentWasm?: string;
  /** Absolute when set. */
  linkedWasm?: string;
  build: BuildStep[];
  customCommands: Record<string, BuildStep[]>;
  /** As written (paths relative to the component folder). */
  clean: string[];
  componentType: ComponentType;
  env: Record<string, string>;
  /** Raw values of `files` and `plugins` (not interpreted here). */
  files: unknown[];
  plugins: unknown[];
  /** Where the path properties were declared (template or component); absent: the default applies. */
  locations?: Partial<Record<WritePathKey, SourceLocation>>;
}

/** The properties naming paths that the tool or Golem's build write or delete through. */
export type WritePathKey = 'generatedWit' | 'componentWasm' | 'linkedWasm' | 'clean';

export interface AppComponent extends ComponentProperties {
  /** `example:provider` */
  name: string;
  /** Absolute folder of the golem.yaml that declares it. */
  dir: string;
  /** That golem.yaml (absolute). */
  manifestPath: string;
  template?: string;
  /**
   * Build profiles (e.g. Rust `debug`/`release`), each fully resolved. The top-level properties
   * of this object are those of `defaultProfile`. Empty when the component has no profiles.
   */
  profiles: Record<string, ComponentProperties>;
  defaultProfile?: string;
  /** The component's own mapping as written (before template application), for tools that need it. */
  raw: Record<string, unknown>;
  /** Where the component's key is declared. */
  location: SourceLocation;
}

export interface AppTemplate {
  name: string;
  manifestPath: string;
  /** The template's mapping as written: values keep their `{{ … }}` expressions. */
  raw: Record<string, unknown>;
  location: SourceLocation;
}

export interface AppDependency {
  /** The calling component. */
  source: string;
  type: DependencyType;
  target?: string;
  path?: string;
  url?: string;
  /** The golem.yaml that declares it (absolute). */
  manifestPath: string;
  /** Where the list item is declared. */
  location: SourceLocation;
}

export interface App {
  /** Absolute app root (folder of the root golem.yaml). */
  root: string;
  /** Absolute paths of every loaded golem.yaml, root first, then includes in sorted order. */
  manifests: string[];
  /** Absolute; default `<root>/golem-temp`. */
  tempDir: string;
  /** Absolute folders (resolved against the declaring golem.yaml's folder). */
  witDeps: string[];
  /**
   * App-level custom commands (e.g. `ts-npm-install`), `dir` absolute (default: the declaring
   * golem.yaml's folder). Always set by `loadApp`; optional so hand-built test models stay valid.
   */
  customCommands?: Record<string, BuildStep[]>;
  /** App-level extra paths for `golem app clean`, absolute. Always set by `loadApp`. */
  clean?: string[];
  /** Where `tempDir` and each app-level `clean` entry were declared (set by `loadApp`). */
  locations?: { tempDir?: SourceLocation; clean?: SourceLocation[]; includes?: SourceLocation };
  components: Map<string, AppComponent>;
  templates: Map<string, AppTemplate>;
  /** In manifest order (root first, then includes), then document order. */
  dependencies: AppDependency[];
}

/** A planned change of one file: the whole new text, computed by splicing into the old text. */
export interface Edit {
  /** Absolute path of the golem.yaml. */
  file: string;
  before: string;
  after: string;
  /** What the edit does, for output and tests. */
  status: 'added' | 'updated' | 'removed' | 'unchanged';
  /** 1-based line numbers in `after` that are new or changed (for `removed`: in `before`, the lines that left), with their text (no line ending). */
  lines: { line: number; text: string }[];
}
