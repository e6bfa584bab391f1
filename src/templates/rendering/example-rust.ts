/**
 * The Rust example of a caller, written against the bindings cargo-component generates with
 * wit-bindgen (ownership "owning", golem-rust's modules for WASI and Golem interfaces): struct
 * literals, `Some(..)`, `Ok(..)`, enum and variant paths, bitflags constants; arguments of the
 * client's functions borrowed the way wit-bindgen borrows them (`&str`, `&[T]`, `&Record` for a
 * type that holds strings or lists; by value otherwise), results used with `match` and
 * `if let Some`. Laid out as rustfmt lays it out (rust-layout.ts).
 */
import { CASE_FILTERS, toPascal as pascal, toSnake as snake } from '../../text/case.js';
import type { ClientFunction, ClientResource, ClientType } from './client-model.js';
import { type ExamplePlan, FLOAT, listed, nameAllocator, type ShownClient, TypeQueries, WIDE } from './example-plan.js';
import {
  arrayOf,
  atom,
  Bindings,
  call,
  letLines,
  MAX_WIDTH,
  type RustExpr,
  refTo,
  sliceOf,
  sortUseLines,
  structOf,
  statementLines,
  tupleOf,
  useLine,
  vecOf,
} from './rust-layout.js';

export interface RustExample {
  uses: string[];
  body: string[];
  helpers: string[];
}

/** Where the bundled caller template puts the body: inside `fn run_example` of `impl Guest`. */
const BODY_INDENT = 8;

/** Rust keywords: wit-bindgen's `to_rust_ident` appends `_` to these. */
const KEYWORDS = new Set(
  'as async await break const continue crate dyn else enum extern false fn for if impl in let loop match mod move mut pub ref return self Self static struct super trait true type unsafe use where while abstract become box do final macro override priv try typeof unsized virtual yield gen'.split(
    ' ',
  ),
);

/** wit-bindgen's `to_rust_ident`. */
export const rustIdent = (name: string): string => {
  const s = snake(name);
  return KEYWORDS.has(s) ? `${s}_` : s;
};

const shouty = CASE_FILTERS.to_shouty_snake_case!;

/** Names the body and the helpers use. */
const RESERVED = [
  ...KEYWORDS,
  'lines',
  'await_all',
  'seconds_from_now',
  'poll',
  'now',
  'workers',
  'worker',
  'futures',
  'future',
  'values',
  'value',
  'error',
  'Pollable',
  'Datetime',
];

/** wit-bindgen's argument modes: `top` borrows strings, lists and named types at the top of a parameter; `owned` owns all. */
type Mode = 'top' | 'owned';

export function rustPrimitive(name: string, mode: Mode): string {
  if (name === 'string') return mode === 'top' ? '"example"' : '"example".to_string()';
  if (WIDE.has(name)) return '3';
  if (FLOAT.has(name)) return '1.5';
  if (name === 'bool') return 'true';
  if (name === 'char') return "'x'";
  return '1';
}

export class RustValues {
  /** Names to import from the client module. */
  readonly clientNames = new Set<string>();

  constructor(
    private readonly types: TypeQueries,
    private readonly ephemeral: boolean,
  ) {}

  /** How wit-bindgen passes a parameter of type `t` to an imported function. */
  paramMode(t: ClientType): Mode {
    if (t.kind === 'primitive') return t.name === 'string' ? 'top' : 'owned';
    const inside = this.types.contents(t);
    if (inside.borrow) return inside.own ? 'owned' : 'top';
    return inside.own || !inside.list ? 'owned' : 'top';
  }

  /** A value of `t` in `mode`. */
  value(t: ClientType, mode: Mode): RustExpr {
    switch (t.kind) {
      case 'primitive':
        return atom(rustPrimitive(t.name, mode));
      case 'list': {
        const items = [this.value(t.element, 'owned')];
        return mode === 'top' && !this.types.hasOwnHandle(t) ? sliceOf(items) : vecOf(items);
      }
      case 'option':
        return call('Some', [this.value(t.element, mode)]);
      case 'result':
        return call('Ok', [t.ok ? this.value(t.ok, mode) : atom('()')]);
      case 'tuple':
        return tupleOf(t.elements.map((e) => this.value(e, mode)));
      case 'borrow':
        return refTo(this.construct(this.types.resourceOf(t)!, '"worker-2"'));
      default:
        return this.named(t, mode);
    }
  }

  private named(t: Extract<ClientType, { id: string }>, mode: Mode): RustExpr {
    const named = this.types.named(t.id);
    const def = named?.def;
    // At the top of a parameter wit-bindgen takes every named type by reference (`&Name`).
    const top = (e: RustExpr) => (mode === 'top' ? refTo(e) : e);
    switch (def?.kind) {
      case 'record':
        return top(
          structOf(
            this.typeName(t.id),
            def.fields.map((f) => [rustIdent(f.name), this.value(f.type, 'owned')]),
          ),
        );
      case 'variant': {
        const c = this.types.variantCase(def)!;
        const path = `${this.typeName(t.id)}::${pascal(c.name)}`;
        return top(c.type ? call(path, [this.value(c.type, 'owned')]) : atom(path));
      }
      case 'enum':
        return top(atom(`${this.typeName(t.id)}::${pascal(def.cases[0]!)}`));
      case 'flags':
        return top(atom(def.flags.length > 0 ? `${this.typeName(t.id)}::${shouty(def.flags[0]!)}` : `${this.typeName(t.id)}::empty()`));
      case 'alias': {
        // `type x = string` / `list<…>` are borrowed as `&str` / `&[T]`; other aliases like what they name.
        const target = this.types.dealias(def.target);
        if ((target.kind === 'primitive' && target.name === 'string') || target.kind === 'list') return this.value(target, mode);
        return top(this.value(def.target, 'owned'));
      }
      default:
        return this.construct(this.types.resourceOf(t)!, '"worker-2"');
    }
  }

  /** The name of a named type: its name in the client module (imported), else its full bindings path. */
  private typeName(id: string): string {
    const named = this.types.named(id)!;
    if (named.clientName !== undefined) {
      const name = pascal(named.clientName);
      this.clientNames.add(name);
      return name;
    }
    const o = named.owner;
    return `crate::bindings::${rustIdent(o.namespace)}::${rustIdent(o.package)}::${rustIdent(o.interface)}::${pascal(named.name)}`;
  }

  /** `Resource::new(worker, …constructor arguments)`, `worker` an expression (left out for an ephemeral target). */
  construct(resource: ClientResource, worker: string): RustExpr {
    this.clientNames.add(resource.pascal);
    const args = [...(this.ephemeral ? [] : [atom(worker)]), ...resource.constructorParams.map((p) => this.value(p.shape, this.paramMode(p.shape)))];
    return call(`${resource.pascal}::new`, args);
  }

  /** The arguments of `fn`, each bound first when it would not stay on one line. */
  args(fn: ClientFunction, bindings: Bindings): RustExpr[] {
    return fn.params.map((p) => bindings.inline(this.value(p.shape, this.paramMode(p.shape)), rustIdent(p.name)));
  }
}

export function rustExample(plan: ExamplePlan): RustExample {
  const types = new TypeQueries(plan.client);
  const ephemeral = plan.client.ephemeral;
  const values = new RustValues(types, ephemeral);
  const fresh = nameAllocator(RESERVED, '_result');
  const body: string[] = [];
  const vars = new Map<ShownClient, string>();
  const at = (indent: number) => new Bindings(BODY_INDENT + indent, fresh);
  /** `head(args)tail` with the arguments' bindings first; lines relative to the body. */
  const statement = (head: string, callee: string, argsOf: (b: Bindings) => RustExpr[], tail: string, indent = 0): string[] => {
    const bindings = at(indent);
    const expr = call(callee, argsOf(bindings));
    return relative([...bindings.statements.flat(), ...statementLines(head, bindings.simplify(expr), tail, BODY_INDENT + indent, head.startsWith('let '))]);
  };
  const push = (format: string, extra = '', indent = 0): string[] => pushLine(format, extra, BODY_INDENT + indent);

  if (plan.clients.length === 0 && !plan.concurrent) {
    return { uses: [], body: ['// The target has no functions this example can call.', '"nothing to call".to_string()'], helpers: [] };
  }
  body.push('let mut lines: Vec<String> = Vec::new();');
  plan.clients.forEach((c, i) => {
    const v = fresh(c.resource.snake);
    vars.set(c, v);
    body.push('');
    if (i === 0) {
      body.push(
        ephemeral
          ? '// An ephemeral target runs every call in a fresh instance: its clients name no worker.'
          : '// A client talks to one worker, named in its constructor (created on first use).',
      );
    }
    const bindings = at(0);
    const ctor = bindings.simplify(values.construct(c.resource, '"worker-1"'));
    body.push(...relative([...bindings.statements.flat(), ...letLines(v, ctor, BODY_INDENT)]));
    if (i === 0) body.push('// Blocking calls: each returns when the call has been processed.');
    for (const fn of c.calls) {
      const method = `${v}.blocking_${rustIdent(fn.name)}`;
      const argsOf = (b: Bindings) => values.args(fn, b);
      if (!fn.resultShape) {
        body.push(...statement('', method, argsOf, ';'), ...push(`${fn.name}: done`));
        continue;
      }
      const name = fresh(rustIdent(fn.name));
      body.push(...statement(`let ${name} = `, method, argsOf, ';'));
      const shape = types.dealias(fn.resultShape);
      if (shape.kind === 'result') {
        body.push(`match ${name} {`, ...matchArm('Ok(value) => ', `${fn.name}: {value:?}`), ...matchArm('Err(error) => ', `${fn.name} failed: {error:?}`), '}');
      } else if (shape.kind === 'option') {
        body.push(`if let Some(value) = ${name} {`, ...push(`${fn.name}: {value:?}`, '', 4), '}');
      } else {
        body.push(...push(`${fn.name}: {${name}:?}`));
      }
    }
  });
  if (plan.notShown.length > 0) body.push(...comment(`Not called here: ${listed(plan.notShown)}; each has the same blocking, non-blocking and schedule variants.`));

  const uses: string[] = [];
  const helpers: string[] = [];
  if (plan.fireAndForget) {
    const { client, fn } = plan.fireAndForget;
    body.push('', ...comment(`Fire and forget: \`${fn.name}\` returns once the call is sent, without waiting for the worker.`));
    body.push(...statement('', `${vars.get(client)}.${rustIdent(fn.name)}`, (b) => values.args(fn, b), ';'), ...push(`${fn.name}: sent`));
  }
  if (plan.scheduled) {
    const { client, fn } = plan.scheduled;
    body.push('', ...comment(`Scheduled: \`${fn.name}\` runs on the worker a minute from now. Until then, \`_cancellation.cancel()\` calls it off.`));
    body.push(...statement('let _cancellation = ', `${vars.get(client)}.schedule_${rustIdent(fn.name)}`, (b) => [...values.args(fn, b), atom('seconds_from_now(60)')], ';'));
    body.push(...push(`${fn.name}: scheduled`));
    uses.push('use golem_rust::wasm_rpc::wasi::clocks::wall_clock::{now, Datetime};');
    helpers.push(
      '/// The time `seconds` from now, for scheduled calls.',
      'fn seconds_from_now(seconds: u64) -> Datetime {',
      '    let time = now();',
      '    Datetime {',
      '        seconds: time.seconds + seconds,',
      '        nanoseconds: time.nanoseconds,',
      '    }',
      '}',
    );
  }
  if (plan.concurrent) {
    const { client, fn } = plan.concurrent;
    const method = rustIdent(fn.name);
    body.push('');
    if (ephemeral) {
      const v = vars.get(client)!;
      body.push('// Non-blocking calls run side by side; wasi:io/poll waits until both are done.');
      const bindings = at(0);
      const futures = arrayOf([0, 1].map(() => call(`${v}.${method}`, values.args(fn, bindings))));
      body.push(...relative([...bindings.statements.flat(), ...letLines('futures', bindings.simplify(futures), BODY_INDENT)]));
      body.push('let values = await_all(&futures, |future| future.subscribe(), |future| future.get());', ...push(`${fn.name} twice: {values:?}`));
    } else {
      body.push('// Non-blocking calls on several workers at once, awaited together with wasi:io/poll.');
      const bindings = at(0);
      const workers = arrayOf([1, 2, 3].map((n) => values.construct(client.resource, `"worker-${n}"`)));
      body.push(...relative([...bindings.statements.flat(), ...letLines('workers', bindings.simplify(workers), BODY_INDENT)]));
      body.push('let mut futures = Vec::new();', 'for worker in &workers {');
      body.push(...statement('let future = ', `worker.${method}`, (b) => values.args(fn, b), ';', 4), '    futures.push(future);', '}');
      body.push('let values = await_all(&futures, |future| future.subscribe(), |future| future.get());');
      body.push(...push(`${fn.name} on {} workers: {values:?}`, ', workers.len()'));
    }
    uses.push('use golem_rust::wasm_rpc::wasi::io::poll::{poll, Pollable};');
    if (helpers.length > 0) helpers.push('');
    helpers.push(
      "/// Waits for every future with wasi:io/poll; the values come back in the futures' order.",
      'fn await_all<F, T>(',
      '    futures: &[F],',
      '    subscribe: impl Fn(&F) -> Pollable,',
      '    get: impl Fn(&F) -> Option<T>,',
      ') -> Vec<T> {',
      '    let pollables: Vec<Pollable> = futures.iter().map(subscribe).collect();',
      '    let mut values: Vec<Option<T>> = futures.iter().map(|_| None).collect();',
      '    let mut pending: Vec<usize> = (0..futures.len()).collect();',
      '    while !pending.is_empty() {',
      '        let waiting: Vec<&Pollable> = pending.iter().map(|&index| &pollables[index]).collect();',
      '        // poll returns the positions (in `waiting`) of the ready pollables.',
      '        let ready = poll(&waiting);',
      '        let done: Vec<usize> = ready',
      '            .iter()',
      '            .map(|&position| pending[position as usize])',
      '            .collect();',
      '        for &index in &done {',
      '            values[index] = get(&futures[index]);',
      '        }',
      '        pending.retain(|index| !done.contains(index));',
      '    }',
      '    values.into_iter().flatten().collect()',
      '}',
    );
  }
  body.push('', 'lines.join("\\n")');
  if (values.clientNames.size > 0) uses.push(useLine(`crate::bindings::${plan.client.rustModule}`, [...values.clientNames]));
  return { uses: sortUseLines(uses), body, helpers };
}

/** Lines at absolute indentation made relative to the body's. */
function relative(lines: string[]): string[] {
  return lines.map((l) => l.slice(BODY_INDENT));
}

/** `lines.push(format!("…"…));` (a constant: `"…".to_string()`) as rustfmt lays it out at `indent` (lines relative to the body). */
function pushLine(format: string, extra: string, indent: number): string[] {
  const text = /[{}]/.test(format) ? `lines.push(format!(${JSON.stringify(format)}${extra}));` : `lines.push(${JSON.stringify(format)}.to_string());`;
  if (indent + text.length <= MAX_WIDTH) return relative([`${' '.repeat(indent)}${text}`]);
  const pad = ' '.repeat(indent);
  return relative([`${pad}lines.push(format!(`, `${pad}    ${JSON.stringify(format)}${extra}`, `${pad}));`]);
}

/** `<pattern> => lines.push(format!("…")),` inside a `match` at the body's level, or the block form when that is too wide. */
function matchArm(pattern: string, format: string): string[] {
  const text = `    ${pattern}lines.push(format!(${JSON.stringify(format)})),`;
  if (BODY_INDENT + text.length <= MAX_WIDTH) return [text];
  return [`    ${pattern}{`, ...pushLine(format, '', BODY_INDENT + 8), '    }'];
}

/** A `//` comment wrapped at rustfmt's width (rustfmt leaves comments as they are; we keep them short). */
function comment(text: string): string[] {
  const lines: string[] = [];
  let line = '//';
  for (const word of text.split(' ')) {
    if (line.length + 1 + word.length > MAX_WIDTH - BODY_INDENT && line !== '//') {
      lines.push(line);
      line = '//';
    }
    line += ` ${word}`;
  }
  lines.push(line);
  return lines;
}
