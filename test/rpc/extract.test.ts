import { afterAll, describe, expect, it } from 'vitest';
import { cpSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { parseWitFile } from '../../src/wit/index.js';
import { extractExports } from '../../src/rpc/extract.js';
import { wireClientImport } from '../../src/rpc/caller-wiring.js';
import { checkWitDir, stopOracle } from '../helpers/wit-oracle.js';
import { ROOT, tempDir } from '../helpers/cli.js';
import { FIXTURES } from './app-fixture.js';

afterAll(() => stopOracle());

const parseFixture = (fixture: string) => {
  const path = join(FIXTURES, fixture, 'wit', 'main.wit');
  return parseWitFile(path, readFileSync(path, 'utf8'));
};

/** The extraction written out as a WIT dir with the fixture's deps and the project's WASI/Golem deps. */
function writeDir(fixture: string, main: string, exportsPath: string, exportsText: string): string {
  const dir = tempDir('cga-rpc-extract-');
  writeFileSync(join(dir, 'main.wit'), main);
  mkdirSync(dirname(join(dir, exportsPath)), { recursive: true });
  writeFileSync(join(dir, exportsPath), exportsText);
  const ownDeps = join(FIXTURES, fixture, 'wit', 'deps');
  if (existsSync(ownDeps)) cpSync(ownDeps, join(dir, 'deps'), { recursive: true });
  for (const folder of ['io', 'clocks']) cpSync(join(ROOT, 'wit', 'deps', folder), join(dir, 'deps', folder), { recursive: true });
  return dir;
}

describe('exports extraction on the source text', () => {
  for (const fixture of ['provider', 'caller', 'resources', 'inline', 'types', 'multi', 'versioned', 'clash', 'bad-futures']) {
    it(`${fixture}: the rewritten main package and the exports package resolve`, async () => {
      const e = extractExports(parseFixture(fixture));
      const dir = writeDir(fixture, e.mainText, e.exportsPath, e.exportsText);
      expect(await checkWitDir(dir)).toEqual({ ok: true });
    });
  }

  it('moves interfaces with their docs, keeps file comments, changes only the export lines', () => {
    const e = extractExports(parseFixture('caller'));
    expect(e.exportsPath).toBe('deps/example_caller-exports/exports.wit');
    expect(e.exportsText).toBe("package example:caller-exports;\n\n/// The caller's API.\ninterface example-caller-api {\n  /// Calls the provider.\n  test: func() -> u64;\n}\n");
    expect(e.mainText).toBe(
      'package example:caller;\n\n// A caller: its comments must survive caller wiring.\n\nworld example-caller {\n  // keep me\n  export example:caller-exports/example-caller-api;\n\n  // and me, at the end\n}\n',
    );
  });

  it('keeps the version of a versioned package on the exports package and its references', () => {
    const e = extractExports(parseFixture('versioned'));
    expect(e.exportsText.startsWith('package test:versioned-exports@1.2.0;\n')).toBe(true);
    expect(e.mainText).toContain('export test:versioned-exports/api@1.2.0;');
  });

  it('caller wiring inserts one line per world, skips an existing import, removes stale -exports imports', async () => {
    const text =
      'package a:b;\n\n// top\nworld one {\n  import example:provider-exports/example-provider-api;\n  /* inline */ export run: func();\n}\n\nworld two { export run: func(); }\n';
    const wired = wireClientImport(text, 'main.wit', { namespace: 'example', name: 'provider' }, 'example-provider');
    expect(wired).toBe(
      'package a:b;\n\n// top\nworld one {\n  /* inline */ export run: func();\n  import example:provider-client/example-provider-client;\n}\n\nworld two { export run: func(); import example:provider-client/example-provider-client; }\n',
    );
    expect(wireClientImport(wired, 'main.wit', { namespace: 'example', name: 'provider' }, 'example-provider')).toBe(wired);
    const crlf = wireClientImport(text.replace(/\n/g, '\r\n'), 'main.wit', { namespace: 'example', name: 'provider' }, 'example-provider');
    expect(crlf).toBe(wired.replace(/\n/g, '\r\n'));
  });

  it('errors point at the construct Golem cannot handle', () => {
    expect(() => extractExports(parseFixture('bad-world-type'))).toThrow(/world `bad` defines a type/);
    expect(() => extractExports(parseFixture('bad-uses-private'))).toThrow(/uses `private-types`, which is not exported/);
  });
});
