/**
 * The published declarations as a consumer's tsc sees them: test/fixtures/api/consumer.ts imports
 * `create-golem-app` by name (resolved through package.json `exports` to dist/api.d.ts) and must
 * type-check, its `@ts-expect-error` lines included (each must meet an error).
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, realpathSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { ROOT } from '../helpers/cli.js';
import { consumerDir } from './helpers.js';

it('a consumer type-checks against dist/api.d.ts, resolved by package name; misuse is a type error', () => {
  const dir = consumerDir();
  copyFileSync(join(ROOT, 'test/fixtures/api/consumer.ts'), join(dir, 'consumer.ts'));
  const compilerOptions = {
    module: 'NodeNext',
    moduleResolution: 'NodeNext',
    target: 'ES2022',
    strict: true,
    noEmit: true,
    noUncheckedIndexedAccess: true,
    lib: ['ES2022'],
    types: [],
  };
  // No DOM, no Node types (the declarations need neither): the consumer declares `console`.
  writeFileSync(join(dir, 'globals.d.ts'), 'declare const console: { log(...values: unknown[]): void };\n');
  writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify({ compilerOptions, files: ['consumer.ts', 'globals.d.ts'] }));
  const r = spawnSync(process.execPath, [join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', dir, '--listFiles'], { cwd: dir, encoding: 'utf8' });
  expect(r.stdout.split('\n').filter((l) => l.includes('error TS'))).toEqual([]);
  expect(r.status).toBe(0);
  const files = r.stdout.split('\n').map((f) => (f.includes('node_modules/create-golem-app') ? realpathSync(f) : f));
  expect(files).toContain(join(realpathSync(ROOT), 'dist/api.d.ts'));
  expect(files.filter((f) => f.startsWith(realpathSync(ROOT)) && !f.includes('/node_modules/typescript/lib/'))).toEqual([join(realpathSync(ROOT), 'dist/api.d.ts')]);
});
