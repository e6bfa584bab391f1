/**
 * Targets and callers whose WIT still says `float32` / `float64` (accepted by Golem, which reads
 * WIT with `WIT_REQUIRE_F32_F64=0`): `add dependency` and `generate` succeed through the built
 * CLI, every WIT file written says `f32` / `f64` with every other byte as the user wrote it, and
 * current wit-parser accepts every generated folder as written.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withNewFloatNames } from '../../src/wit/index.js';
import { checkWitDir, stopOracle } from '../helpers/wit-oracle.js';
import { StubgenApp, removeStubgenApps } from '../golem-stubgen/app.js';

afterAll(() => {
  stopOracle();
  removeStubgenApps();
});

const witFiles = (dir: string): string[] =>
  readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? witFiles(p) : name.endsWith('.wit') ? [p] : [];
  });

describe('old float names in targets and callers', () => {
  const app = new StubgenApp([
    { name: 'test:main', fixture: 'every-type' },
    { name: 'test:exports', fixture: 'export-styles' },
    { name: 'test:caller', fixture: 'caller' },
  ]);
  const read = (...p: string[]) => readFileSync(join(...p), 'utf8');
  let generatedDirs: string[] = [];

  beforeAll(() => {
    app.addDependency('test:caller', 'test:main');
    app.addDependency('test:caller', 'test:exports');
    app.generate();
    generatedDirs = [
      ...['test:main', 'test:exports', 'test:caller'].flatMap((c) => [app.baseWit(c), app.generatedWit(c)]),
      app.clientWit('test:main'),
      app.clientWit('test:exports'),
    ];
  });

  it('the sources do use the old names (in types, in deps, in a caller world)', () => {
    expect(read(app.sourceWit('test:main'), 'main.wit')).toContain('price: float32,');
    expect(read(app.sourceWit('test:exports'), 'deps', 'sub', 'sub.wit')).toContain('width: float64,');
    expect(read(app.sourceWit('test:caller'), 'caller.wit')).toContain('import tick: func(delta: float32);');
  });

  it('no WIT file written says float32 or float64 as a type', () => {
    const files = generatedDirs.flatMap(witFiles);
    expect(files.length).toBeGreaterThan(30);
    for (const f of files) expect({ f: relative(app.root, f), same: withNewFloatNames(read(f)) === read(f) }).toEqual({ f: relative(app.root, f), same: true });
  });

  it('wit-parser accepts every generated folder as written', async () => {
    for (const dir of generatedDirs) expect({ dir, ...(await checkWitDir(dir)) }).toEqual({ dir, ok: true });
  });

  it('moved interfaces keep every byte but the old names (comments, docs, layout)', () => {
    const source = read(app.sourceWit('test:main'), 'main.wit');
    const exported = read(app.baseWit('test:main'), 'deps', 'test_main-exports', 'exports.wit');
    const block = source.slice(source.indexOf("/// A shop's API"), source.indexOf('\n}\n', source.indexOf('interface iface1')) + 2);
    expect(exported).toBe(`package test:main-exports;\n\n${withNewFloatNames(block)}\n`);
    expect(exported).toContain('    /* unit price */ price: f32,\n');
    expect(exported).toContain('    total: f32, // float32 in a comment stays as written\n');
    expect(exported).toContain('  identity-f32: func(x: f32) -> f32;\n  identity-f64: func(x: f64) -> f64;\n');
    expect(exported).toContain('  widen: func(pair: tuple<f32, list<option<f64>>>, %float32: f32) -> result<f64, list<f32>>;\n');
  });

  it('the client says f32 / f64 and keeps a parameter named float32 escaped', () => {
    const client = read(app.clientWit('test:main'), 'client.wit');
    expect(client).toContain('    blocking-identity-f64: func(x: f64) -> f64;\n');
    expect(client).toContain('    blocking-widen: func(pair: tuple<f32, list<option<f64>>>, %float32: f32) -> result<f64, list<f32>>;\n');
    expect(client).toContain('    get: func() -> option<f32>;\n');
  });

  it('copied dependency packages and the main files that stay say f32 / f64 too', () => {
    const sub = read(app.generatedWit('test:caller'), 'deps', 'sub', 'sub.wit');
    expect(sub).toBe(withNewFloatNames(read(app.sourceWit('test:exports'), 'deps', 'sub', 'sub.wit')));
    expect(sub).toContain('width: f64,');
    expect(read(app.baseWit('test:exports'), 'main.wit')).toContain('  lightness: func(s: shade) -> f64;\n');
    const callerMain = read(app.generatedWit('test:caller'), 'caller.wit');
    expect(callerMain).toContain('  /// A host function, with an old float name: stays in the main file.\n  import tick: func(delta: f32);\n');
    expect(callerMain).toContain('  import test:main-client/api-client;\n  import test:exports-client/api-client;\n}');
  });

  it('a second generate writes nothing', () => {
    expect(app.generate().stdout).toMatch(/generated WIT up to date/);
  });
});
