/**
 * The example calls a caller template makes, computed from the target's client model so the
 * `.hbs` files stay simple: construct the client (a worker name for durable targets, nothing
 * for ephemeral ones), one blocking call, and — when a function returns a value — three
 * non-blocking calls on three workers, awaited together with `wasi:io/poll` (as in Golem's
 * worker-to-worker guide).
 */
import { UserError } from '../../errors.js';
import type { ClientFunction, ClientModel, ClientParam, ClientResource } from './client-model.js';

type Language = 'ts' | 'rust';

/** Example argument literals and value types by WIT primitive type. */
const PRIMITIVES: Record<string, Record<Language, { literal: string; type: string }>> = {
  u8: { ts: { literal: '1', type: 'number' }, rust: { literal: '1', type: 'u8' } },
  u16: { ts: { literal: '1', type: 'number' }, rust: { literal: '1', type: 'u16' } },
  u32: { ts: { literal: '1', type: 'number' }, rust: { literal: '1', type: 'u32' } },
  u64: { ts: { literal: 'BigInt(3)', type: 'bigint' }, rust: { literal: '3', type: 'u64' } },
  s8: { ts: { literal: '1', type: 'number' }, rust: { literal: '1', type: 'i8' } },
  s16: { ts: { literal: '1', type: 'number' }, rust: { literal: '1', type: 'i16' } },
  s32: { ts: { literal: '1', type: 'number' }, rust: { literal: '1', type: 'i32' } },
  s64: { ts: { literal: 'BigInt(3)', type: 'bigint' }, rust: { literal: '3', type: 'i64' } },
  f32: { ts: { literal: '1.5', type: 'number' }, rust: { literal: '1.5', type: 'f32' } },
  f64: { ts: { literal: '1.5', type: 'number' }, rust: { literal: '1.5', type: 'f64' } },
  bool: { ts: { literal: 'true', type: 'boolean' }, rust: { literal: 'true', type: 'bool' } },
  char: { ts: { literal: '"x"', type: 'string' }, rust: { literal: "'x'", type: 'char' } },
  string: { ts: { literal: '"example"', type: 'string' }, rust: { literal: '"example"', type: 'String' } },
};

/** How each language spells a call (client method names follow the bindings' case rules). */
const SPELLING: Record<Language, { method(fn: ClientFunction, blocking: boolean): string; construct(resource: ClientResource, args: string[]): string }> = {
  ts: {
    method: (fn, blocking) => (blocking ? `blocking${fn.camel.charAt(0).toUpperCase()}${fn.camel.slice(1)}` : fn.camel),
    construct: (resource, args) => `new ${resource.pascal}(${args.join(', ')})`,
  },
  rust: {
    method: (fn, blocking) => (blocking ? `blocking_${fn.snake}` : fn.snake),
    construct: (resource, args) => `${resource.pascal}::new(${args.join(', ')})`,
  },
};

function primitive(type: string, where: string) {
  const p = PRIMITIVES[type];
  if (!p) {
    throw new UserError(`the caller template can only write example calls with parameters of primitive WIT types; ${where} takes '${type}'`, {
      code: 'E_TEMPLATE',
      hint: 'Create the caller for a target with simple parameters, or write the calls yourself after adding a dependency (add dependency).',
    });
  }
  return p;
}

const args = (params: ClientParam[], lang: Language, where: string) => params.map((p) => primitive(p.type, `${where}(${p.name})`)[lang].literal);

export interface LanguageExample {
  /** `new ExampleProviderApi("worker-1")` per worker (1..3). */
  clients: string[];
  /** `blockingAdd(BigInt(3))` */
  blockingCall: string;
  /** `get()` when a function returns a value. */
  asyncCall?: string;
  /** The value type of that function's result. */
  asyncValueType?: string;
}

export interface CallerExample {
  resource: ClientResource;
  blocking: ClientFunction;
  async?: ClientFunction;
  ts: LanguageExample;
  rust: LanguageExample;
}

export function callerExample(client: ClientModel): CallerExample {
  const resource = client.resources.find((r) => r.functions.length > 0);
  if (!resource) {
    throw new UserError(`the target's client (${client.clientPackage}) has no functions to call`, {
      code: 'E_TEMPLATE',
      hint: 'Export an interface with functions from the target.',
    });
  }
  const blocking = resource.functions[0]!;
  const async = resource.functions.find((f) => f.returnsValue);
  const build = (lang: Language): LanguageExample => {
    const spell = SPELLING[lang];
    const ctorArgs = args(resource.constructorParams, lang, `${resource.name} constructor`);
    const clients = [1, 2, 3].map((i) => spell.construct(resource, [...(client.ephemeral ? [] : [`"worker-${i}"`]), ...ctorArgs]));
    return {
      clients,
      blockingCall: `${spell.method(blocking, true)}(${args(blocking.params, lang, blocking.name).join(', ')})`,
      ...(async
        ? {
            asyncCall: `${spell.method(async, false)}(${args(async.params, lang, async.name).join(', ')})`,
            asyncValueType: primitive(async.result ?? '', `${async.name}'s result`)[lang].type,
          }
        : {}),
    };
  };
  return { resource, blocking, ...(async ? { async } : {}), ts: build('ts'), rust: build('rust') };
}
