/**
 * The WIT syntax tree, modelled on wasm-tools' `wit-parser` `ast.rs`. Every node that a caller may
 * want to move or splice *as text* carries `span` (offsets into the file source, end exclusive)
 * and `docsStart` (where its leading `///` docs, comments and gates begin; equals `span.start`
 * when there are none), so a block can be cut out together with its comments.
 */

/** Offsets into the source text of one file: `[start, end)`. */
export interface Span {
  start: number;
  end: number;
}

/** An identifier as written (`%` escape removed from `name`). */
export interface Id {
  name: string;
  span: Span;
}

/** Doc comments (`///` lines and `/** … *\/` blocks) in source order, markers stripped. */
export interface Docs {
  lines: string[];
}

/** `@since(version = 1.2.3)`, `@unstable(feature = f)`, `@deprecated(version = 1.2.3)`. */
export type Gate = { kind: 'since'; version: string; span: Span } | { kind: 'unstable'; feature: string; span: Span } | { kind: 'deprecated'; version: string; span: Span };

/** What every item that can carry docs and gates has. */
export interface ItemBase {
  docs: Docs;
  gates: Gate[];
  /** The item from its first keyword (after docs and gates) to its closing `;` or `}`. */
  span: Span;
  /** Start of the leading docs / comments / gates (≤ `span.start`). */
  docsStart: number;
}

/** `ns:name@1.2.3` (version optional). */
export interface PackageName {
  namespace: string;
  name: string;
  version?: string;
  span: Span;
}

/** `package ns:name@1.0.0;` at the top of a file. */
export interface PackageDecl extends ItemBase {
  name: PackageName;
}

/**
 * A path naming an interface: `iface` (local), `ns:pkg/iface` or `ns:pkg/iface@1.0.0` (foreign).
 */
export type UsePath = { kind: 'local'; name: Id; span: Span } | { kind: 'package'; package: PackageName; name: Id; span: Span };

/** `a` or `a as b` inside `use x.{ … }`. */
export interface UseName {
  name: Id;
  as?: Id;
}

/** `use path.{a, b as c};` inside an interface or world. */
export interface Use extends ItemBase {
  kind: 'use';
  from: UsePath;
  names: UseName[];
}

/** `use ns:pkg/iface@1.0.0 [as name];` at the top level of a file. */
export interface ToplevelUse extends ItemBase {
  kind: 'toplevel-use';
  item: UsePath;
  as?: Id;
}

// ---- types -----------------------------------------------------------------------------------

export type PrimitiveName = 'bool' | 'u8' | 'u16' | 'u32' | 'u64' | 's8' | 's16' | 's32' | 's64' | 'f32' | 'f64' | 'char' | 'string';

/** A type expression as written. */
export type TypeRef =
  | { kind: 'primitive'; name: PrimitiveName; span: Span }
  | { kind: 'named'; name: Id; span: Span }
  | { kind: 'list'; element: TypeRef; span: Span }
  | { kind: 'option'; element: TypeRef; span: Span }
  /** `result`, `result<T>`, `result<_, E>`, `result<T, E>`. */
  | { kind: 'result'; ok?: TypeRef; err?: TypeRef; span: Span }
  | { kind: 'tuple'; elements: TypeRef[]; span: Span }
  | { kind: 'own'; resource: Id; span: Span }
  | { kind: 'borrow'; resource: Id; span: Span };

export interface Field extends ItemBase {
  name: Id;
  type: TypeRef;
}

export interface Case extends ItemBase {
  name: Id;
  type?: TypeRef;
}

export interface EnumCase extends ItemBase {
  name: Id;
}

export interface Param {
  name: Id;
  type: TypeRef;
}

/** `func(params) [-> T]`. */
export interface FuncType {
  params: Param[];
  result?: TypeRef;
  span: Span;
}

/** A function inside a resource block. */
export type ResourceFunc =
  | (ItemBase & { kind: 'method'; name: Id; func: FuncType })
  | (ItemBase & { kind: 'static'; name: Id; func: FuncType })
  | (ItemBase & { kind: 'constructor'; name: Id; func: FuncType });

export type TypeDef =
  | (ItemBase & { kind: 'alias'; name: Id; type: TypeRef })
  | (ItemBase & { kind: 'record'; name: Id; fields: Field[] })
  | (ItemBase & { kind: 'variant'; name: Id; cases: Case[] })
  | (ItemBase & { kind: 'enum'; name: Id; cases: EnumCase[] })
  | (ItemBase & { kind: 'flags'; name: Id; flags: EnumCase[] })
  /** `resource r;` has `funcs: []` and `hasBody: false`. */
  | (ItemBase & { kind: 'resource'; name: Id; funcs: ResourceFunc[]; hasBody: boolean });

/** `name: func(…)` inside an interface or world. */
export interface Func extends ItemBase {
  kind: 'func';
  name: Id;
  func: FuncType;
}

/** What can appear inside `interface x { … }`. */
export type InterfaceItem = Use | Func | (TypeDef & { kind: TypeDef['kind'] });

export interface Interface extends ItemBase {
  kind: 'interface';
  name: Id;
  items: InterfaceItem[];
}

// ---- worlds ----------------------------------------------------------------------------------

/** What follows `import` / `export`. */
export type ExternKind =
  /** `import foo;`, `import ns:pkg/foo@1.0.0;` */
  | { kind: 'path'; path: UsePath }
  /** `import name: func(…);` */
  | { kind: 'func'; name: Id; func: FuncType }
  /** `import name: interface { … }` */
  | { kind: 'interface'; name: Id; items: InterfaceItem[]; closeBrace: Span };

export interface ImportExport extends ItemBase {
  kind: 'import' | 'export';
  extern: ExternKind;
}

/** `include path [with { a as b, … }];` */
export interface Include extends ItemBase {
  kind: 'include';
  from: UsePath;
  with: { from: Id; to: Id }[];
}

export type WorldItem = ImportExport | Include | Use | (TypeDef & { kind: TypeDef['kind'] });

export interface World extends ItemBase {
  kind: 'world';
  name: Id;
  items: WorldItem[];
  /** Span of the world's closing `}` (for appending a line before it). */
  closeBrace: Span;
}

/** A top-level item of a package (or nested package block). */
export type PackageItem = Interface | World | ToplevelUse;

/** `package ns:name@v { … }` nested in a file. */
export interface NestedPackage extends ItemBase {
  kind: 'nested-package';
  name: PackageName;
  items: PackageItem[];
  closeBrace: Span;
}

/** One parsed `.wit` file. */
export interface WitFile {
  /** Path as given to the parser (used in error messages). */
  path: string;
  source: string;
  /** The `package …;` declaration, if the file has one. */
  package?: PackageDecl;
  /** Top-level items in source order (nested package blocks included). */
  items: (PackageItem | NestedPackage)[];
}
