import { afterAll, describe, expect, it } from 'vitest';
import { cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderClient } from '../../src/rpc/client-render.js';
import type { StubDefinition, StubType } from '../../src/rpc/stub-model.js';
import { UserError } from '../../src/errors.js';
import { checkWitDir, stopOracle } from '../helpers/wit-oracle.js';
import { ROOT, tempDir } from '../helpers/cli.js';

afterAll(() => stopOracle());

const u64: StubType = { kind: 'primitive', name: 'u64' };
const provider = (ephemeral = false): StubDefinition => ({
  target: { namespace: 'example', name: 'provider' },
  world: 'example-provider',
  ephemeral,
  entities: [
    {
      name: 'example-provider-api',
      isResource: false,
      constructorParams: [],
      functions: [
        { name: 'add', params: [{ name: 'value', type: u64 }], isStatic: false },
        { name: 'get', params: [], result: u64, isStatic: false },
      ],
    },
  ],
  usedTypes: [],
  typeNames: new Map(),
});

/** A client dir with the project's golem:rpc, wasi:io and wasi:clocks next to it. */
function clientDir(text: string, extra: Record<string, string> = {}): string {
  const dir = tempDir('cga-rpc-render-');
  writeFileSync(join(dir, 'client.wit'), text);
  for (const folder of ['io', 'clocks', 'golem-rpc']) cpSync(join(ROOT, 'wit', 'deps', folder), join(dir, 'deps', folder), { recursive: true });
  for (const [path, content] of Object.entries(extra)) {
    mkdirSync(join(dir, path, '..'), { recursive: true });
    writeFileSync(join(dir, path), content);
  }
  return dir;
}

describe('client rendering', () => {
  it('renders the default provider exactly like the golden file (docs/client-generation.md §C7)', async () => {
    const golden = readFileSync(join(ROOT, 'test/fixtures/rpc/golden/example-provider-client.wit'), 'utf8');
    const text = renderClient(provider());
    expect(text).toBe(golden);
    expect(await checkWitDir(clientDir(text))).toEqual({ ok: true });
  });

  it('gives ephemeral targets constructor() and custom(component-id)', async () => {
    const text = renderClient(provider(true));
    expect(text).toContain('    constructor();\n');
    expect(text).toContain('    custom: static func(component-id: golem-rpc-component-id) -> example-provider-api;\n');
    expect(text).not.toContain('worker-name');
    expect(await checkWitDir(clientDir(text))).toEqual({ ok: true });
  });

  it('aliases used types that clash with each other or with generated names', async () => {
    const def = provider();
    def.usedTypes = [
      { id: '1', name: 'color', ownerInterfaceId: 'example:provider-exports/a', owner: { package: { namespace: 'example', name: 'provider-exports' }, interface: 'a' } },
      { id: '2', name: 'color', ownerInterfaceId: 'example:provider-exports/b', owner: { package: { namespace: 'example', name: 'provider-exports' }, interface: 'b' } },
      {
        id: '3',
        name: 'example-provider-api',
        ownerInterfaceId: 'example:provider-exports/b',
        owner: { package: { namespace: 'example', name: 'provider-exports' }, interface: 'b' },
      },
    ];
    def.typeNames = new Map([
      ['1', 'color'],
      ['2', 'color'],
      ['3', 'example-provider-api'],
    ]);
    def.entities[0]!.functions.push({
      name: 'paint',
      params: [{ name: 'c', type: { kind: 'ref', id: '2' } }],
      result: { kind: 'list', element: { kind: 'ref', id: '1' } },
      isStatic: false,
    });
    const text = renderClient(def);
    expect(text).toContain('use example:provider-exports/a.{ color as example-provider-exports-a-color };');
    expect(text).toContain(
      'use example:provider-exports/b.{ color as example-provider-exports-b-color, example-provider-api as example-provider-exports-b-example-provider-api };',
    );
    expect(text).toContain('blocking-paint: func(c: example-provider-exports-b-color) -> list<example-provider-exports-a-color>;');
    const exports =
      'package example:provider-exports;\n\ninterface a {\n  enum color { red }\n}\n\ninterface b {\n  enum color { blue }\n  record example-provider-api { x: u8 }\n}\n';
    expect(await checkWitDir(clientDir(text, { 'deps/example_provider-exports/exports.wit': exports }))).toEqual({ ok: true });
  });

  it('stops with an error naming both functions when two futures get one name (golem#1935)', () => {
    const def = provider();
    def.entities.push({
      name: 'other-api',
      isResource: false,
      constructorParams: [],
      functions: [{ name: 'get', params: [], result: u64, isStatic: false, location: () => ({ file: 'main.wit', line: 9, column: 3 }) }],
    });
    let error: unknown;
    try {
      renderClient(def);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(UserError);
    expect((error as UserError).message).toContain('`future-get-result`');
    expect((error as UserError).message).toContain('other-api.get');
    expect((error as UserError).location).toEqual({ file: 'main.wit', line: 9, column: 3 });
  });
});
