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
import { COMMENTS, type ExamplePlan, FLOAT, nameAllocator, type ShownClient, TypeQueries, WIDE } from './example-plan.js';
import { arrayOf, atom, Bindings, CALL_WIDTH, call, hinted, MAX_WIDTH, type RustExpr, refTo, sliceOf, sortUseLines, structOf, tupleOf, useLine, vecOf } from './rust-layout.js';

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
  /** `use` lines: module path below `crate::bindings` → names imported from it. */
  private readonly imports = new Map<string, Set<string>>();
  /** Imported name → its module (one name, one module); the helpers' own imports are taken. */
  private readonly importedFrom = new Map<string, string>([
    ['Datetime', 'golem_rust'],
    ['Pollable', 'golem_rust'],
    ['Component', 'crate'],
    ['Guest', 'crate'],
  ]);

  constructor(
    private readonly types: TypeQueries,
    private readonly ephemeral: boolean,
    private readonly clientModule: string,
  ) {}

  /** `name`, imported from `module` (below `crate::bindings`), or its full path when the name is taken. */
  private imported(module: string, name: string): string {
    const from = this.importedFrom.get(name);
    if (from !== undefined && from !== module) return `crate::bindings::${module}::${name}`;
    this.importedFrom.set(name, module);
    const names = this.imports.get(module) ?? new Set<string>();
    names.add(name);
    this.imports.set(module, names);
    return name;
  }

  /** The `use` lines of the imported names, one per module, as rustfmt writes them. */
  useLines(): string[] {
    return [...this.imports].map(([module, names]) => useLine(`crate::bindings::${module}`, [...names]));
  }

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

  /** The name of a named type, imported: from the client module when the client uses it, else from its own interface's. */
  private typeName(id: string): string {
    const named = this.types.named(id)!;
    // Client names come first: they are the ones a reader finds in the client's WIT.
    if (named.clientName !== undefined) return this.imported(this.clientModule, pascal(named.clientName));
    const o = named.owner;
    return this.imported(`${rustIdent(o.namespace)}::${rustIdent(o.package)}::${rustIdent(o.interface)}`, pascal(named.name));
  }

  /** `Resource::new(worker, …constructor arguments)`, `worker` an expression (left out for an ephemeral target). */
  construct(resource: ClientResource, worker: string): RustExpr {
    const name = this.imported(this.clientModule, resource.pascal);
    const args = [...(this.ephemeral ? [] : [atom(worker)]), ...resource.constructorParams.map((p) => this.value(p.shape, this.paramMode(p.shape)))];
    return call(`${name}::new`, args);
  }

  /** Example arguments of `fn`. */
  args(fn: ClientFunction): RustExpr[] {
    return fn.params.map((p) => hinted(this.value(p.shape, this.paramMode(p.shape)), rustIdent(p.name)));
  }
}

export function rustExample(plan: ExamplePlan): RustExample {
  const types = new TypeQueries(plan.client);
  const ephemeral = plan.client.ephemeral;
  const values = new RustValues(types, ephemeral, plan.client.rustModule);
  const fresh = nameAllocator(RESERVED, '_result');
  const body: string[] = [];
  const vars = new Map<ShownClient, string>();
  const at = (indent: number) => new Bindings(BODY_INDENT + indent, fresh);
  /** `head(args)tail` with the arguments' bindings first; lines relative to the body. */
  /** `<head><e><tail>` at `indent` (relative to the body), after the bindings it needs. */
  const statement = (head: string, e: (b: Bindings) => RustExpr, tail: string, indent = 0): string[] => {
    const bindings = at(indent);
    const lines = bindings.statement(head, e(bindings), tail, head.startsWith('let '));
    return relative([...bindings.statements.flat(), ...lines]);
  };
  const push = (format: string, indent = 0): string[] => pushLine(format, BODY_INDENT + indent);

  if (plan.clients.length === 0 && !plan.concurrent) {
    return { uses: [], body: [`// ${COMMENTS.nothing}`, '"nothing to call".to_string()'], helpers: [] };
  }
  body.push('let mut lines: Vec<String> = Vec::new();');
  plan.clients.forEach((c, i) => {
    const v = fresh(c.resource.snake);
    vars.set(c, v);
    body.push('');
    if (i === 0) body.push(...comment(COMMENTS.client(ephemeral)));
    body.push(...statement(`let ${v} = `, () => values.construct(c.resource, '"worker-1"'), ';'));
    if (i === 0) body.push(...comment(COMMENTS.blocking));
    for (const fn of c.calls) {
      const blocking = () => call(`${v}.blocking_${rustIdent(fn.name)}`, values.args(fn));
      if (!fn.resultShape) {
        body.push(...statement('', blocking, ';'), ...push(`${fn.name}: done`));
        continue;
      }
      const name = fresh(rustIdent(fn.name));
      body.push(...statement(`let ${name} = `, blocking, ';'));
      const shape = types.dealias(fn.resultShape);
      if (shape.kind === 'result') {
        body.push(`match ${name} {`, ...matchArm('Ok(value) => ', `${fn.name}: {value:?}`), ...matchArm('Err(error) => ', `${fn.name} failed: {error:?}`), '}');
      } else if (shape.kind === 'option') {
        body.push(`if let Some(value) = ${name} {`, ...push(`${fn.name}: {value:?}`, 4), '}');
      } else {
        body.push(...push(`${fn.name}: {${name}:?}`));
      }
    }
  });
  if (plan.notShown.length > 0) body.push(...comment(COMMENTS.notShown(plan.notShown)));

  const uses: string[] = [];
  const helpers: string[] = [];
  if (plan.fireAndForget) {
    const { client, fn } = plan.fireAndForget;
    body.push('', ...comment(COMMENTS.fireAndForget(fn.name)));
    body.push(...statement('', () => call(`${vars.get(client)}.${rustIdent(fn.name)}`, values.args(fn)), ';'), ...push(`${fn.name}: sent`));
  }
  if (plan.scheduled) {
    const { client, fn } = plan.scheduled;
    body.push('', ...comment(`Scheduled: \`${fn.name}\` runs on the worker a minute from now. Until then, \`_cancellation.cancel()\` calls it off.`));
    const schedule = () => call(`${vars.get(client)}.schedule_${rustIdent(fn.name)}`, [...values.args(fn), atom('seconds_from_now(60)')]);
    body.push(...statement('let _cancellation = ', schedule, ';'));
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
      body.push(...comment(COMMENTS.sideBySide));
      body.push(...statement('let futures = ', () => arrayOf([0, 1].map(() => call(`${v}.${method}`, values.args(fn)))), ';'));
      body.push('let values = await_all(&futures, |future| future.subscribe(), |future| future.get());', ...push(`${fn.name} twice: {values:?}`));
    } else {
      body.push(...comment(COMMENTS.onWorkers));
      body.push(...statement('let workers = ', () => arrayOf([1, 2, 3].map((n) => values.construct(client.resource, `"worker-${n}"`))), ';'));
      body.push('let mut futures = Vec::new();', 'for worker in &workers {');
      body.push(...statement('let future = ', () => call(`worker.${method}`, values.args(fn)), ';', 4), '    futures.push(future);', '}');
      body.push('let values = await_all(&futures, |future| future.subscribe(), |future| future.get());');
      body.push(...push(`${fn.name} on each worker: {values:?}`));
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
  uses.push(...values.useLines());
  return { uses: sortUseLines(uses), body, helpers };
}

/** Lines at absolute indentation made relative to the body's. */
function relative(lines: string[]): string[] {
  return lines.map((l) => l.slice(BODY_INDENT));
}

/**
 * `<head>lines.push(format!("…"))<tail>` (a constant: `"…".to_string()`, which rustfmt never
 * breaks) as rustfmt lays it out at `indent`: a `format!` wider than fn_call_width, or a line
 * too long, has its string on a line of its own, unless even that is too long (rustfmt then
 * leaves the line as it is). Lines relative to the body.
 */
function pushLine(format: string, indent: number, head = '', tail = ';'): string[] {
  const pad = ' '.repeat(indent);
  const literal = JSON.stringify(format);
  if (!/[{}]/.test(format)) return relative([`${pad}${head}lines.push(${literal}.to_string())${tail}`]);
  const macro = `format!(${literal})`;
  const flat = `${pad}${head}lines.push(${macro})${tail}`;
  if ((flat.length <= MAX_WIDTH && macro.length <= CALL_WIDTH) || `${pad}    ${literal}`.length > MAX_WIDTH) return relative([flat]);
  return relative([`${pad}${head}lines.push(format!(`, `${pad}    ${literal}`, `${pad}))${tail}`]);
}

/** `<pattern> => lines.push(format!("…")),` inside a `match` at the body's level. */
function matchArm(pattern: string, format: string): string[] {
  return pushLine(format, BODY_INDENT + 4, pattern, ',');
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
