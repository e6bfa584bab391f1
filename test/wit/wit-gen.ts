/**
 * fast-check generators for random WIT documents: well-formed syntax drawn from small name
 * pools (so references sometimes resolve and sometimes do not), and token-level mutations.
 */
import fc from 'fast-check';

const NAMES = ['a', 'b', 'foo', 'bar-baz', 'x1', 'record', 't', 'r', 'c', 'd', 'e1', 'f'];
const TYPE_NAMES = ['t', 'u', 'r', 'point', 'e', 'res'];
const IFACE_NAMES = ['i', 'j', 'k', 'types'];
const WORLD_NAMES = ['w', 'v'];
const PRIMS = ['bool', 'u8', 'u16', 'u32', 'u64', 's8', 's16', 's32', 's64', 'f32', 'f64', 'char', 'string'];
const KEYWORDS = new Set(['record', 'type', 'use', 'interface', 'world', 'func', 'string', 'list', 'own']);

/** Mostly valid names from the pool; now and then an invalid identifier. */
const id = (pool: string[]) => fc.oneof(
  { arbitrary: fc.constantFrom(...pool).map((n) => (KEYWORDS.has(n) ? `%${n}` : n)), weight: 60 },
  { arbitrary: fc.constantFrom('Up', 'a_b', '%x--y'), weight: 1 },
);

const typeExpr: fc.Arbitrary<string> = fc.letrec<{ ty: string }>((tie) => ({
  ty: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    { arbitrary: fc.constantFrom(...PRIMS), weight: 4 },
    id(TYPE_NAMES),
    tie('ty').map((t) => `list<${t}>`),
    tie('ty').map((t) => `option<${t}>`),
    fc.tuple(tie('ty'), tie('ty')).map(([a, b]) => `tuple<${a}, ${b}>`),
    fc.constantFrom('result', 'tuple<>'),
    tie('ty').map((t) => `result<${t}>`),
    tie('ty').map((t) => `result<_, ${t}>`),
    fc.tuple(tie('ty'), tie('ty')).map(([a, b]) => `result<${a}, ${b}>`),
    id(TYPE_NAMES).map((t) => `borrow<${t}>`),
    id(TYPE_NAMES).map((t) => `own<${t}>`),
  ),
})).ty;

const docs = fc.option(fc.constantFrom('/// some docs\n', '/** block\n docs */\n', '// plain comment\n'), { nil: '' });
const gate = fc.option(
  fc.constantFrom('@since(version = 1.0.0)\n', '@unstable(feature = fancy)\n', '@since(version = 0.1.0)\n@deprecated(version = 1.0.0)\n'),
  { freq: 12, nil: '' },
);

const params = fc.array(fc.tuple(id(NAMES), typeExpr), { maxLength: 3 }).map((ps) => ps.map(([n, t]) => `${n}: ${t}`).join(', '));
const func = fc.tuple(params, fc.option(typeExpr, { nil: undefined })).map(([p, r]) => `func(${p})${r ? ` -> ${r}` : ''}`);

const usePath = fc.oneof(id(IFACE_NAMES), fc.constantFrom('dep:x/q', 'dep:x/q@1.0.0', 'nope:pkg/z'));
const useItem = fc.tuple(usePath, fc.array(fc.tuple(id(TYPE_NAMES), fc.option(id(TYPE_NAMES), { nil: undefined })), { minLength: 1, maxLength: 2 }))
  .map(([p, ns]) => `use ${p}.{${ns.map(([n, a]) => (a ? `${n} as ${a}` : n)).join(', ')}};`);

const typeDef = fc.oneof(
  fc.tuple(id(TYPE_NAMES), typeExpr).map(([n, t]) => `type ${n} = ${t};`),
  fc.tuple(id(TYPE_NAMES), fc.array(fc.tuple(id(NAMES), typeExpr), { maxLength: 3 }))
    .map(([n, fs]) => `record ${n} {\n${fs.map(([f, t]) => `  ${f}: ${t},`).join('\n')}\n}`),
  fc.tuple(id(TYPE_NAMES), fc.array(fc.tuple(id(NAMES), fc.option(typeExpr, { nil: undefined })), { maxLength: 3 }))
    .map(([n, cs]) => `variant ${n} { ${cs.map(([c, t]) => (t ? `${c}(${t})` : c)).join(', ')} }`),
  fc.tuple(id(TYPE_NAMES), fc.array(id(NAMES), { maxLength: 3 })).map(([n, cs]) => `enum ${n} { ${cs.join(', ')} }`),
  fc.tuple(id(TYPE_NAMES), fc.array(id(NAMES), { maxLength: 3 })).map(([n, cs]) => `flags ${n} { ${cs.join(', ')} }`),
  fc.tuple(id(TYPE_NAMES), fc.array(fc.oneof(
    params.map((p) => `constructor(${p});`),
    fc.tuple(id(NAMES), func).map(([n, f]) => `${n}: ${f};`),
    fc.tuple(id(NAMES), func).map(([n, f]) => `${n}: static ${f};`),
  ), { maxLength: 3 })).map(([n, fs]) => (fs.length ? `resource ${n} {\n  ${fs.join('\n  ')}\n}` : `resource ${n};`)),
);

const interfaceItem = fc.tuple(docs, gate, fc.oneof(
  { arbitrary: typeDef, weight: 3 },
  { arbitrary: fc.tuple(id(NAMES), func).map(([n, f]) => `${n}: ${f};`), weight: 2 },
  { arbitrary: useItem, weight: 1 },
)).map(([d, g, item]) => d + g + item);

const interfaceBody = fc.array(interfaceItem, { maxLength: 5 }).map((items) => items.join('\n'));

const worldItem = fc.tuple(docs, fc.oneof(
  fc.tuple(fc.constantFrom('import', 'export'), usePath).map(([k, p]) => `${k} ${p};`),
  fc.tuple(fc.constantFrom('import', 'export'), id(NAMES), func).map(([k, n, f]) => `${k} ${n}: ${f};`),
  fc.tuple(fc.constantFrom('import', 'export'), id(NAMES), interfaceBody).map(([k, n, b]) => `${k} ${n}: interface {\n${b}\n}`),
  id(WORLD_NAMES).map((w) => `include ${w};`),
  fc.tuple(id(WORLD_NAMES), id(NAMES), id(NAMES)).map(([w, a, b]) => `include ${w} with { ${a} as ${b} }`),
  useItem,
  typeDef,
)).map(([d, item]) => d + item);

const topItem = fc.oneof(
  { arbitrary: fc.tuple(docs, gate, id(IFACE_NAMES), interfaceBody).map(([d, g, n, b]) => `${d}${g}interface ${n} {\n${b}\n}`), weight: 3 },
  { arbitrary: fc.tuple(docs, id(WORLD_NAMES), fc.array(worldItem, { maxLength: 4 })).map(([d, n, items]) => `${d}world ${n} {\n${items.join('\n')}\n}`), weight: 2 },
  { arbitrary: fc.constantFrom('use dep:x/q as qq;', 'use i as ii;'), weight: 1 },
);

const nested = fc.constantFrom(
  '',
  'package dep:x {\n  interface q {\n    type t = u8;\n    resource r;\n    record point { x: s32 }\n  }\n}\n',
  'package dep:x@1.0.0 {\n  interface q {\n    type t = string;\n    type u = list<t>;\n  }\n}\n',
);

/** A random, syntactically well-formed WIT document (its names may or may not resolve). */
export const witDocument: fc.Arbitrary<string> = fc
  .tuple(fc.constantFrom('package ns:pkg;', 'package ns:pkg@1.0.0;', 'package ns:pkg@1.0.0;', 'package %world:%use@1.0.1-rc.1;'), fc.array(topItem, { minLength: 1, maxLength: 4 }), nested)
  .map(([header, items, n]) => `${header}\n\n${items.join('\n\n')}\n${n}`);

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
    case 0: tokens.splice(i, 1); break;
    case 1: tokens.splice(i, 0, tokens[i]!, ' '); break;
    case 2: { const j = pick(positions); [tokens[i], tokens[j]] = [tokens[j]!, tokens[i]!]; break; }
    case 3: tokens[i] = pick(replacements); break;
    default: tokens.splice(i, 0, ' ', pick(replacements), ' ');
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
