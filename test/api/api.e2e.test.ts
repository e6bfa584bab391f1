/**
 * Each API function on real folders, called by a program that imports the package by name: what
 * it resolves with, the files it leaves, and that it printed nothing (neither through
 * process.stdout/stderr nor from a child process: the script's whole output is empty) and left
 * no listener for SIGINT, SIGTERM, SIGHUP or exit behind.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { sentence } from '../../src/errors.js';
import { runCli } from '../helpers/cli.js';
import { buildComponent, pathWith, wasmToolsStandIn } from '../helpers/components.js';
import { consumerDir, type RecordedCall, runApiScript, type ScriptRun } from './helpers.js';

const LIFECYCLE = `
await record('listTemplates', (onProgress) => api.listTemplates({ offline: true, onProgress }));
await record('listTemplates:filtered', () => api.listTemplates({ language: 'rust', offline: true }));
await record('createApp', (onProgress) =>
  api.createApp({ dir: 'shop', components: [{ name: 'shop:cart', template: 'ts' }, { name: 'shop:stock' }], onProgress }),
);
await record('createApp:dryRun', () => api.createApp({ dir: 'planned', components: [{ name: 'planned:one', template: 'rust' }], dryRun: true }));
await record('createApp:default', () => api.createApp({ dir: 'my-tool', git: false }));
await record('loadApp', () => api.loadApp({ app: 'shop' }));
await record('loadApp:from-inside', () => api.loadApp({ cwd: 'shop/components-ts' }));
await record('addComponent', (onProgress) => api.addComponent({ app: 'shop', template: 'ts/caller', name: 'shop:checkout', target: 'shop:cart', onProgress }));
await record('addComponent:dryRun', () => api.addComponent({ app: 'shop', template: 'ts', name: 'shop:extra', dryRun: true }));
await record('addDependency', () => api.addDependency({ app: 'shop', component: 'shop:cart', target: 'shop:stock', type: 'static-wasm-rpc' }));
await record('generate:check', () => api.generate({ app: 'shop', check: true }));
await record('generate', () => api.generate({ app: 'shop', components: ['shop:cart'] }));
await record('graph', () => api.graph({ app: 'shop' }));
await record('doctor', () => api.doctor({ app: 'shop' }));
await record('removeDependency', () => api.removeDependency({ app: 'shop', component: 'shop:cart', target: 'shop:stock' }));
await record('removeComponent:dryRun', () => api.removeComponent({ app: 'shop', name: 'shop:checkout', dryRun: true }));
await record('removeComponent', () => api.removeComponent({ app: 'shop', name: 'shop:checkout' }));
await record('loadApp:after', () => api.loadApp({ app: 'shop' }));
// Failures: typed, with the CLI's codes; nothing written.
await record('error:name', () => api.addComponent({ app: 'shop', template: 'ts', name: 'Shop' }));
await record('error:app', () => api.loadApp({ app: 'nowhere' }));
await record('error:not-empty', () => api.createApp({ dir: 'shop', components: [{ name: 'shop:again' }], git: false }));
await record('error:check-and-dry-run', () => api.generate({ app: 'shop', check: true, dryRun: true }));
await record('error:unknown-template', () => api.addComponent({ app: 'shop', template: 'cobol', name: 'shop:old', offline: true }));
await record('error:no-such-dependency', () => api.removeDependency({ app: 'shop', component: 'shop:cart', target: 'shop:stock' }));
`;

describe('the programmatic API, each function on real folders', () => {
  let dir: string;
  let run: ScriptRun;
  const call = (name: string): RecordedCall => {
    const c = run.calls[name];
    if (!c) throw new Error(`no call ${name}; stderr:\n${run.stderr}`);
    return c;
  };
  const ok = (name: string) => {
    const c = call(name);
    expect(c.error, `${name}: ${c.error?.message}`).toBeUndefined();
    return c.result;
  };
  const read = (path: string) => readFileSync(join(dir, path), 'utf8');

  beforeAll(() => {
    dir = consumerDir();
    run = runApiScript(dir, LIFECYCLE);
  }, 240_000);

  it('the program printed nothing at all (its own writes and its children’s) and exited 0', () => {
    expect(run.stderr).toBe('');
    expect(run.stdout).toBe('');
    expect(run.code).toBe(0);
    expect(Object.keys(run.calls)).toHaveLength(24);
  });

  it('no call printed anything or left a listener on process', () => {
    for (const c of Object.values(run.calls)) {
      expect(c.printed, c.name).toBe('');
      expect(c.after, c.name).toEqual(c.before);
    }
  });

  it('listTemplates: the bundled registry, filtered like templates list', () => {
    const all: { id: string; language: string; kind: string }[] = ok('listTemplates');
    expect(all.map((t) => t.id)).toEqual(expect.arrayContaining(['ts/default', 'ts/caller', 'rust/default']));
    const rust: { language: string }[] = ok('listTemplates:filtered');
    expect(rust.length).toBeGreaterThan(0);
    expect(rust.every((t) => t.language === 'rust')).toBe(true);
    expect(call('listTemplates').events).toEqual([]); // the listing is the result, not text
  });

  it('createApp: the app written and committed, progress through onProgress', () => {
    const created = ok('createApp');
    expect(created.app).toBe(join(dir, 'shop'));
    expect(created.components.map((c: { name: string; template: string }) => [c.name, c.template])).toEqual([
      ['shop:cart', 'ts/default'],
      ['shop:stock', 'ts/default'],
    ]);
    expect(created.git).toBe('committed');
    expect(created.files).toContainEqual({ path: 'golem.yaml', action: 'create' });
    expect(existsSync(join(dir, 'shop', '.git'))).toBe(true);
    const steps = call('createApp')
      .events.filter((e) => e.kind === 'step')
      .map((e) => e.message);
    expect(steps).toContain('Created shop:cart, shop:stock in shop');
    expect(steps).toContain('Initialised a git repository with a first commit');
  });

  it('createApp: a dry run writes nothing; without components, the CLI’s default provider', () => {
    const planned = ok('createApp:dryRun');
    expect(planned.dryRun).toBe(true);
    expect(planned.files.length).toBeGreaterThan(0);
    expect(existsSync(join(dir, 'planned'))).toBe(false);
    const byDefault = ok('createApp:default');
    expect(byDefault.components.map((c: { name: string }) => c.name)).toEqual(['my-tool:provider']);
    expect(byDefault.git).toBe('skipped');
    expect(existsSync(join(dir, 'my-tool', '.git'))).toBe(false);
  });

  it('loadApp: components, their dependencies and the templates in use, found from inside the app too', () => {
    const app = ok('loadApp');
    expect(app.app).toBe(join(dir, 'shop'));
    expect(app.components.map((c: { name: string }) => c.name)).toEqual(['shop:cart', 'shop:stock']);
    expect(app.templates).toEqual(['ts']);
    expect(ok('loadApp:from-inside')).toEqual(app);
    const after = ok('loadApp:after');
    expect(after.components.map((c: { name: string; dependencies: unknown[] }) => [c.name, c.dependencies])).toEqual([
      ['shop:cart', []],
      ['shop:stock', []],
    ]);
  });

  it('addComponent: a caller with its dependency and clients; a dry run writes nothing', () => {
    const added = ok('addComponent');
    expect(added.component).toMatchObject({ name: 'shop:checkout', template: 'ts/caller' });
    expect(added.dependencies).toEqual([{ caller: 'shop:checkout', target: 'shop:cart', type: 'wasm-rpc', manifest: 'components-ts/shop-checkout/golem.yaml' }]);
    expect(call('addComponent').events.some((e) => e.kind === 'step')).toBe(true);
    const planned = ok('addComponent:dryRun');
    expect(planned.dryRun).toBe(true);
    expect(existsSync(join(dir, 'shop', 'components-ts', 'shop-extra'))).toBe(false);
  });

  it('addDependency: the golem.yaml edit and the clients; generate --check then finds all current', () => {
    const added = ok('addDependency');
    expect(added.dependencies).toMatchObject([{ caller: 'shop:cart', target: 'shop:stock', type: 'static-wasm-rpc', status: 'added' }]);
    expect(added.generated.added).toContain('components-ts/shop-cart/wit-generated/deps/shop_stock-client/client.wit');
    expect(ok('generate:check')).toMatchObject({ check: true, upToDate: true });
    expect(ok('generate')).toMatchObject({ check: false, upToDate: true, added: [], changed: [] });
  });

  it('graph and doctor: who calls whom; the findings as a result', () => {
    const graph = ok('graph');
    expect(graph.edges).toEqual(expect.arrayContaining([expect.objectContaining({ from: 'shop:checkout', to: 'shop:cart', type: 'wasm-rpc' })]));
    const doctor = ok('doctor');
    expect(doctor.app).toBe(join(dir, 'shop'));
    expect(doctor.errors).toBe(doctor.findings.filter((f: { severity: string }) => f.severity === 'error').length);
    expect(doctor.findings.filter((f: { category: string }) => f.category !== 'toolchain' && f.category !== 'packages')).toEqual([]);
  });

  it('removeDependency and removeComponent: only their lines and files go', () => {
    const removed = ok('removeDependency');
    expect(removed.removed).toEqual([{ caller: 'shop:cart', type: 'static-wasm-rpc', target: 'shop:stock', manifest: expect.any(String) }]);
    expect(read('shop/components-ts/shop-cart/golem.yaml')).not.toContain('shop:stock');
    expect(ok('removeComponent:dryRun')).toMatchObject({ dryRun: true, component: { name: 'shop:checkout' } });
    const gone = ok('removeComponent');
    expect(gone).toMatchObject({ dryRun: false, component: { name: 'shop:checkout', folder: 'components-ts/shop-checkout' } });
    expect(existsSync(join(dir, 'shop', 'components-ts', 'shop-checkout'))).toBe(false);
    expect(existsSync(join(dir, 'shop', 'components-ts', 'shop-cart'))).toBe(true);
  });

  it('failures reject with UserError (instanceof and isUserError) carrying the codes the CLI prints for the same input', () => {
    const cli: Record<string, string[]> = {
      'error:name': ['add', 'component', 'ts', 'Shop', '--app', 'shop'],
      'error:app': ['list', '--app', 'nowhere'],
      'error:not-empty': ['shop', '--component', 'shop:again', '--no-git'],
      'error:check-and-dry-run': ['generate', '--app', 'shop', '--check', '--dry-run'],
      'error:unknown-template': ['add', 'component', 'cobol', 'shop:old', '--app', 'shop', '--offline'],
      'error:no-such-dependency': ['remove', 'dependency', 'shop:cart', 'shop:stock', '--app', 'shop'],
    };
    const failures = Object.values(run.calls).filter((c) => c.name.startsWith('error:'));
    expect(failures.map((c) => c.name).sort()).toEqual(Object.keys(cli).sort());
    for (const c of failures) {
      const printed = runCli([...cli[c.name]!, '--json'], { cwd: dir });
      const { error } = JSON.parse(printed.stdout) as { error: { code: string; message: string } };
      expect(c.error?.code, c.name).toBe(error.code);
      expect(sentence(c.error?.message ?? ''), c.name).toBe(error.message);
    }
    expect(Object.fromEntries(failures.map((c) => [c.name, c.error?.code]))).toMatchObject({
      'error:name': 'E_APP',
      'error:not-empty': 'E_CONFLICT',
      'error:check-and-dry-run': 'E_USAGE',
    });
    for (const c of Object.values(run.calls).filter((c) => c.name.startsWith('error:'))) {
      expect(c.error, c.name).toMatchObject({ isUserError: true, instance: true });
      expect(c.result, c.name).toBeUndefined();
    }
    expect(call('error:not-empty').error?.hint).toMatch(/--overwrite/);
    expect(existsSync(join(dir, 'shop', 'components-ts', 'shop-again'))).toBe(false);
  });
});

describe('the programmatic API with a wasm dependency (a component binary by path)', () => {
  it('addDependency, generate --check, doctor and removeDependency: the binary’s WIT comes and goes; nothing printed, no listener left', async () => {
    const dir = consumerDir();
    const lib = { 'acme:helper@1.0.0': 'interface api { f: func() -> u32; }\nworld lib { export api; }' };
    const env = { PATH: pathWith(wasmToolsStandIn(join(dir, 'bin'))) };
    const setup = runApiScript(dir, `await record('createApp', () => api.createApp({ dir: 'shop', components: [{ name: 'shop:cart' }], git: false }));`, env);
    expect(setup.calls.createApp?.error).toBeUndefined();
    await buildComponent(join(dir, 'shop/lib/helper.wasm'), 'acme:helper/lib@1.0.0', lib);
    const run = runApiScript(
      dir,
      `
await record('add', () => api.addDependency({ cwd: 'shop', component: 'shop:cart', path: 'lib/helper.wasm', offline: true }));
await record('check', () => api.generate({ app: 'shop', check: true, offline: true }));
await record('doctor', () => api.doctor({ app: 'shop', offline: true }));
await record('remove', () => api.removeDependency({ app: 'shop', component: 'shop:cart', path: 'lib/helper.wasm' }));
`,
      env,
    );
    expect([run.code, run.stdout, run.stderr]).toEqual([0, '', '']);
    for (const c of Object.values(run.calls)) {
      expect(c.error, c.name).toBeUndefined();
      expect(c.printed, c.name).toBe('');
      expect(c.after, c.name).toEqual(c.before);
    }
    expect(run.calls.add?.result.dependencies).toMatchObject([{ caller: 'shop:cart', type: 'wasm', status: 'added' }]);
    expect(run.calls.check?.result).toMatchObject({ check: true, upToDate: true });
    // Only the warnings of a fresh app (packages not installed, no golem on PATH): the binary is found and current.
    expect(run.calls.doctor?.result.findings.map((f: { category: string }) => f.category).sort()).toEqual(['packages', 'toolchain']);
    const helperWit = join(dir, 'shop/components-ts/shop-cart/wit-generated/deps/acme_helper');
    expect(existsSync(helperWit)).toBe(false); // gone with the dependency
    expect(readFileSync(join(dir, 'shop/components-ts/shop-cart/golem.yaml'), 'utf8')).not.toContain('helper.wasm');
  }, 120_000);
});
