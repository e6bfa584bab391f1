/**
 * Which decoder an app with a `wasm` dependency on a binary gets (src/rpc/wasm-decoder.ts):
 * wasm-tools on PATH first, then jco installed in the app, then jco-transpile in the app or among
 * the global npm packages; none is undefined (the caller says what to install).
 */
import { mkdirSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findDecoder } from '../../src/rpc/wasm-decoder.js';
import { ROOT, tempDir } from '../helpers/cli.js';
import { buildComponent, pathWith, wasmToolsStandIn } from '../helpers/components.js';

/** `<dir>/node_modules/@bytecodealliance/<pkg>` → this project's copy. */
function install(dir: string, ...pkgs: string[]): void {
  mkdirSync(join(dir, 'node_modules/@bytecodealliance'), { recursive: true });
  for (const pkg of pkgs) symlinkSync(join(ROOT, 'node_modules/@bytecodealliance', pkg), join(dir, 'node_modules/@bytecodealliance', pkg));
}

describe('findDecoder', () => {
  const nothing = (root: string) => ({ PATH: '/nonexistent', npm_config_prefix: join(root, 'prefix') });

  it('finds none in a bare app', () => {
    const app = tempDir('cga-dec-');
    expect(findDecoder(app, nothing(app))).toBeUndefined();
  });

  it('prefers wasm-tools on PATH, which prints every package', async () => {
    const app = tempDir('cga-dec-');
    install(app, 'jco-transpile', 'preview2-shim');
    const decoder = findDecoder(app, { ...nothing(app), PATH: pathWith(wasmToolsStandIn(join(app, 'bin'))) })!;
    expect(decoder.name).toBe('wasm-tools');
    expect(decoder.printsPackages).toBe(true);
    await buildComponent(join(app, 'x.wasm'), 'acme:x/w@0.1.0', { 'acme:x@0.1.0': 'interface api { f: func(); }\nworld w { export api; }' });
    const ids = (await decoder.decode(join(app, 'x.wasm'))).map((p) => [p.id, p.text?.split('\n')[0]]);
    expect(ids.sort()).toEqual([
      ['acme:x@0.1.0', 'package acme:x@0.1.0;'],
      ['root:component', 'package root:component;'],
    ]);
  });

  it("uses jco-transpile from the app, then from the global packages: the component's world, the packages named", async () => {
    const app = tempDir('cga-dec-');
    install(app, 'jco-transpile', 'preview2-shim');
    const decoder = findDecoder(app, nothing(app))!;
    expect(decoder.name).toMatch(/^@bytecodealliance\/jco-transpile \d/);
    expect(decoder.printsPackages).toBe(false);
    await buildComponent(join(app, 'x.wasm'), 'acme:x/w@0.1.0', { 'acme:x@0.1.0': 'interface api { f: func(); }\nworld w { export api; }' });
    const packages = await decoder.decode(join(app, 'x.wasm'));
    expect(packages.map((p) => [p.id, p.text !== undefined])).toEqual([
      ['root:component', true],
      ['acme:x@0.1.0', false],
    ]);

    const bare = tempDir('cga-dec-');
    const prefix = join(bare, 'prefix');
    install(join(prefix, 'lib'), 'jco-transpile', 'preview2-shim');
    expect(findDecoder(bare, { PATH: '/nonexistent', npm_config_prefix: prefix })?.name).toMatch(/^@bytecodealliance\/jco-transpile/);
  });

  it('says which file is not a component', async () => {
    const app = tempDir('cga-dec-');
    install(app, 'jco-transpile', 'preview2-shim');
    const file = join(app, 'core.wasm');
    const { writeFileSync } = await import('node:fs');
    writeFileSync(file, Buffer.from([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0])); // an empty core module
    await expect(findDecoder(app, nothing(app))!.decode(file)).rejects.toThrow(
      /^cannot decode .*core\.wasm as a WebAssembly component \(@bytecodealliance\/jco-transpile [\d.]+: a core module, not a component\)$/,
    );
    writeFileSync(file, 'text');
    await expect(findDecoder(app, nothing(app))!.decode(file)).rejects.toThrow(/: not a WebAssembly binary\)$/);
  });
});
