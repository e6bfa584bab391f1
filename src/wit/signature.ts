/**
 * The types of a function signature as client generation reads them from a target's WIT, with
 * named types referred to by a string id: the one shape client generation (src/rpc) hands to the
 * caller templates (src/templates), which sit beside it and may not import it.
 */

/** A type in a signature; `ref`/`own`/`borrow` name a named type by its id. */
export type SignatureType =
  | { kind: 'primitive'; name: string }
  | { kind: 'ref'; id: string }
  | { kind: 'own'; id: string }
  | { kind: 'borrow'; id: string }
  | { kind: 'list'; element: SignatureType }
  | { kind: 'option'; element: SignatureType }
  | { kind: 'result'; ok?: SignatureType; err?: SignatureType }
  | { kind: 'tuple'; elements: SignatureType[] };

export interface SignatureParam {
  name: string;
  type: SignatureType;
}

/**
 * The shape of a named type a signature reaches (directly or through fields, cases and aliases),
 * for tools that write example values: `alias` stands for `type x = y` and for a `use`d name (its
 * target); `resource` says which stubbed entity (client resource) it is, when it is one.
 */
export type SignatureTypeDef =
  | { kind: 'record'; fields: SignatureParam[] }
  | { kind: 'variant'; cases: { name: string; type?: SignatureType }[] }
  | { kind: 'enum'; cases: string[] }
  | { kind: 'flags'; flags: string[] }
  | { kind: 'resource'; entity?: string }
  | { kind: 'alias'; target: SignatureType };
