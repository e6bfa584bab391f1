/**
 * The resolved WIT model, mirroring wasm-tools' `wit-parser` `Resolve` closely enough to generate
 * clients: packages in dependency order, interfaces with types in wit-parser order, functions
 * including resource functions, worlds with elaborated imports/exports. Objects refer to each
 * other directly (no numeric ids); `TypeDef.id` is a stable number for maps and sets.
 */
import type * as ast from './ast.js';

export interface PackageId {
  namespace: string;
  name: string;
  version?: string;
}

/** `@since` / `@unstable` / `@deprecated` as wit-parser's `Stability`. */
export type Stability = { kind: 'unknown' } | { kind: 'stable'; since: string; deprecated?: string } | { kind: 'unstable'; feature: string; deprecated?: string };

/** A type as used in a signature or definition. */
export type Type =
  | { kind: 'primitive'; name: ast.PrimitiveName }
  /**
   * A named type (record, variant, enum, flags, alias, used name, resource). As in wit-parser, a
   * bare resource name `r` is an owned handle and appears here as `{kind:'id'}` too.
   */
  | { kind: 'id'; def: TypeDef }
  | { kind: 'list'; element: Type }
  | { kind: 'option'; element: Type }
  | { kind: 'result'; ok?: Type; err?: Type }
  | { kind: 'tuple'; elements: Type[] }
  /** `own<r>` written explicitly (same meaning as the bare name `r`). */
  | { kind: 'own'; def: TypeDef }
  | { kind: 'borrow'; def: TypeDef };

export type TypeDefKind =
  | { kind: 'record'; fields: { name: string; type: Type; docs: ast.Docs }[] }
  | { kind: 'variant'; cases: { name: string; type?: Type; docs: ast.Docs }[] }
  | { kind: 'enum'; cases: { name: string; docs: ast.Docs }[] }
  | { kind: 'flags'; flags: { name: string; docs: ast.Docs }[] }
  | { kind: 'resource' }
  /** `type name = T;` */
  | { kind: 'alias'; target: Type }
  /** A name brought in by `use iface.{x}`: `target` is the definition in `from`. */
  | { kind: 'use'; target: TypeDef; from: Interface };

export type TypeOwner = { kind: 'interface'; interface: Interface } | { kind: 'world'; world: World };

export interface TypeDef {
  /** Unique within one `Resolve`; stable for one load. */
  id: number;
  /** Local name in its owner (the `as` name for a renamed `use`). */
  name: string;
  def: TypeDefKind;
  /** The *using* interface for a `use`d name (wit-parser's `TypeOwner`). */
  owner: TypeOwner;
  docs: ast.Docs;
  stability: Stability;
  /** Where it was written (the `use` statement for used names). */
  file: string;
  span: ast.Span;
}

export type FunctionKind = 'freestanding' | 'method' | 'static' | 'constructor';

export interface Param {
  name: string;
  type: Type;
}

export interface Function {
  /** wit-parser's key: `f`, `[constructor]r`, `[method]r.f`, `[static]r.f`. */
  name: string;
  /** The name as written (`f`; `constructor` for constructors). */
  simpleName: string;
  kind: FunctionKind;
  /** The resource a resource function belongs to. */
  resource?: TypeDef;
  /** Methods start with `self: borrow<r>` as in wit-parser. */
  params: Param[];
  /** Constructors without `-> result<r, e>` return the resource (`{kind:'id'}`), as in wit-parser. */
  result?: Type;
  docs: ast.Docs;
  stability: Stability;
  file: string;
  span: ast.Span;
}

export interface Interface {
  /** Undefined for an inline interface (`import x: interface { … }`). */
  name?: string;
  package: Package;
  /** wit-parser order: `use`d names in source order, then local definitions in stable topological order. */
  types: TypeDef[];
  typesByName: Map<string, TypeDef>;
  /** Source order; resource functions at the position of their resource. */
  functions: Function[];
  functionsByName: Map<string, Function>;
  docs: ast.Docs;
  stability: Stability;
  file: string;
  span: ast.Span;
  /** The AST node (for inline interfaces: the world's `import`/`export` item). */
  ast: ast.Interface | ast.ImportExport;
}

export type WorldItem = { kind: 'interface'; interface: Interface; stability: Stability } | { kind: 'function'; function: Function } | { kind: 'type'; type: TypeDef };

/**
 * A world import/export. `key` is wit-parser's `WorldKey`: `{name}` for inline functions,
 * interfaces and types, `{interface}` for a named interface (printed with `interfaceId`).
 */
export interface WorldEntry {
  key: { kind: 'name'; name: string } | { kind: 'interface'; interface: Interface };
  item: WorldItem;
}

export interface World {
  name: string;
  package: Package;
  /** Elaborated, in wit-parser order (transitive interface deps added as imports; includes flattened). */
  imports: WorldEntry[];
  exports: WorldEntry[];
  docs: ast.Docs;
  stability: Stability;
  file: string;
  span: ast.Span;
  ast: ast.World;
}

export interface Package {
  name: PackageId;
  /** The folder the package came from (main dir, `deps/<folder>`), or the file for single-file deps. */
  source: string;
  /** Files that define the package (a file with nested blocks may define several packages). */
  files: ast.WitFile[];
  /** Source order across files (files sorted by name, as wit-parser reads a directory). */
  interfaces: Interface[];
  worlds: World[];
  /** Packages this one references directly (`use`, import, export, include), as `ns:name@v`. */
  foreignDeps: string[];
  docs: ast.Docs;
}

export interface Resolve {
  /** Dependency order: every package after the packages it references. */
  packages: Package[];
  mainPackage: Package;
}
