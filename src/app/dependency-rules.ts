/**
 * Golem 1.2.5's rules for one component dependency, in one place: what `golem component add-dependency`
 * refuses (golem-cli/src/command_handler/interactive.rs `create_component_dependency`) and what
 * loading an app refuses (golem-cli/src/model/app.rs `add_component_dependencies`,
 * `validate_dependency_targets`). `add dependency` asks before it plans an edit; `doctor` asks
 * for every declared dependency. The messages keep Golem's wording.
 *
 *   wasm-rpc, static-wasm-rpc: from a durable or ephemeral component, to a durable or ephemeral
 *                              component of the app (`target`), never to a file or url;
 *   wasm:                      from any component, to a library component, a file (`path`,
 *                              relative to the app root) or a `url`.
 */
import { resolve } from 'node:path';
import { DiskFiles, type FileView } from '../fs/files.js';
import type { App, ComponentType, DependencyType } from './model.js';
import { closest } from './shape.js';

/** What a dependency names: its type and exactly one of target/path/url. */
export interface DependencyRequest {
  type: DependencyType;
  target?: string;
  path?: string;
  url?: string;
}

export type DependencyRule =
  /** The caller is not a component of the app. */
  | 'unknown-caller'
  /** The caller's component type cannot have this dependency type (a library calling workers). */
  | 'caller-type'
  /** Not exactly one of target/path/url. */
  | 'source'
  /** A worker-to-worker type that names a file or url instead of a component. */
  | 'rpc-needs-target'
  /** The target is not a component of the app. */
  | 'unknown-target'
  /** The target's component type does not fit the dependency type. */
  | 'target-type'
  /** A `wasm` path that names no file. */
  | 'missing-file'
  /** A `wasm` url that is not a URL. */
  | 'invalid-url';

export interface DependencyRuleProblem {
  rule: DependencyRule;
  /** Golem's wording, as one line. */
  message: string;
  /** What to do about it. */
  hint: string;
}

const RPC_TYPES: readonly DependencyType[] = ['wasm-rpc', 'static-wasm-rpc'];

/** Golem's `DependencyType::describe`. */
const DESCRIBE: Record<DependencyType, string> = {
  'wasm-rpc': 'WASM RPC dependency',
  'static-wasm-rpc': 'Statically composed WASM RPC dependency',
  wasm: 'WASM component dependency',
};

/** Golem's `Display` of `AppComponentType`. */
const TYPE_NAME: Record<ComponentType, string> = { durable: 'Durable', ephemeral: 'Ephemeral', library: 'Library' };

/** Dependency types a caller of this component type may declare (Golem's `valid_dependency_types`). */
export function validDependencyTypes(caller: ComponentType): DependencyType[] {
  return caller === 'library' ? ['wasm'] : ['wasm-rpc', 'static-wasm-rpc', 'wasm'];
}

/** Whether a component of this type can be the target of this dependency type (Golem's `validate_component_type_for_dependency_type`). */
export function targetTypeFits(type: DependencyType, target: ComponentType): boolean {
  return RPC_TYPES.includes(type) ? target !== 'library' : target === 'library';
}

function unknownComponent(app: App, name: string, role: 'component' | 'target component'): { message: string; hint: string } {
  const known = [...app.components.keys()].sort(); // Golem lists them from a sorted map
  const guess = closest(name, known);
  return {
    message: `${role} '${name}' not found, available components: ${known.join(', ') || '(none)'}`,
    hint: guess ? `Did you mean '${guess}'?` : known.length ? 'Use one of the available components.' : 'Add a component first: create-golem-app add component.',
  };
}

/**
 * Why Golem refuses `caller` → `dependency` in `app`, or undefined when it accepts it. Checked in
 * Golem's order: the caller, its type, the source fields, then the target. `files` answers
 * whether a `wasm` path exists (default: the disk).
 */
export function dependencyRuleProblem(caller: string, dependency: DependencyRequest, app: App, files: FileView = new DiskFiles()): DependencyRuleProblem | undefined {
  const { type } = dependency;
  const component = app.components.get(caller);
  if (!component) return { rule: 'unknown-caller', ...unknownComponent(app, caller, 'component') };

  const valid = validDependencyTypes(component.componentType);
  if (!valid.includes(type)) {
    return {
      rule: 'caller-type',
      message: `the requested ${type} dependency type is not valid for ${caller} component, valid dependency types: ${valid.join(', ')}`,
      hint: `${caller} is a library component: it is composed into others and cannot call workers. Use type 'wasm', or make it durable or ephemeral (componentType).`,
    };
  }

  const sources = (['target', 'path', 'url'] as const).filter((k) => dependency[k] !== undefined);
  if (sources.length !== 1) {
    return {
      rule: 'source',
      message:
        sources.length === 0
          ? 'missing one of the target/path/url fields for component dependency'
          : 'only one of the target/path/url fields can be specified for a component dependency',
      hint: sources.length === 0 ? 'Name the component to call with target: <component>.' : `Keep one of ${sources.join(', ')}.`,
    };
  }
  const [kind] = sources as ['target' | 'path' | 'url'];
  const ref = dependency[kind]!;

  if (kind !== 'target') {
    if (RPC_TYPES.includes(type)) {
      return {
        rule: 'rpc-needs-target',
        message: `${DESCRIBE[type]} ${caller} - ${ref}: this dependency type only supports local component targets`,
        hint: "Name a component of this app with 'target', or use type 'wasm' to link a WASM file.",
      };
    }
    if (kind === 'url') {
      return URL.canParse(ref)
        ? undefined
        : { rule: 'invalid-url', message: `invalid URL for component dependency: ${ref}`, hint: 'Write an absolute URL, e.g. https://example.com/lib.wasm.' };
    }
    return files.isFile(resolve(app.root, ref))
      ? undefined
      : {
          rule: 'missing-file',
          message: `${DESCRIBE[type]} ${caller} - ${ref} references unknown target component: ${ref}`,
          hint: `No file at ${resolve(app.root, ref)}; paths are relative to the app root. Build it first or fix the path.`,
        };
  }

  const target = app.components.get(ref);
  if (!target) return { rule: 'unknown-target', ...unknownComponent(app, ref, 'target component') };
  if (!targetTypeFits(type, target.componentType)) {
    return {
      rule: 'target-type',
      message: `the target component type ${TYPE_NAME[target.componentType]} is not compatible with the selected dependency type ${type}`,
      hint:
        type === 'wasm'
          ? `Use a different target component or dependency type: a 'wasm' dependency links a library component; to call ${ref}'s workers use type 'wasm-rpc'.`
          : `Use a different target component or dependency type: ${ref} is a library (it has no workers to call); link it with type 'wasm'.`,
    };
  }
  return undefined;
}
