/** The fix of the schema's `wasm-rpc-static` typo: only the misspelt values change, quoting and every other byte kept. */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { planDependencyTypeFixes } from '../../src/app/edit/fix-dependency-types.js';
import { ManifestCache } from '../../src/app/manifest-doc.js';
import { DiskFiles } from '../../src/fs/files.js';
import { tempDir } from '../helpers/cli.js';
import { writeFiles } from './app-fixture.js';

function fixes(files: Record<string, string>) {
  const root = writeFiles(tempDir('cga-typo-'), files);
  return {
    root,
    ...planDependencyTypeFixes(
      new ManifestCache(new DiskFiles()),
      Object.keys(files).map((f) => join(root, f)),
    ),
  };
}

describe('planDependencyTypeFixes', () => {
  it('plain, quoted and flow-style values; comments and other items stay', () => {
    const text = [
      'dependencies:',
      '  a:b:',
      '  - target: c:d # first',
      '    type: wasm-rpc-static',
      "  - { target: e:f, type: 'wasm-rpc-static' }",
      '  - target: g:h',
      '    type: "wasm-rpc-static"   # quoted',
      '  - target: i:j',
      '    type: wasm-rpc',
      '# type: wasm-rpc-static in a comment is not a value',
      '',
    ].join('\n');
    const { root, edits, fixes: found } = fixes({ 'golem.yaml': text });
    expect(edits).toHaveLength(1);
    expect(edits[0]!.after).toBe(
      text
        .replace('    type: wasm-rpc-static\n', '    type: static-wasm-rpc\n')
        .replace("type: 'wasm-rpc-static' }", "type: 'static-wasm-rpc' }")
        .replace('type: "wasm-rpc-static"', 'type: "static-wasm-rpc"'),
    );
    expect(edits[0]!.lines.map((l) => l.line)).toEqual([4, 5, 7]);
    expect(found.map((f) => `${f.location.line}:${f.location.column} ${f.from} → ${f.to}`)).toEqual([
      '4:11 wasm-rpc-static → static-wasm-rpc',
      '5:26 wasm-rpc-static → static-wasm-rpc',
      '7:11 wasm-rpc-static → static-wasm-rpc',
    ]);
    expect(found.every((f) => f.file === join(root, 'golem.yaml'))).toBe(true);
  });

  it('nothing to fix: no edits; other documents are looked at too', () => {
    const { edits } = fixes({ 'golem.yaml': 'components: {}\n', 'c/golem.yaml': 'dependencies:\n  a:b:\n  - target: c:d\n    type: static-wasm-rpc\n' });
    expect(edits).toEqual([]);
    const two = fixes({ 'golem.yaml': 'components: {}\n', 'c/golem.yaml': 'dependencies:\n  a:b:\n  - target: c:d\n    type: wasm-rpc-static\n' });
    expect(two.edits.map((e) => e.file.slice(two.root.length + 1))).toEqual(['c/golem.yaml']);
  });
});
