/**
 * The resolved model and the public API the client generator relies on: wit-parser's orders
 * (types, functions, packages, elaborated worlds), used-type owners, lookups, type walks, and
 * source spans that allow moving an interface or splicing a world line as text. Printed WIT
 * of every shipped package is accepted by wit-parser and resolves to the same worlds.
 */
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import {
  attachedDocsStart,
  findInterface,
  findPackage,
  findType,
  findWorld,
  interfaceId,
  loadWitDir,
  packageIdString,
  parseWitFile,
  parseWitText,
  printWitFile,
  resolveWitText,
  typesUsedByFunction,
  underlyingType,
  worldKeyName,
  type AstInterface,
  type AstWorld,
} from '../../src/wit/index.js';
import { checkWitDir, checkWitText, printWorld, stopOracle } from '../helpers/wit-oracle.js';
import { shape } from './ast-shape.js';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
afterAll(() => stopOracle());

const API = `/// Package docs.
package t:api@1.0.0;

interface types {
  record point { x: s32, y: s32 }
  resource blob {
    constructor(size: u32);
    read: func(n: u32) -> list<u8>;
    merge: static func(a: borrow<blob>, b: borrow<blob>) -> blob;
  }
}

/// The API.
// (a plain comment that moves with it)
interface api {
  type late = list<early>;
  use types.{point, blob as b};
  record early { p: point }
  f: func(p: point) -> late;
  resource counter { inc: func(); get: func() -> u64; }
  g: func(x: borrow<b>) -> option<b>;
  type p2 = point;
}

world app {
  import log: func(msg: string);
  export api;
  // keep me
}
`;

describe('resolved model', () => {
  const resolve = resolveWitText(API, 'api.wit');
  const api = findInterface(resolve, 't:api/api@1.0.0')!;

  it('orders interface types as wit-parser: used names, then definitions in stable topological order', () => {
    expect(api.types.map((t) => t.name)).toEqual(['point', 'b', 'early', 'late', 'counter', 'p2']);
    expect(api.types.map((t) => t.def.kind)).toEqual(['use', 'use', 'record', 'alias', 'resource', 'alias']);
  });

  it('lists functions in source order with resource functions at their resource', () => {
    expect(api.functions.map((f) => f.name)).toEqual(['f', '[method]counter.inc', '[method]counter.get', 'g']);
    const types = findInterface(resolve, 't:api/types@1.0.0')!;
    expect(types.functions.map((f) => [f.name, f.kind, f.simpleName])).toEqual([
      ['[constructor]blob', 'constructor', 'constructor'],
      ['[method]blob.read', 'method', 'read'],
      ['[static]blob.merge', 'static', 'merge'],
    ]);
    const read = types.functionsByName.get('[method]blob.read')!;
    expect(read.params.map((p) => [p.name, p.type.kind])).toEqual([
      ['self', 'borrow'],
      ['n', 'primitive'],
    ]);
    expect(types.functionsByName.get('[constructor]blob')!.result).toMatchObject({ kind: 'id', def: { name: 'blob' } });
  });

  it('gives a used name the using interface as owner and links the definition', () => {
    const b = findType(api, 'b')!;
    expect(b.owner).toMatchObject({ kind: 'interface', interface: api });
    expect(b.def.kind === 'use' && b.def.from.name).toBe('types');
    expect(underlyingType(b).name).toBe('blob');
    expect(underlyingType(b).owner).toMatchObject({ kind: 'interface', interface: { name: 'types' } });
    expect(underlyingType(findType(api, 'p2')!).name).toBe('point');
  });

  it('walks the types a function uses', () => {
    const f = api.functionsByName.get('f')!;
    expect(typesUsedByFunction(f).map((t) => `${t.name}@${t.owner.kind === 'interface' ? t.owner.interface.name : ''}`)).toEqual([
      'point@api',
      'point@types',
      'late@api',
      'early@api',
    ]);
  });

  it('finds packages, interfaces, worlds and prints ids', () => {
    expect(findPackage(resolve, 't:api')).toBe(resolve.mainPackage);
    expect(findPackage(resolve, 't:api@1.0.0')).toBe(resolve.mainPackage);
    expect(findPackage(resolve, 't:api@2.0.0')).toBeUndefined();
    expect(findInterface(resolve, 'api')).toBe(api);
    expect(interfaceId(api)).toBe('t:api/api@1.0.0');
    expect(findWorld(resolve, 'app')?.name).toBe('app');
    expect(resolve.mainPackage.docs.lines).toEqual([' Package docs.']);
    expect(api.docs.lines).toEqual([' The API.']);
  });

  it("elaborates worlds: an export's dependencies become imports, in wit-parser order", async () => {
    const world = findWorld(resolve, 'app')!;
    expect(world.imports.map(worldKeyName)).toEqual(['log', 't:api/types@1.0.0']);
    expect(world.exports.map(worldKeyName)).toEqual(['t:api/api@1.0.0']);
    const printed = await printWorld({ text: API }, 'app');
    expect(printed).toContain('import t:api/types@1.0.0;');
    expect(printed).toContain('export t:api/api@1.0.0;');
  });

  it('orders packages dependencies first and records direct foreign deps', () => {
    const r = resolveWitText(
      'package a:main;\nworld w { import z:last/i; import b:mid/j; }\npackage b:mid { interface j { use z:last/i.{t}; } }\npackage z:last { interface i { type t = u8; } }\n',
    );
    expect(r.packages.map((p) => packageIdString(p.name))).toEqual(['z:last', 'b:mid', 'a:main']);
    expect(r.mainPackage.foreignDeps).toEqual(['z:last', 'b:mid']);
    expect(findPackage(r, 'b:mid')!.foreignDeps).toEqual(['z:last']);
  });
});

describe('spans for text surgery', () => {
  const file = parseWitText(API, 'api.wit');
  const api = file.items.find((i) => i.kind === 'interface' && i.name.name === 'api') as AstInterface;
  const world = file.items.find((i) => i.kind === 'world') as AstWorld;

  it('covers an interface with its leading docs and comments', () => {
    expect(API.slice(api.span.start, api.span.end)).toMatch(/^interface api \{[\s\S]*type p2 = point;\n\}$/);
    expect(API.slice(api.docsStart, api.span.start)).toBe('/// The API.\n// (a plain comment that moves with it)\n');
    expect(API.slice(file.package!.span.start, file.package!.span.end)).toBe('package t:api@1.0.0;');
  });

  it("covers world items and the world's closing brace", () => {
    expect(world.items.map((i) => API.slice(i.span.start, i.span.end))).toEqual(['import log: func(msg: string);', 'export api;']);
    expect(API.slice(world.closeBrace.start, world.closeBrace.end)).toBe('}');
    const uses = api.items.filter((i) => i.kind === 'use').map((i) => API.slice(i.span.start, i.span.end));
    expect(uses).toEqual(['use types.{point, blob as b};']);
  });

  it('lets a caller splice an import before the closing brace, keeping every comment (checked by wit-parser)', async () => {
    const text = `${API.slice(0, world.closeBrace.start)}  import types;\n${API.slice(world.closeBrace.start)}`;
    expect(text).toContain('  // keep me\n  import types;\n}');
    expect(await checkWitText(text)).toEqual({ ok: true });
    expect(findWorld(resolveWitText(text), 'app')!.imports.map(worldKeyName)).toEqual(['log', 't:api/types@1.0.0']);
  });

  it('lets a caller move an interface block, with its docs, into another package', async () => {
    const block = API.slice(api.docsStart, api.span.end).replace('use types.', 'use t:api/types@1.0.0.');
    const moved = `package t:moved;\n\n${block}\n\nworld w { export api; }\n\npackage t:api@1.0.0 {\n  interface types { record point { x: s32, y: s32 } resource blob; }\n}\n`;
    expect(await checkWitText(moved)).toEqual({ ok: true });
    expect(findInterface(resolveWitText(moved), 'api')!.docs.lines).toEqual([' The API.']);
  });
});

describe('printer on the shipped WIT (wit/deps)', () => {
  it('prints every file so that it parses back to the same tree, and the printed packages resolve identically', async () => {
    const deps = join(ROOT, 'wit', 'deps');
    const tmp = mkdtempSync(join(tmpdir(), 'wit-print-'));
    try {
      const main = join(tmp, 'printed');
      const original = join(tmp, 'original');
      const world =
        'package t:all;\nworld all {\n  import golem:api/host@1.1.6;\n  import golem:rpc/types@0.2.0;\n  import wasi:http/outgoing-handler@0.2.0;\n  export wasi:cli/run@0.2.0;\n}\n';
      mkdirSync(main);
      writeFileSync(join(main, 'main.wit'), world);
      mkdirSync(original);
      writeFileSync(join(original, 'main.wit'), world);
      cpSync(deps, join(original, 'deps'), { recursive: true });
      let files = 0;
      for (const pkg of readdirSync(deps)) {
        for (const f of readdirSync(join(deps, pkg)).filter((x) => x.endsWith('.wit'))) {
          const path = join(deps, pkg, f);
          const ast = parseWitFile(path, readFileSync(path, 'utf8'));
          const printed = printWitFile(ast);
          expect(shape(parseWitText(printed, path)), relative(ROOT, path)).toEqual(shape(ast));
          mkdirSync(join(main, 'deps', pkg), { recursive: true });
          writeFileSync(join(main, 'deps', pkg, f), printed);
          files++;
        }
      }
      expect(files).toBeGreaterThan(40);
      expect(await checkWitDir(main)).toEqual({ ok: true });
      const a = findWorld(loadWitDir(main), 'all')!;
      const b = findWorld(loadWitDir(original), 'all')!;
      expect(a.imports.map(worldKeyName)).toEqual(b.imports.map(worldKeyName));
      expect(a.imports.length).toBeGreaterThan(5);
    } finally {
      rmSync(tmp, { recursive: true, force: true });
    }
  });
});

describe('attachedDocsStart', () => {
  it('keeps docs and comments right above an item and drops a comment cut off by a blank line', () => {
    const src = 'package a:b;\n\n// file comment\n\n// attached\n/// docs\ninterface i {}\n\n/// only docs\ninterface j {}\n';
    const file = parseWitText(src);
    const [i, j] = file.items as AstInterface[];
    expect(src.slice(i!.docsStart, i!.span.start)).toBe('// file comment\n\n// attached\n/// docs\n');
    expect(src.slice(attachedDocsStart(src, i!), i!.span.start)).toBe('// attached\n/// docs\n');
    expect(attachedDocsStart(src, j!)).toBe(j!.docsStart);
    expect(src.slice(j!.docsStart, j!.span.start)).toBe('/// only docs\n');
  });
});
