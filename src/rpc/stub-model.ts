/**
 * What a client is generated from (golem-cli stub.rs `StubDefinition`), independent of how the
 * target's WIT was read: the stubbed entities in output order and the types they use.
 */
import type { SignatureParam, SignatureType, SignatureTypeDef } from '../wit/signature.js';
import type { PackageRef } from './naming.js';

/** A type in a signature; `ref` points at a named type definition by its id. */
export type StubType = SignatureType;
export type StubParam = SignatureParam;

export interface StubFunction {
  /** Bare name: `inc` for `[method]counter.inc`. */
  name: string;
  params: StubParam[];
  result?: StubType;
  isStatic: boolean;
  /** Where it is declared, for error messages (computed only when needed). */
  location?: () => SourceRef | undefined;
}

export interface SourceRef {
  file: string;
  line: number;
  column: number;
}

/** A named type definition that a client `use`s from its owner interface. */
export interface UsedType {
  id: string;
  name: string;
  /** `ns:pkg/iface@v` of the interface owning this definition (for a `use`d name: the using interface). */
  ownerInterfaceId: string;
  owner: { package?: PackageRef; interface: string };
}

export interface StubEntity {
  /** Name of the client resource: the interface name or the resource name. */
  name: string;
  /** Set for resource entities: their futures are `future-<resource>-<fn>-result`. */
  isResource: boolean;
  constructorParams: StubParam[];
  /** Output order: static functions first, then methods (resources), else source order. */
  functions: StubFunction[];
  location?: () => SourceRef | undefined;
}

/** The shape of a named type a signature reaches (for tools that write example values). */
export type StubTypeDef = SignatureTypeDef;

export interface StubTypeInfo {
  /** The type's name in its owner interface. */
  name: string;
  owner: { package: PackageRef; interface: string };
  def: StubTypeDef;
}

export interface StubDefinition {
  target: PackageRef;
  world: string;
  ephemeral: boolean;
  entities: StubEntity[];
  /** Deduplicated by id, in discovery order. */
  usedTypes: UsedType[];
  /** Name of every named type id a signature may reference (used or a stub resource). */
  typeNames: Map<string, string>;
  /** Every named type a signature reaches, by id (computed on first use; hand-made definitions may leave it out). */
  readonly typeInfo?: Map<string, StubTypeInfo>;
}
