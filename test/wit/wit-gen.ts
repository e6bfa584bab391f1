/**
 * fast-check generators for random WIT documents: well-formed syntax whose references mostly
 * point at declared names (and sometimes at missing ones, or at invalid identifiers), so that a
 * good share of documents resolve; plus token-level mutations.
 */
import fc from 'fast-check';

const NAMES = ['a', 'b', 'foo', 'bar-baz', 'x1', 'record', 't', 'r', 'c', 'd', 'e1', 'f'];
const TYPE_NAMES = ['t', 'u', 'r', 'point', 'e', 'res'];
const IFACE_NAMES = ['i', 'j', 'k', 'types'];
const WORLD_NAMES = ['w', 'v'];
const PRIMS = ['bool', 'u8', 'u16', 'u32', 'u64', 's8', 's16', 's32', 's64', 'f32', 'f64', 'char', 'string'];
const KEYWORDS = new Set(['record', 'type', 'use', 'interface', 'world', 'func', 'string', 'list', 'own']);

const escape = (n: string): string => (KEYWORDS.has(n) ? `%${n}` : n);

/** Mostly valid names from the pool; rarely an invalid identifier. */
const id = (pool: string[]): fc.Arbitrary<string> =>
  fc.oneof({ arbitrary: fc.constantFrom(...pool).map(escape), weight: 400 }, { arbitrary: fc.constantFrom('Up', 'a_b', '%x--y'), weight: 1 });

/** A reference: usually to something declared, sometimes to anything in the pool. */
const ref = (declared: string[], pool: string[]): fc.Arbitrary<string> =>
  declared.length ? fc.oneof({ arbitrary: fc.constantFrom(...declared).map(escape), weight: 40 }, { arbitrary: id(pool), weight: 1 }) : id(pool);

interface Ctx {
  versioned: boolean;
  /** Interfaces this item may `use` or import (declared earlier, to keep clear of cycles). */
  ifaces: string[];
  worlds: string[];
  nested: boolean;
}

/** A type expression whose names come mostly from `names` (the types in scope). */
const typeExprIn = (names: string[]): fc.Arbitrary<string> =>
  fc.letrec<{ ty: string }>((tie) => ({
    ty: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      { arbitrary: fc.constantFrom(...PRIMS), weight: 6 },
      { arbitrary: ref(names, TYPE_NAMES), weight: names.length ? 3 : 0 },
      tie('ty').map((t) => `list<${t}>`),
      tie('ty').map((t) => `option<${t}>`),
      fc.tuple(tie('ty'), tie('ty')).map(([a, b]) => `tuple<${a}, ${b}>`),
      fc.constantFrom('result', 'tuple<>'),
      tie('ty').map((t) => `result<${t}>`),
      tie('ty').map((t) => `result<_, ${t}>`),
      fc.tuple(tie('ty'), tie('ty')).map(([a, b]) => `result<${a}, ${b}>`),
      { arbitrary: ref(names, TYPE_NAMES).map((t) => `borrow<${t}>`), weight: names.length ? 1 : 0 },
      { arbitrary: ref(names, TYPE_NAMES).map((t) => `own<${t}>`), weight: names.length ? 1 : 0 },
    ),
  })).ty;

const docs = fc.oneof({ arbitrary: fc.constant(''), weight: 3 }, fc.constantFrom('/// some docs\n', '/** block\n docs */\n', '// plain comment\n'));
/** Usually no gate; version gates only in versioned packages. */
const gate = (ctx: Ctx): fc.Arbitrary<string> =>
  fc.oneof(
    { arbitrary: fc.constant(''), weight: 10 },
    {
      arbitrary: fc.constantFrom(
        ...(ctx.versioned ? ['@since(version = 1.0.0)\n', '@since(version = 0.1.0)\n@deprecated(version = 1.0.0)\n'] : []),
        '@unstable(feature = fancy)\n',
      ),
      weight: 1,
    },
  );

const params = (names: string[]) => fc.array(fc.tuple(id(NAMES), typeExprIn(names)), { maxLength: 3 }).map((ps) => ps.map(([n, t]) => `${n}: ${t}`).join(', '));
const func = (names: string[]) => fc.tuple(params(names), fc.option(typeExprIn(names), { nil: undefined })).map(([p, r]) => `func(${p})${r ? ` -> ${r}` : ''}`);

const usePath = (ctx: Ctx): fc.Arbitrary<string> => {
  const foreign = fc.constantFrom(...(ctx.nested ? ['dep:x/q', 'dep:x/q', 'dep:x/q', 'dep:x/q'] : []), 'dep:x/q@1.0.0', 'nope:pkg/z');
  return ctx.ifaces.length ? fc.oneof({ arbitrary: ref(ctx.ifaces, IFACE_NAMES), weight: 4 }, { arbitrary: foreign, weight: 1 }) : foreign;
};
/** `use p.{name as alias}`: aliases are fresh names, so they do not clash with local definitions. */
const useItem = (ctx: Ctx): fc.Arbitrary<string> =>
  fc
    .tuple(usePath(ctx), fc.uniqueArray(id(TYPE_NAMES), { minLength: 1, maxLength: 2 }), fc.integer({ min: 0, max: 999 }))
    .map(([p, ns, k]) => `use ${p}.{${ns.map((n, i) => `${n} as used-${k}-${i}`).join(', ')}};`);

/** A definition of `name` whose references come from `names`. */
const typeDef = (name: string, names: string[]): fc.Arbitrary<string> => {
  const n = escape(name);
  const ty = typeExprIn(names);
  return fc.oneof(
    ty.map((t) => `type ${n} = ${t};`),
    fc.array(fc.tuple(id(NAMES), ty), { maxLength: 3 }).map((fs) => `record ${n} {\n${fs.map(([f, t]) => `  ${f}: ${t},`).join('\n')}\n}`),
    fc.array(fc.tuple(id(NAMES), fc.option(ty, { nil: undefined })), { maxLength: 3 }).map((cs) => `variant ${n} { ${cs.map(([c, t]) => (t ? `${c}(${t})` : c)).join(', ')} }`),
    fc.array(id(NAMES), { maxLength: 3 }).map((cs) => `enum ${n} { ${cs.join(', ')} }`),
    fc.array(id(NAMES), { maxLength: 3 }).map((cs) => `flags ${n} { ${cs.join(', ')} }`),
    fc
      .array(
        fc.oneof(
          params(names).map((p) => `constructor(${p});`),
          fc.tuple(id(NAMES), func(names)).map(([f, sig]) => `${f}: ${sig};`),
          fc.tuple(id(NAMES), func(names)).map(([f, sig]) => `${f}: static ${sig};`),
        ),
        { maxLength: 3 },
      )
      .map((fs) => (fs.length ? `resource ${n} {\n  ${fs.join('\n  ')}\n}` : `resource ${n};`)),
  );
};

/** Items with distinct type names (duplicates come from mutations), functions and uses. */
const items = (ctx: Ctx): fc.Arbitrary<string[]> =>
  fc
    .uniqueArray(fc.constantFrom(...TYPE_NAMES), { maxLength: 3 })
    .chain((names) =>
      fc.tuple(
        fc.tuple(...names.map((n) => typeDef(n, names))),
        fc
          .uniqueArray(fc.constantFrom(...NAMES.filter((n) => !TYPE_NAMES.includes(n))), { maxLength: 3 })
          .chain((fns) => fc.tuple(...fns.map((f) => func(names).map((sig) => `${escape(f)}: ${sig};`)))),
        ctx.ifaces.length || ctx.nested ? fc.array(useItem(ctx), { maxLength: 1 }) : fc.constant([]),
      ),
    )
    .chain(([defs, fns, uses]) => fc.shuffledSubarray([...defs, ...fns, ...uses], { minLength: defs.length + fns.length + uses.length }))
    .chain((its) => fc.tuple(...its.map((it) => fc.tuple(docs, gate(ctx)).map(([d, g]) => d + g + it))));

const interfaceBody = (ctx: Ctx): fc.Arbitrary<string> => items(ctx).map((its) => its.join('\n'));

const worldItem = (ctx: Ctx): fc.Arbitrary<string> =>
  fc
    .tuple(
      docs,
      fc.oneof(
        { arbitrary: fc.tuple(fc.constantFrom('import', 'export'), usePath(ctx)).map(([k, p]) => `${k} ${p};`), weight: 3 },
        fc.tuple(fc.constantFrom('import', 'export'), id(NAMES), func([])).map(([k, n, f]) => `${k} ${n}: ${f};`),
        fc.tuple(fc.constantFrom('import', 'export'), id(NAMES), interfaceBody(ctx)).map(([k, n, b]) => `${k} ${n}: interface {\n${b}\n}`),
        { arbitrary: ref(ctx.worlds, WORLD_NAMES).map((w) => `include ${w};`), weight: ctx.worlds.length ? 1 : 0 },
        { arbitrary: fc.tuple(ref(ctx.worlds, WORLD_NAMES), id(NAMES), id(NAMES)).map(([w, a, b]) => `include ${w} with { ${a} as ${b} }`), weight: ctx.worlds.length ? 1 : 0 },
        useItem(ctx),
        id(TYPE_NAMES).chain((n) => typeDef(n, [])),
      ),
    )
    .map(([d, item]) => d + item);

const NESTED = [
  'package dep:x {\n  interface q {\n    type t = u8;\n    resource r;\n    record point { x: s32 }\n  }\n}\n',
  'package dep:x@1.0.0 {\n  interface q {\n    type t = string;\n    type u = list<t>;\n  }\n}\n',
];

/** A random, syntactically well-formed WIT document (its names may or may not resolve). */
export const witDocument: fc.Arbitrary<string> = fc
  .tuple(
    fc.constantFrom('package ns:pkg;', 'package ns:pkg@1.0.0;', 'package %world:%use@1.0.1-rc.1;'),
    fc.uniqueArray(fc.constantFrom(...IFACE_NAMES), { minLength: 1, maxLength: 3 }),
    fc.uniqueArray(fc.constantFrom(...WORLD_NAMES), { maxLength: 2 }),
    fc.subarray(['use dep:x/q as qq;', 'use i as ii;']),
    fc.constantFrom('', ...NESTED),
    fc.oneof({ arbitrary: fc.constant(true), weight: 7 }, { arbitrary: fc.constant(false), weight: 1 }),
  )
  .chain(([header, ifaces, worlds, allUses, nested, strict]) => {
    // Mostly only top-level uses that can resolve; sometimes any.
    const uses = allUses.filter((u) => !strict || (u.includes('dep:x') ? nested.startsWith('package dep:x {') : ifaces.includes('i')));
    const base: Ctx = { versioned: header.includes('@'), ifaces: [], worlds: [], nested: nested.startsWith('package dep:x {') };
    const items = [
      ...ifaces.map((name, k) =>
        fc.tuple(docs, gate(base), interfaceBody({ ...base, ifaces: ifaces.slice(0, k) })).map(([d, g, b]) => `${d}${g}interface ${escape(name)} {\n${b}\n}`),
      ),
      ...worlds.map((name, k) =>
        fc.tuple(docs, fc.array(worldItem({ ...base, ifaces, worlds: worlds.slice(0, k) }), { maxLength: 4 })).map(([d, its]) => `${d}world ${name} {\n${its.join('\n')}\n}`),
      ),
    ];
    return fc.tuple(...items).map((decls) => `${header}\n\n${[...uses, ...decls].join('\n\n')}\n${nested}`);
  });

/** Token-level edits: drop, duplicate, swap, replace with a name or a punctuation mark. */
export function mutate(text: string, seed: number): string {
  const tokens = text.match(/%?[A-Za-z_][A-Za-z0-9_-]*|\d+|->|\/\/\/?[^\n]*|\s+|./g) ?? [];
  const rand = mulberry32(seed);
  const pick = <T>(xs: T[]): T => xs[Math.floor(rand() * xs.length)]!;
  const positions = tokens.map((t, i) => (/^\s+$/.test(t) ? -1 : i)).filter((i) => i >= 0);
  if (positions.length === 0) return text;
  const i = pick(positions);
  const replacements = ['{', '}', ';', ',', ':', '<', '>', '(', ')', '@', '.', '/', 'nope', 'u8', 'interface', 'world', 'list', '%a', 'A-b', '_'];
  switch (Math.floor(rand() * 5)) {
    case 0:
      tokens.splice(i, 1);
      break;
    case 1:
      tokens.splice(i, 0, tokens[i]!, ' ');
      break;
    case 2: {
      const j = pick(positions);
      [tokens[i], tokens[j]] = [tokens[j]!, tokens[i]!];
      break;
    }
    case 3:
      tokens[i] = pick(replacements);
      break;
    default:
      tokens.splice(i, 0, ' ', pick(replacements), ' ');
  }
  return tokens.join('');
}

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Documents aimed at world elaboration: interfaces that `use` types from earlier ones (a random
 * DAG), and worlds importing and exporting random subsets, with inline functions and includes.
 */
export const elaborationDocument: fc.Arbitrary<string> = fc
  .integer({ min: 2, max: 6 })
  .chain((n) =>
    fc.tuple(
      fc.tuple(...Array.from({ length: n }, (_, k) => fc.subarray(Array.from({ length: k }, (_, j) => j)))),
      fc.array(fc.tuple(fc.subarray(Array.from({ length: n }, (_, k) => k)), fc.subarray(Array.from({ length: n }, (_, k) => k)), fc.boolean()), { minLength: 1, maxLength: 3 }),
      fc.boolean(),
    ),
  )
  .map(([deps, worlds, withFunctions]) => {
    const ifaces = deps.map((uses, k) => {
      const lines = uses.map((j) => `  use i${j}.{t${j}};`);
      lines.push(`  record t${k} { ${uses.length ? uses.map((j) => `f${j}: t${j}`).join(', ') : 'x: u8'} }`);
      if (withFunctions || k % 2 === 0) lines.push(`  get${k}: func() -> t${k};`);
      return `interface i${k} {\n${lines.join('\n')}\n}`;
    });
    const ws = worlds.map(([imports, exports, inline], w) => {
      const items = [
        ...imports.map((k) => `  import i${k};`),
        ...exports.map((k) => `  export i${k};`),
        ...(inline ? [`  export run: func();`, `  import log: func(msg: string);`] : []),
        ...(w > 0 && inline ? [`  include w${w - 1};`] : []),
      ];
      return `world w${w} {\n${items.join('\n')}\n}`;
    });
    return `package el:ab@1.0.0;\n\n${ifaces.join('\n\n')}\n\n${ws.join('\n\n')}\n`;
  });
