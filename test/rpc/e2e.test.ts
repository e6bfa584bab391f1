/**
 * End to end through the built CLI: create an app with two TypeScript components, add the
 * dependencies caller → provider and caller → caller, and check the generated layout.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { errorOf, ROOT, runCli, tempDir } from '../helpers/cli.js';
import { checkWitDir, printWorld, stopOracle } from '../helpers/wit-oracle.js';
import { FIXTURES } from './app-fixture.js';

afterAll(() => stopOracle());

let app = '';
beforeAll(() => {
  const build = spawnSync(process.execPath, ['scripts/build.mjs'], { cwd: ROOT, encoding: 'utf8' });
  expect(build.status, build.stderr).toBe(0);
  const parent = tempDir('cga-rpc-e2e-');
  const created = runCli(['my-app', '--yes', '--no-git', '--component', 'example:provider', '--component', 'example:caller'], { cwd: parent });
  expect(created.code, created.stderr).toBe(0);
  app = join(parent, 'my-app');
});

const read = (...p: string[]) => readFileSync(join(app, ...p), 'utf8');

describe('create → add dependency → generated layout', () => {
  it('app creation already gives every component its wit-generated', () => {
    for (const c of ['example-provider', 'example-caller']) {
      expect(existsSync(join(app, 'components-ts', c, 'wit-generated', 'deps', `example_${c.split('-')[1]}-exports`, 'exports.wit'))).toBe(true);
    }
  });

  it('adds caller → provider and caller → caller, writing the clients and wiring them', async () => {
    for (const target of ['example:provider', 'example:caller']) {
      const r = runCli(['add', 'dependency', 'example:caller', target], { cwd: app });
      expect(r.code, r.stderr).toBe(0);
    }
    const golden = readFileSync(join(FIXTURES, 'golden', 'example-provider-client.wit'), 'utf8');
    expect(read('golem-temp/client/example_provider/wit/client.wit')).toBe(golden);
    expect(read('golem-temp/client/example_caller/wit/client.wit')).toContain('package example:caller-client;');

    const generated = join(app, 'components-ts', 'example-caller', 'wit-generated');
    expect(read('components-ts/example-caller/wit-generated/deps/example_provider-client/client.wit')).toBe(golden);
    for (const dep of ['example_caller-client', 'example_caller-exports', 'golem-rpc', 'io', 'clocks']) {
      expect(existsSync(join(generated, 'deps', dep))).toBe(true);
    }
    const dirs = [
      'golem-temp/generated-base-wit/example_provider',
      'golem-temp/generated-base-wit/example_caller',
      'golem-temp/client/example_provider/wit',
      'golem-temp/client/example_caller/wit',
      'components-ts/example-provider/wit-generated',
      'components-ts/example-caller/wit-generated',
    ];
    for (const dir of dirs) expect({ dir, ...(await checkWitDir(join(app, dir))) }).toEqual({ dir, ok: true });
    const world = await printWorld({ dir: generated }, 'example-caller');
    expect(world).toContain('import example:provider-client/example-provider-client;');
    expect(world).toContain('import example:caller-client/example-caller-client;');
  });

  it('generate afterwards writes nothing', () => {
    const r = runCli(['generate'], { cwd: join(app, 'components-ts') });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/generated WIT up to date/);
    const one = runCli(['generate', '--app', app, '--component', 'example:caller'], { cwd: ROOT });
    expect(one.code, one.stderr).toBe(0);
    expect(one.stdout).toMatch(/generated WIT up to date/);
  });

  it('an unknown --component is one clear error line, its hint, and exit code 1', () => {
    const r = runCli(['generate', '--component', 'nope:nope'], { cwd: app });
    expect(r.code).toBe(1);
    expect(errorOf(r.stderr).line).toBe('unknown component nope:nope.');
    expect(r.stderr).toMatch(/Components of this app: .*example:provider/);
    expect(r.stderr).toMatch(/Components of this app: .*example:caller/);
  });
});
