/**
 * Public API of the WIT toolkit (lexer → parser → resolver → printer), modelled on wasm-tools'
 * `wit-parser`. Syntax tree types are in `ast.ts`, the resolved model in `model.ts`.
 *
 * Every error on bad input is a `WitError` (a `UserError` with file/line/column and an excerpt).
 *
 * API changes after 12:55 UTC are listed here:
 *   (none yet)
 */
export type * as ast from './ast.js';
export type {
  Span, Id, Docs, Gate, PackageName, PackageDecl, UsePath, UseName, Use, ToplevelUse, TypeRef, PrimitiveName,
  TypeDef as AstTypeDef, Func as AstFunc, Interface as AstInterface, World as AstWorld, WorldItem as AstWorldItem,
  ImportExport, Include, InterfaceItem, PackageItem, NestedPackage, WitFile, ExternKind, ResourceFunc, FuncType,
} from './ast.js';
export type {
  PackageId, Stability, Type, TypeDefKind, TypeOwner, TypeDef, FunctionKind, Param, Function, Interface,
  WorldItem, WorldEntry, World, Package, Resolve,
} from './model.js';
export { WitError } from './errors.js';
export { parseWitFile, parseWitText } from './parser.js';
export { loadWitDir, resolveWitText, resolveWitFiles, type PackageSources } from './resolve.js';
export { printWitFile, printPackage, printType } from './printer.js';
export {
  packageIdString, interfaceId, findPackage, findInterface, findWorld, findType, typesUsedByFunction,
  underlyingType, worldKeyName,
} from './lookup.js';
