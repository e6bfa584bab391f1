/** `templates validate` reads a template's WIT as Golem does: `float32` / `float64` are accepted. */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { initTemplate, validateTemplate } from '../../src/templates/publishing/index.js';
import { tempDir } from '../helpers/cli.js';

test('a template whose WIT uses the old float names validates; a misspelt type still fails', async () => {
  const dir = initTemplate({ dir: join(tempDir('cga-pub-floats-'), 'my-ts-provider'), language: 'ts', role: 'provider' }).dir;
  const wit = join(dir, 'components-ts/component-name/wit/main.wit');
  const original = readFileSync(wit, 'utf8');
  writeFileSync(wit, original.replace('add: func(value: u64);', 'add: func(value: u64);\n  scale: func(by: float32) -> float64;'));
  expect(readFileSync(wit, 'utf8')).toContain('scale: func(by: float32) -> float64;');
  const ok = await validateTemplate(dir);
  expect(ok.checks.filter((c) => !c.ok)).toEqual([]);

  writeFileSync(wit, original.replace('add: func(value: u64);', 'add: func(value: u64);\n  scale: func(by: float16) -> float64;'));
  const bad = await validateTemplate(dir);
  expect(bad.checks.filter((c) => !c.ok).map((c) => [c.check, c.message])).toEqual([['wit', expect.stringMatching(/float16/)]]);
});
