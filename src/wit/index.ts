/**
 * Public API of the WIT toolkit (lexer → parser → resolver → printer), modelled on wasm-tools'
 * `wit-parser`. Syntax tree types are in `ast.ts`, the resolved model in `model.ts`.
 *
 * Every error on bad input is a `WitError` (a `UserError` with file/line/column and an excerpt).
 *
 * API changes after 12:55 UTC are listed here (additions only, nothing changed or removed):
 *   - `isKeyword(word)` exported here (was only in lexer.ts).
 *   - `attachedDocsStart(source, item)`: `docsStart` without comments cut off by a blank line.
 *   - `WitOptions` (`oldFloatNames`: golem-cli's `WIT_REQUIRE_F32_F64=0`), an optional last
 *     argument of `parseWitFile`, `parseWitText`, `loadWitDir`, `resolveWitText`, `isKeyword`;
 *     `withNewFloatNames(text)` rewrites `float32`/`float64` to `f32`/`f64`.
 */
export type * as ast from './ast.js';
export type {
  Span,
  Id,
  Docs,
  Gate,
  PackageName,
  PackageDecl,
  UsePath,
  UseName,
  Use,
  ToplevelUse,
  TypeRef,
  PrimitiveName,
  TypeDef as AstTypeDef,
  Func as AstFunc,
  Interface as AstInterface,
  World as AstWorld,
  WorldItem as AstWorldItem,
  ImportExport,
  Include,
  InterfaceItem,
  PackageItem,
  NestedPackage,
  WitFile,
  ExternKind,
  ResourceFunc,
  FuncType,
} from './ast.js';
export type {
  PackageId,
  Stability,
  Type,
  TypeDefKind,
  TypeOwner,
  TypeDef,
  FunctionKind,
  Param,
  Function,
  Interface,
  WorldItem,
  WorldEntry,
  World,
  Package,
  Resolve,
} from './model.js';
export { WitError } from './errors.js';
export { parseWitFile, parseWitText } from './parser.js';
export { loadWitDir, resolveWitText, resolveWitFiles, type PackageSources } from './resolve.js';
export { printWitFile, printPackage, printType } from './printer.js';
export { isKeyword, type WitOptions } from './lexer.js';
export { attachedDocsStart, withNewFloatNames } from './text.js';
export {
  packageIdString,
  interfaceId,
  findPackage,
  findInterface,
  findWorld,
  findType,
  typesUsedByFunction,
  underlyingType,
  worldKeyName,
} from './lookup.js';
