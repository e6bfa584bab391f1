/**
 * The README's "Programmatic API" example, taken from README.md as it is (so the two cannot
 * drift) and run as a program that installed the package: what it prints, and the app it leaves.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { ROOT, runCli } from '../helpers/cli.js';
import { consumerDir } from './helpers.js';

/** The first ```js block of the README's section `## Programmatic API`. */
function readmeExample(): string {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  const section = readme.split(/^## /m).find((s) => s.startsWith('Programmatic API\n'));
  const code = section && /^```js\n([\s\S]*?)^```$/m.exec(section)?.[1];
  if (!code) throw new Error('README.md has no js example under "## Programmatic API"');
  return code;
}

it("the README's API example runs as written: an app with a caller and a dependency, all current, a typed error", () => {
  const dir = consumerDir();
  const file = join(dir, 'example.mjs');
  writeFileSync(file, readmeExample());
  const r = runCli([], { bin: file, cwd: dir });
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  expect(r.stdout.split('\n')).toEqual([
    'shop:cart → shop:stock (wasm-rpc): added',
    'shop:cart [ts] components-ts/shop-cart',
    'shop:checkout [ts] components-ts/shop-checkout',
    'shop:stock [rust] components-rust/shop-stock',
    'templates in use: rust, ts',
    'generated files up to date',
    expect.stringMatching(/^E_APP: component shop:cart already exists/),
    '',
  ]);
  expect(readFileSync(join(dir, 'shop', 'components-ts', 'shop-cart', 'golem.yaml'), 'utf8')).toContain('shop:stock');
  expect(existsSync(join(dir, 'shop', 'components-ts', 'shop-checkout', 'src'))).toBe(true);
  expect(existsSync(join(dir, 'shop', '.git'))).toBe(false);
});
