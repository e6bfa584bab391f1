/**
 * Which calls a caller's example makes, the same for every language: a client per shown
 * client resource (a worker name for durable targets, none for ephemeral ones) with a blocking
 * call of its first few functions; a fire-and-forget call; a scheduled call (durable targets);
 * non-blocking calls awaited together with `wasi:io/poll` — on several workers for a durable
 * target, side by side on one client for an ephemeral one. Functions whose arguments cannot be
 * written (a handle to a resource the client does not offer) are left to the closing comment.
 */
import type { ClientFunction, ClientModel, ClientNamedType, ClientResource, ClientType, ClientTypeDef } from './client-model.js';

/** Per client resource, at most this many functions get a blocking call. */
const CALLS_PER_CLIENT = 3;
/** At most this many client resources are constructed. */
const MAX_CLIENTS = 3;

export interface ShownClient {
  resource: ClientResource;
  calls: ClientFunction[];
}

export interface ExamplePlan {
  client: ClientModel;
  clients: ShownClient[];
  /** `resource.function` of what the example does not call (statics included). */
  notShown: string[];
  fireAndForget?: { client: ShownClient; fn: ClientFunction };
  scheduled?: { client: ShownClient; fn: ClientFunction };
  concurrent?: { client: ShownClient; fn: ClientFunction };
}

/** JavaScript reserved words: jco renames such methods, so the non-blocking examples avoid them. */
const JS_RESERVED = new Set(
  'await break case catch class const continue debugger default delete do else enum export extends false finally for function if implements import in instanceof interface let new null package private protected public return static super switch this throw true try typeof var void while with yield'.split(
    ' ',
  ),
);

export function planExample(client: ClientModel): ExamplePlan {
  const types = new TypeQueries(client);
  const clients: ShownClient[] = [];
  /** Per shown client, every function it could call (the blocking calls are the first few). */
  const callable = new Map<ShownClient, ClientFunction[]>();
  for (const resource of client.resources) {
    const ctorOk = resource.constructorParams.every((p) => types.writable(p.shape));
    const writable = resource.functions.filter((f) => !f.isStatic && f.params.every((p) => types.writable(p.shape)));
    if (clients.length >= MAX_CLIENTS || !ctorOk || writable.length === 0) continue;
    const shown = { resource, calls: writable.slice(0, CALLS_PER_CLIENT) };
    clients.push(shown);
    callable.set(shown, writable);
  }
  const candidates = clients.flatMap((c) => callable.get(c)!.map((fn) => ({ client: c, fn })));
  const plain = (fn: ClientFunction) => !JS_RESERVED.has(fn.camel);
  const fireAndForget = candidates.find(({ fn }) => !fn.returnsValue && plain(fn));
  const reusable = (c: ShownClient, fn: ClientFunction) =>
    fn.returnsValue && plain(fn) && fn.params.every((p) => !types.hasOwnHandle(p.shape)) && c.resource.constructorParams.every((p) => !types.hasOwnHandle(p.shape));
  const concurrent = candidates.find(({ client: c, fn }) => reusable(c, fn));
  const scheduled = client.ephemeral ? undefined : (fireAndForget ?? candidates[0]);
  const called = new Set([...clients.flatMap((c) => c.calls), fireAndForget?.fn, scheduled?.fn, concurrent?.fn]);
  const notShown = client.resources.flatMap((r) => r.functions.filter((fn) => !called.has(fn)).map((fn) => `${r.name}.${fn.name}`));
  return { client, clients, notShown, ...(fireAndForget ? { fireAndForget } : {}), ...(scheduled ? { scheduled } : {}), ...(concurrent ? { concurrent } : {}) };
}

/** Questions about the target's types that every language's example asks. */
export class TypeQueries {
  constructor(private readonly client: ClientModel) {}

  named(id: string): ClientNamedType | undefined {
    return this.client.types.get(id);
  }

  /** The definition behind `t` with aliases followed (undefined for anonymous types). */
  definition(t: ClientType): ClientTypeDef | undefined {
    let current = t;
    for (let guard = 0; guard < 100; guard++) {
      if (current.kind !== 'ref' && current.kind !== 'own' && current.kind !== 'borrow') return undefined;
      const def = this.named(current.id)?.def;
      if (def?.kind !== 'alias') return def;
      current = def.target;
    }
    return undefined;
  }

  /** `t` with named aliases followed to what they name. */
  dealias(t: ClientType): ClientType {
    let current = t;
    for (let guard = 0; guard < 100; guard++) {
      if (current.kind !== 'ref') return current;
      const def = this.named(current.id)?.def;
      if (def?.kind !== 'alias') return current;
      current = def.target;
    }
    return current;
  }

  /** The client resource an own/borrow handle (or a bare resource name) stands for. */
  resourceOf(t: ClientType): ClientResource | undefined {
    if (t.kind !== 'ref' && t.kind !== 'own' && t.kind !== 'borrow') return undefined;
    const def = this.definition(t);
    if (def?.kind !== 'resource' || def.entity === undefined) return undefined;
    return this.client.resources.find((r) => r.name === def.entity);
  }

  /** Whether the example can write a value of `t` (a handle needs a client resource it can construct). */
  writable(t: ClientType, seen: ReadonlySet<string> = new Set()): boolean {
    switch (t.kind) {
      case 'primitive':
        return true;
      case 'list':
      case 'option':
        return this.writable(t.element, seen);
      case 'tuple':
        return t.elements.every((e) => this.writable(e, seen));
      case 'result':
        return t.ok === undefined || this.writable(t.ok, seen);
      default: {
        if (seen.has(t.id)) return false;
        const inner = new Set([...seen, t.id]);
        const def = this.named(t.id)?.def;
        if (!def) return false;
        switch (def.kind) {
          case 'record':
            return def.fields.every((f) => this.writable(f.type, inner));
          case 'variant':
            return this.variantCase(def, inner) !== undefined;
          case 'enum':
            return def.cases.length > 0;
          case 'flags':
            return true;
          case 'alias':
            return this.writable(def.target, inner);
          case 'resource': {
            const resource = this.resourceOf(t);
            return resource?.constructorParams.every((p) => this.writable(p.shape, inner)) === true;
          }
        }
      }
    }
  }

  /** The case an example writes: the first with a primitive payload, else the first without one, else the first writable. */
  variantCase(def: Extract<ClientTypeDef, { kind: 'variant' }>, seen: ReadonlySet<string> = new Set()): { name: string; type?: ClientType } | undefined {
    return (
      def.cases.find((c) => c.type !== undefined && this.dealias(c.type).kind === 'primitive') ??
      def.cases.find((c) => c.type === undefined) ??
      def.cases.find((c) => c.type !== undefined && this.writable(c.type, seen))
    );
  }

  /** What `t` holds anywhere inside it (wit-bindgen's type info: strings count as lists). */
  contents(t: ClientType, seen: ReadonlySet<string> = new Set()): { list: boolean; own: boolean; borrow: boolean } {
    const none = { list: false, own: false, borrow: false };
    const merge = (parts: { list: boolean; own: boolean; borrow: boolean }[]) => ({
      list: parts.some((p) => p.list),
      own: parts.some((p) => p.own),
      borrow: parts.some((p) => p.borrow),
    });
    switch (t.kind) {
      case 'primitive':
        return { ...none, list: t.name === 'string' };
      case 'list':
        return { ...this.contents(t.element, seen), list: true };
      case 'option':
        return this.contents(t.element, seen);
      case 'tuple':
        return merge(t.elements.map((e) => this.contents(e, seen)));
      case 'result':
        return merge([t.ok, t.err].filter((x): x is ClientType => x !== undefined).map((x) => this.contents(x, seen)));
      case 'borrow':
        return { ...none, borrow: true };
      default: {
        if (seen.has(t.id)) return none;
        const inner = new Set([...seen, t.id]);
        const def = this.named(t.id)?.def;
        switch (def?.kind) {
          case 'record':
            return merge(def.fields.map((f) => this.contents(f.type, inner)));
          case 'variant':
            return merge(def.cases.flatMap((c) => (c.type ? [this.contents(c.type, inner)] : [])));
          case 'alias':
            return this.contents(def.target, inner);
          case 'resource':
            return { ...none, own: true };
          default:
            return none;
        }
      }
    }
  }

  hasOwnHandle(t: ClientType): boolean {
    return this.contents(t).own;
  }
}

/** A fresh name per use: `base`, else `base` + `suffix`, else numbered; never one of `reserved`. */
export function nameAllocator(reserved: Iterable<string>, suffix: string): (base: string) => string {
  const taken = new Set(reserved);
  return (base) => {
    let name = taken.has(base) ? `${base}${suffix}` : base;
    for (let i = 2; taken.has(name); i++) name = `${base}${suffix}${i}`;
    taken.add(name);
    return name;
  };
}

/** The comments both languages' examples say (the text after `// `). */
export const COMMENTS = {
  client: (ephemeral: boolean) =>
    ephemeral
      ? 'An ephemeral target runs every call in a fresh instance: its clients name no worker.'
      : 'A client talks to one worker, named in its constructor (created on first use).',
  blocking: 'Blocking calls: each returns when the call has been processed.',
  notShown: (names: string[]) => `Not called here: ${listed(names)}; each has the same blocking, non-blocking and schedule variants.`,
  fireAndForget: (fn: string) => `Fire and forget: \`${fn}\` returns once the call is sent, without waiting for the worker.`,
  onWorkers: 'Non-blocking calls on several workers at once, awaited together with wasi:io/poll.',
  sideBySide: 'Non-blocking calls run side by side; wasi:io/poll waits until both are done.',
  nothing: 'The target has no functions this example can call.',
};

/** `a, b and c`, or the first few and how many more. */
function listed(names: string[]): string {
  const shown = names.length > 6 ? [...names.slice(0, 5), `${names.length - 5} more`] : names;
  return shown.length === 1 ? shown[0]! : `${shown.slice(0, -1).join(', ')} and ${shown[shown.length - 1]}`;
}

/** 64-bit integers and floats (with the names old WIT still uses) get their own example values. */
export const WIDE = new Set(['u64', 's64']);
export const FLOAT = new Set(['f32', 'f64', 'float32', 'float64']);
