/** A template's metadata.json that is not JSON: one error line at the file:line:column of the mistake. */
import { cpSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { callerProviderApp, errorOf, ROOT, runCli, snapshotTree, tempDir } from '../helpers/cli.js';

describe('metadata.json syntax errors are located', () => {
  const cases: [string, string, string][] = [
    ['a doubled comma on line 3', '{\n  "description": "x",\n  "appComponentGroup": "default",,\n}\n', ':3:34: not valid JSON: expected double-quoted property name.'],
    ['the file ends inside the object', '{\n  "description": ', ':2:18: not valid JSON: unexpected end of the file.'],
    ['a byte order mark', '\ufeff{"description": "x", "appComponentGroup": "default"}', ':1:1: not valid JSON: a byte order mark (U+FEFF) before the JSON.'],
  ];
  it.each(cases)('%s', (_name, text, where) => {
    const template = join(tempDir('cga-hostile-'), 'tpl');
    cpSync(join(ROOT, 'templates/ts/default'), template, { recursive: true });
    writeFileSync(join(template, 'metadata.json'), text);
    const root = callerProviderApp('cga-hostile-');
    const before = snapshotTree(root);
    const r = runCli(['add', 'component', template, 'example:other'], { cwd: root });
    expect(r.code).toBe(1);
    const { line, hint } = errorOf(r.stderr);
    expect(line).toBe(`${join(template, 'metadata.json')}${where}`);
    expect(hint).toBe('Fix the JSON syntax.');
    expect(snapshotTree(root)).toEqual(before);
  });
});
