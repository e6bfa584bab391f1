import { describe, expect, it } from 'vitest';
import { TomlText } from '../../src/rpc/toml-sections.js';

const SAMPLE = '# top comment\n[package]\nname = "x"\n\n[package.metadata.component.target]\npath = "wit" # old\nworld = "w"\n\n[other]\nkeep = 1\n';

describe('TomlText: section edits that keep the rest of the file', () => {
  it('replaces a key in place, removes a key, leaves everything else byte-identical', () => {
    const t = new TomlText(SAMPLE);
    t.set('package.metadata.component.target', 'path', '"wit-generated"');
    t.remove('package.metadata.component.target', 'world');
    expect(t.toString()).toBe('# top comment\n[package]\nname = "x"\n\n[package.metadata.component.target]\npath = "wit-generated"\n\n[other]\nkeep = 1\n');
  });

  it('adds a missing section at the end and quoted keys in it', () => {
    const t = new TomlText(SAMPLE);
    t.set('package.metadata.component.target.dependencies', 'golem:rpc', '{ path = "wit-generated/deps/golem-rpc" }', true);
    expect(t.toString()).toBe(`${SAMPLE}\n[package.metadata.component.target.dependencies]\n"golem:rpc" = { path = "wit-generated/deps/golem-rpc" }\n`);
    expect(t.get('package.metadata.component.target.dependencies', 'golem:rpc')).toBe('{ path = "wit-generated/deps/golem-rpc" }');
  });

  it('clears the keys of a section but keeps its comments; keeps CRLF', () => {
    const t = new TomlText('[a]\r\n# note\r\nx = 1\r\n"y:z" = 2\r\n\r\n[b]\r\nq = 3\r\n');
    t.clear('a');
    t.set('a', 'n', '4');
    expect(t.toString()).toBe('[a]\r\n# note\r\nn = 4\r\n\r\n[b]\r\nq = 3\r\n');
    expect(t.get('b', 'q')).toBe('3');
    expect(t.has('c')).toBe(false);
  });
});
