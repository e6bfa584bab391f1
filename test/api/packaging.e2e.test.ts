/**
 * How the API is packaged beside the CLI's code-cached CommonJS build (scripts/build.mjs): one
 * module reached by `import` (dist/api.mjs, generated) and by `require` (dist/api.cjs), the same
 * functions either way, sharing the commands' chunks; and an API program never turns on the V8
 * code cache (src/cli/compile-cache.ts), which only the CLI's runs use.
 */
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { runCli, tempDir } from '../helpers/cli.js';
import { consumerDir, runApiScript } from './helpers.js';

const cacheRoot = (tmp: string) => join(tmp, `create-golem-app-v8-${process.getuid!()}`);

it('an API program creates, edits and generates an app without writing a code cache (the CLI, with the same TMPDIR, does)', () => {
  const dir = consumerDir();
  const tmp = tempDir('cga-api-tmp-');
  const userCache = tempDir('cga-api-xdg-');
  const env = { TMPDIR: tmp, XDG_CACHE_HOME: userCache, NODE_DISABLE_COMPILE_CACHE: undefined };
  const r = runApiScript(
    dir,
    `
await record('createApp', () => api.createApp({ dir: 'shop', components: [{ name: 'shop:cart' }, { name: 'shop:stock' }], git: false }));
await record('addDependency', () => api.addDependency({ app: 'shop', component: 'shop:cart', target: 'shop:stock' }));
await record('generate', () => api.generate({ app: 'shop' }));
`,
    env,
  );
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  for (const call of Object.values(r.calls)) expect(call.error, call.name).toBeUndefined();
  expect(existsSync(join(dir, 'shop', 'components-ts', 'shop-cart', 'golem.yaml'))).toBe(true);
  expect(existsSync(cacheRoot(tmp))).toBe(false);
  expect(readdirSync(userCache)).toEqual([]);
  // The control: the CLI's run with this TMPDIR makes the cache folder the API left absent.
  const cli = runCli(['other', '--yes', '--no-git'], { cwd: dir, env });
  expect(cli.code, cli.stderr).toBe(0);
  expect(existsSync(cacheRoot(tmp))).toBe(true);
});

it('import and require give the same functions, loaded from dist/api.cjs and the shared chunks only', () => {
  const dir = consumerDir();
  const r = runApiScript(
    dir,
    `
import { createRequire } from 'node:module';
const require = createRequire(import.meta.url);
const cjs = require('create-golem-app');
const loaded = Object.keys(require.cache).filter((f) => f.includes('/dist/')).map((f) => f.slice(f.indexOf('/dist/') + 1));
await record('shape', async () => ({
  esm: Object.keys(api).sort(),
  cjs: Object.keys(cjs).sort(),
  same: Object.keys(api).filter((k) => api[k] !== cjs[k]),
  loaded,
}));
`,
  );
  expect(r.stderr).toBe('');
  const shape = r.calls.shape!.result;
  expect(shape.esm).toEqual(expect.arrayContaining(['createApp', 'addComponent', 'addDependency', 'generate', 'loadApp', 'isUserError', 'UserError']));
  expect(shape.cjs).toEqual(shape.esm);
  expect(shape.same).toEqual([]);
  expect(shape.loaded).toContain('dist/api.cjs');
  expect(shape.loaded.some((f: string) => f.startsWith('dist/chunks/'))).toBe(true);
  expect(shape.loaded.filter((f: string) => f !== 'dist/api.cjs' && !f.startsWith('dist/chunks/'))).toEqual([]);
});
