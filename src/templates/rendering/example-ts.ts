/**
 * The TypeScript example of a caller, written against the declarations jco generates for the
 * client (`jco guest-types`): `3n` for 64-bit integers, typed arrays for numeric lists,
 * `T | undefined` for options (tagged `{ tag: "some", val }` where jco nests them), `{ tag, val }`
 * for variants and nested results, objects with camelCase fields for records and flags, and a
 * top-level `result` returned as its `ok` value with the `err` thrown (jco's ComponentError).
 */
import { toCamel as camel, toPascal as pascal } from '../../text/case.js';
import type { ClientFunction, ClientResource, ClientType } from './client-model.js';
import { COMMENTS, type ExamplePlan, FLOAT, nameAllocator, type ShownClient, TypeQueries, WIDE } from './example-plan.js';

export interface TsExample {
  imports: string[];
  body: string[];
  helpers: string[];
}

const TYPED_ARRAYS: Record<string, string> = {
  u8: 'Uint8Array',
  s8: 'Int8Array',
  u16: 'Uint16Array',
  s16: 'Int16Array',
  u32: 'Uint32Array',
  s32: 'Int32Array',
  u64: 'BigUint64Array',
  s64: 'BigInt64Array',
  f32: 'Float32Array',
  f64: 'Float64Array',
  float32: 'Float32Array',
  float64: 'Float64Array',
};

/** Names the template and the helpers use, and globals a local name should not hide. */
const RESERVED = [
  ...['lines', 'show', 'awaitAll', 'secondsFromNow', 'poll', 'now', 'workers', 'values', 'error', 'name', 'worker', 'World', 'cancellation'],
  ...['fetch', 'console', 'JSON', 'Array', 'Object', 'String', 'Number', 'Boolean', 'Promise', 'Set', 'Map', 'Error', 'Symbol', 'Math', 'Date', 'BigInt'],
  ...'await break case catch class const continue debugger default delete do else enum export extends false finally for function if implements import in instanceof interface let new null package private protected public return static super switch this throw true try typeof var void while with yield arguments eval undefined'.split(
    ' ',
  ),
];

export function tsPrimitive(name: string): string {
  if (WIDE.has(name)) return '3n';
  if (FLOAT.has(name)) return '1.5';
  if (name === 'bool') return 'true';
  if (name === 'char') return '"x"';
  if (name === 'string') return '"example"';
  return '1';
}

const localName = (className: string): string => (GLOBALS.has(className) ? `${className}Client` : className);

/** jco's `as_nullable`: an option is `T | undefined` unless its payload could itself be `undefined`. */
function nullable(types: TypeQueries, t: ClientType): boolean {
  const d = types.dealias(t);
  return d.kind === 'option' && !nullable(types, d.element);
}

/** Globals the example's code uses: a client class with one of these names is imported under another. */
const GLOBALS = new Set(['Array', 'ArrayBuffer', 'JSON', 'Set', 'String', 'Object', 'Uint8Array']);

export class TsValues {
  /** Client classes the values construct (their names in the client module). */
  readonly classes = new Set<string>();

  constructor(
    private readonly types: TypeQueries,
    private readonly ephemeral: boolean,
  ) {}

  /** A value of `t` as a TS expression. */
  value(t: ClientType): string {
    switch (t.kind) {
      case 'primitive':
        return tsPrimitive(t.name);
      case 'list': {
        const element = this.types.dealias(t.element);
        const primitive = element.kind === 'primitive' ? element.name : '';
        const typed = TYPED_ARRAYS[primitive];
        return typed ? `new ${typed}([${tsPrimitive(primitive)}])` : `[${this.value(t.element)}]`;
      }
      case 'option':
        return nullable(this.types, t.element) ? `{ tag: "some", val: ${this.value(t.element)} }` : this.value(t.element);
      case 'result':
        return `{ tag: "ok", val: ${t.ok ? this.value(t.ok) : 'undefined'} }`;
      case 'tuple':
        return `[${t.elements.map((e) => this.value(e)).join(', ')}]`;
      default:
        return this.named(t);
    }
  }

  private named(t: Extract<ClientType, { id: string }>): string {
    const def = this.types.named(t.id)?.def;
    switch (def?.kind) {
      case 'record':
        return `{ ${def.fields.map((f) => `${camel(f.name)}: ${this.value(f.type)}`).join(', ')} }`;
      case 'variant': {
        const c = this.types.variantCase(def)!;
        return c.type ? `{ tag: "${c.name}", val: ${this.value(c.type)} }` : `{ tag: "${c.name}" }`;
      }
      case 'enum':
        return `"${def.cases[0]}"`;
      case 'flags':
        return def.flags.length > 0 ? `{ ${camel(def.flags[0]!)}: true }` : '{}';
      case 'alias':
        return this.value(def.target);
      default:
        return this.construct(this.types.resourceOf(t)!, '"worker-2"');
    }
  }

  /** `new Resource(worker, …constructor arguments)`, `worker` an expression (left out for an ephemeral target). */
  construct(resource: ClientResource, worker: string): string {
    this.classes.add(resource.pascal);
    const args = [...(this.ephemeral ? [] : [worker]), ...resource.constructorParams.map((p) => this.value(p.shape))];
    return `new ${localName(resource.pascal)}(${args.join(', ')})`;
  }

  /** `import { … } from "<module>";` for the client classes. */
  importLine(module: string): string {
    const names = [...this.classes].sort().map((c) => (localName(c) === c ? c : `${c} as ${localName(c)}`));
    return `import { ${names.join(', ')} } from "${module}";`;
  }

  args(fn: ClientFunction): string {
    return fn.params.map((p) => this.value(p.shape)).join(', ');
  }
}

export function tsExample(plan: ExamplePlan): TsExample {
  const types = new TypeQueries(plan.client);
  const ephemeral = plan.client.ephemeral;
  const values = new TsValues(types, ephemeral);
  const fresh = nameAllocator(RESERVED, 'Result');
  const body: string[] = ['const lines: string[] = [];'];
  const vars = new Map<ShownClient, string>();

  if (plan.clients.length === 0) {
    body.push('', `// ${COMMENTS.nothing}`);
  }
  plan.clients.forEach((c, i) => {
    const v = fresh(c.resource.camel);
    vars.set(c, v);
    body.push('');
    if (i === 0) body.push(`// ${COMMENTS.client(ephemeral)}`);
    body.push(`const ${v} = ${values.construct(c.resource, '"worker-1"')};`);
    if (i === 0) body.push(`// ${COMMENTS.blocking}`);
    for (const fn of c.calls) body.push(...blockingCall(types, values, v, fn, fresh));
  });
  if (plan.notShown.length > 0) body.push(`// ${COMMENTS.notShown(plan.notShown)}`);

  const imports: string[] = [];
  const helpers: string[] = [];
  if (plan.fireAndForget) {
    const { client, fn } = plan.fireAndForget;
    body.push('', `// ${COMMENTS.fireAndForget(fn.name)}`);
    body.push(`${vars.get(client)}.${fn.camel}(${values.args(fn)});`, `lines.push("${fn.name}: sent");`);
  }
  if (plan.scheduled) {
    const { client, fn } = plan.scheduled;
    const args = [values.args(fn), 'secondsFromNow(60n)'].filter(Boolean).join(', ');
    body.push(
      '',
      `// Scheduled: \`${fn.name}\` runs on the worker a minute from now. Until then,`,
      '// cancellation.cancel() calls it off.',
      `const cancellation = ${vars.get(client)}.schedule${pascal(fn.name)}(${args});`,
      `lines.push("${fn.name}: scheduled");`,
    );
  }
  if (plan.concurrent) {
    const { client, fn } = plan.concurrent;
    const result = fresh(`${fn.camel}Values`);
    body.push('');
    if (ephemeral) {
      const v = vars.get(client)!;
      body.push(
        `// ${COMMENTS.sideBySide}`,
        `const ${result} = awaitAll([${v}.${fn.camel}(${values.args(fn)}), ${v}.${fn.camel}(${values.args(fn)})]);`,
        `lines.push(\`${fn.name} twice: \${${result}.map(show).join(", ")}\`);`,
      );
    } else {
      const ctor = values.construct(client.resource, 'name');
      body.push(
        `// ${COMMENTS.onWorkers}`,
        `const workers = ["worker-1", "worker-2", "worker-3"].map((name) => ${ctor});`,
        `const ${result} = awaitAll(workers.map((worker) => worker.${fn.camel}(${values.args(fn)})));`,
        `lines.push(\`${fn.name} on each worker: \${${result}.map(show).join(", ")}\`);`,
      );
    }
  }
  body.push('', 'return lines.join("\\n");');
  // A client class may be called Datetime or Pollable: the WASI types are then imported under another name.
  const wasiType = (name: string) => (values.classes.has(name) ? `Wasi${name}` : name);
  const imported = (name: string) => (values.classes.has(name) ? `type ${name} as Wasi${name}` : `type ${name}`);
  if (plan.scheduled) {
    imports.push(`import { ${imported('Datetime')}, now } from "wasi:clocks/wall-clock@0.2.0";`);
    helpers.push(
      '/** The time `seconds` from now, for scheduled calls. */',
      `function secondsFromNow(seconds: bigint): ${wasiType('Datetime')} {`,
      '  const time = now();',
      '  return { seconds: time.seconds + seconds, nanoseconds: time.nanoseconds };',
      '}',
    );
  }
  if (plan.concurrent) {
    imports.push(`import { ${imported('Pollable')}, poll } from "wasi:io/poll@0.2.0";`);
    if (helpers.length > 0) helpers.push('');
    helpers.push(
      "/** Waits for every future with wasi:io/poll; the values come back in the futures' order. */",
      `function awaitAll<T>(futures: { subscribe(): ${wasiType('Pollable')}; get(): T | undefined }[]): T[] {`,
      '  const values: (T | undefined)[] = futures.map(() => undefined);',
      '  const pollables = futures.map((future) => future.subscribe());',
      '  let pending = futures.map((_, index) => index);',
      '  while (pending.length > 0) {',
      '    // poll returns the positions (in the list it was given) of the ready pollables.',
      '    const ready = poll(pending.map((index) => pollables[index]!));',
      '    const done = new Set(Array.from(ready, (position) => pending[position]!));',
      '    for (const index of done) values[index] = futures[index]!.get();',
      '    pending = pending.filter((index) => !done.has(index));',
      '  }',
      '  return values as T[];',
      '}',
    );
  }
  if (helpers.length > 0) helpers.push('');
  helpers.push(
    '/** A value as text: plain for strings and numbers, else JSON (bigints and typed arrays written out). */',
    'function show(value: unknown): string {',
    '  if (typeof value !== "object" || value === null) return String(value);',
    '  return JSON.stringify(value, (_key, item: unknown) =>',
    '    typeof item === "bigint" ? item.toString() : ArrayBuffer.isView(item) ? Array.from(item as unknown as ArrayLike<unknown>) : item,',
    '  );',
    '}',
  );
  if (values.classes.size > 0) imports.unshift(values.importLine(plan.client.tsModule));
  return { imports, body, helpers };
}

/** One blocking call of `fn` on client `v`, its value used as its type asks. */
function blockingCall(types: TypeQueries, values: TsValues, v: string, fn: ClientFunction, fresh: (base: string) => string): string[] {
  const call = `${v}.blocking${pascal(fn.name)}(${values.args(fn)})`;
  const result = fn.resultShape;
  if (!result) return [`${call};`, `lines.push("${fn.name}: done");`];
  const shape = types.dealias(result);
  if (shape.kind === 'result') {
    // jco returns the `ok` value and throws the `err` one.
    const ok = shape.ok ? fresh(fn.camel) : undefined;
    return [
      'try {',
      ...(ok ? [`  const ${ok} = ${call};`, `  lines.push(\`${fn.name}: \${show(${ok})}\`);`] : [`  ${call};`, `  lines.push("${fn.name}: ok");`]),
      '} catch (error) {',
      '  // An `err` result arrives as a thrown error whose `payload` is the error value.',
      `  lines.push(\`${fn.name} failed: \${show((error as { payload?: unknown }).payload)}\`);`,
      '}',
    ];
  }
  const name = fresh(fn.camel);
  if (shape.kind === 'option') {
    const test = nullable(types, shape.element) ? `${name}.tag === "some"` : `${name} !== undefined`;
    return [`const ${name} = ${call};`, `if (${test}) lines.push(\`${fn.name}: \${show(${name})}\`);`];
  }
  return [`const ${name} = ${call};`, `lines.push(\`${fn.name}: \${show(${name})}\`);`];
}
