/**
 * The careful editor: hand-written manifests are edited and compared with the input line by
 * line (line endings included) — only the intended lines may differ — and the result must still
 * load as an app with the new dependency.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { addComponentEntry, addDependency, loadApp, type Edit, type RpcDependencyType } from '../../src/app/index.js';
import { AppSession } from '../../src/app/session.js';
import { UserError } from '../../src/errors.js';
import { commitPlan, Plan } from '../../src/fs/plan.js';
import { tempDir } from '../helpers/cli.js';
import { schemaErrors } from '../helpers/schema.js';
import { lineDiff, linesOf, makeTsApp, writeFiles } from './app-fixture.js';

const FIXTURES = new URL('../fixtures/manifests/', import.meta.url);
const fixture = (name: string) => readFileSync(new URL(name, FIXTURES), 'utf8');

/** A one-file app whose root golem.yaml is `text`. */
function singleFileApp(text: string): string {
  return writeFiles(tempDir('cga-edit-'), { 'golem.yaml': text });
}

function edit(root: string, caller: string, target: string, type: RpcDependencyType = 'wasm-rpc', manifest?: 'root'): Edit {
  const session = AppSession.open(root);
  const e = addDependency(session.app, caller, target, type, { source: session, ...(manifest ? { manifest } : {}) });
  session.edit(e);
  void session.app; // the result re-loaded from the planned bytes before anything is written
  commitPlan(session.plan);
  return e;
}

function expectDependency(root: string, caller: string, target: string, type: string) {
  const deps = loadApp(root).dependencies.filter((d) => d.source === caller && d.target === target);
  expect(deps.map((d) => d.type)).toEqual([type]);
}

describe('add dependency, comments everywhere', () => {
  const original = fixture('commented.golem.yaml');

  it('appends a self-dependency to an oddly indented list, keeping every other byte', () => {
    const root = singleFileApp(original);
    const e = edit(root, 'example:caller', 'example:caller');
    const after = readFileSync(join(root, 'golem.yaml'), 'utf8');
    expect(e.status).toBe('added');
    expect(lineDiff(original, after)).toEqual({
      line: 21,
      removed: [],
      added: ['      - target: example:caller\n', '        type: wasm-rpc\n'],
    });
    expect(e.lines).toEqual([
      { line: 21, text: '      - target: example:caller' },
      { line: 22, text: '        type: wasm-rpc' },
    ]);
    expectDependency(root, 'example:caller', 'example:caller', 'wasm-rpc');
    expect(schemaErrors(after)).toEqual([]);
  });

  it('adds a new caller key under dependencies before the trailing comments of the section', () => {
    const root = singleFileApp(original);
    edit(root, 'example:provider', 'example:caller');
    const after = readFileSync(join(root, 'golem.yaml'), 'utf8');
    expect(lineDiff(original, after)).toEqual({
      line: 21,
      removed: [],
      added: ['  example:provider:\n', '    - target: example:caller\n', '      type: wasm-rpc\n'],
    });
    expectDependency(root, 'example:provider', 'example:caller', 'wasm-rpc');
  });

  it('updates the type in place, keeping quotes and the trailing comment; adding it again changes nothing', () => {
    const root = singleFileApp(original);
    const e = edit(root, 'example:caller', 'example:provider', 'static-wasm-rpc');
    const after = readFileSync(join(root, 'golem.yaml'), 'utf8');
    expect(e.status).toBe('updated');
    expect(lineDiff(original, after)).toEqual({
      line: 20,
      removed: ['        type: "wasm-rpc"           # dynamic, quoted\n'],
      added: ['        type: "static-wasm-rpc"           # dynamic, quoted\n'],
    });
    expectDependency(root, 'example:caller', 'example:provider', 'static-wasm-rpc');
    const again = edit(root, 'example:caller', 'example:provider', 'static-wasm-rpc');
    expect(again.status).toBe('unchanged');
    expect(again.lines).toEqual([]);
    expect(readFileSync(join(root, 'golem.yaml'), 'utf8')).toBe(after);
  });
});

describe('add dependency, flow style', () => {
  it('extends flow lists and maps in their own spacing', () => {
    const original = fixture('flow.golem.yaml');
    const root = singleFileApp(original);
    edit(root, 'example:caller', 'example:caller');
    const once = readFileSync(join(root, 'golem.yaml'), 'utf8');
    expect(lineDiff(original, once)).toEqual({
      line: 3,
      removed: ['dependencies: {example:caller: [{target: example:provider, type: wasm-rpc}]}\n'],
      added: ['dependencies: {example:caller: [{target: example:provider, type: wasm-rpc}, {target: example:caller, type: wasm-rpc}]}\n'],
    });
    edit(root, 'example:provider', 'example:caller');
    const twice = readFileSync(join(root, 'golem.yaml'), 'utf8');
    expect(lineDiff(once, twice).added).toEqual([
      'dependencies: {example:caller: [{target: example:provider, type: wasm-rpc}, {target: example:caller, type: wasm-rpc}], example:provider: [{target: example:caller, type: wasm-rpc}]}\n',
    ]);
    expectDependency(root, 'example:provider', 'example:caller', 'wasm-rpc');
    expect(schemaErrors(twice)).toEqual([]);
  });

  it('extends a spaced flow list in a block file, and turns an empty [] into a block list', () => {
    const original = fixture('block-with-flow.golem.yaml');
    const root = singleFileApp(original);
    edit(root, 'example:caller', 'example:caller');
    const once = readFileSync(join(root, 'golem.yaml'), 'utf8');
    expect(lineDiff(original, once)).toEqual({
      line: 5,
      removed: ['    example:caller: [ { target: example:provider, type: wasm-rpc } ]\n'],
      added: ['    example:caller: [ { target: example:provider, type: wasm-rpc }, { target: example:caller, type: wasm-rpc } ]\n'],
    });
    edit(root, 'example:provider', 'example:caller');
    const twice = readFileSync(join(root, 'golem.yaml'), 'utf8');
    expect(lineDiff(once, twice)).toEqual({
      line: 6,
      removed: ['    example:provider: []\n'],
      added: ['    example:provider:\n', '    - target: example:caller\n', '      type: wasm-rpc\n'],
    });
    expectDependency(root, 'example:provider', 'example:caller', 'wasm-rpc');
  });
});

describe('add dependency, empty values inside flow mappings', () => {
  it.each([
    ['{example:caller: []}', '{example:caller: [{target: example:provider, type: wasm-rpc}]}'],
    ['{example:caller: ~, other:x: []}', '{example:caller: [{target: example:provider, type: wasm-rpc}], other:x: []}'],
    ['{ example:caller: }', '{ example:caller: [ { target: example:provider, type: wasm-rpc } ] }'],
  ])('%s', (deps, expected) => {
    const head = 'components: {example:caller: {}, example:provider: {}, other:x: {}}\n';
    const root = singleFileApp(`${head}dependencies: ${deps}\n`);
    edit(root, 'example:caller', 'example:provider');
    expect(readFileSync(join(root, 'golem.yaml'), 'utf8')).toBe(`${head}dependencies: ${expected}\n`);
    expectDependency(root, 'example:caller', 'example:provider', 'wasm-rpc');
  });
});

describe('add dependency, CRLF', () => {
  it('writes CRLF lines into a component golem.yaml that has no dependencies key yet', () => {
    const original = fixture('crlf.golem.yaml');
    expect(original.split('\n').every((l, i, all) => i === all.length - 1 || l.endsWith('\r'))).toBe(true);
    const root = makeTsApp();
    const file = join(root, 'components-ts/example-caller/golem.yaml');
    writeFileSync(file, original);
    const e = edit(root, 'example:caller', 'example:provider');
    expect(e.file).toBe(file);
    const after = readFileSync(file, 'utf8');
    expect(lineDiff(original, after)).toEqual({
      // The blank line goes between `template: ts` and the new section (the oracle aligns it after).
      line: 7,
      removed: [],
      added: ['dependencies:\r\n', '  example:caller:\r\n', '  - target: example:provider\r\n', '    type: wasm-rpc\r\n', '\r\n'],
    });
    expect(after.replace(/\r\n/g, '')).not.toContain('\n');
    expectDependency(root, 'example:caller', 'example:provider', 'wasm-rpc');
  });
});

describe('add dependency, placement and empty values', () => {
  const cases: [string, string, string[]][] = [
    ['dependencies:', 'dependencies:\n', ['dependencies:\n', '  example:caller:\n', '  - target: example:provider\n', '    type: wasm-rpc\n']],
    ['dependencies: {}', 'dependencies: {}   # none yet\n', ['dependencies:   # none yet\n', '  example:caller:\n', '  - target: example:provider\n', '    type: wasm-rpc\n']],
    ['dependencies: ~', 'dependencies: ~\n', ['dependencies:\n', '  example:caller:\n', '  - target: example:provider\n', '    type: wasm-rpc\n']],
    ['caller: (null)', 'dependencies:\n  example:caller:\n', ['dependencies:\n', '  example:caller:\n', '  - target: example:provider\n', '    type: wasm-rpc\n']],
    ['no newline at the end', 'dependencies:\n  example:caller: []', ['dependencies:\n', '  example:caller:\n', '  - target: example:provider\n', '    type: wasm-rpc\n']],
  ];
  it.each(cases)('%s', (_name, depsText, expected) => {
    const head = 'components:\n  example:caller: {}\n  example:provider: {}\n';
    const root = singleFileApp(head + depsText);
    edit(root, 'example:caller', 'example:provider');
    const after = readFileSync(join(root, 'golem.yaml'), 'utf8');
    expect(after.startsWith(head)).toBe(true);
    expect(linesOf(after.slice(head.length))).toEqual(expected);
    expectDependency(root, 'example:caller', 'example:provider', 'wasm-rpc');
  });

  it("writes into the component's own golem.yaml by default, the root one with --manifest root, and keeps an existing one where it is", () => {
    const root = makeTsApp();
    const rootFile = join(root, 'golem.yaml');
    const rootBefore = readFileSync(rootFile, 'utf8');
    expect(edit(root, 'example:caller', 'example:provider').file).toBe(join(root, 'components-ts/example-caller/golem.yaml'));
    expect(readFileSync(rootFile, 'utf8')).toBe(rootBefore);
    const e = edit(root, 'example:provider', 'example:provider', 'wasm-rpc', 'root');
    expect(e.file).toBe(rootFile);
    expect(lineDiff(rootBefore, readFileSync(rootFile, 'utf8'))).toEqual({
      line: 15,
      removed: [],
      added: ['\n', 'dependencies:\n', '  example:provider:\n', '  - target: example:provider\n', '    type: wasm-rpc\n'],
    });
    // The type update of a dependency in the root goes to the root, even without --manifest root.
    expect(edit(root, 'example:provider', 'example:provider', 'static-wasm-rpc').file).toBe(rootFile);
    expectDependency(root, 'example:provider', 'example:provider', 'static-wasm-rpc');
  });

  it('rejects unknown names with the known components listed', () => {
    const app = loadApp(makeTsApp());
    expect(() => addDependency(app, 'example:calller', 'example:provider', 'wasm-rpc')).toThrow(UserError);
    try {
      addDependency(app, 'example:caller', 'example:nope', 'wasm-rpc');
    } catch (e) {
      expect((e as UserError).format()).toMatch(/^unknown target 'example:nope': no such component in .*\.\n {2}Known components: example:caller, example:provider\.$/);
    }
  });
});

describe('add component entry', () => {
  it("adds to an existing components mapping in the file's indentation", () => {
    const text = '# app\ncomponents:\n    a:b:\n        template: ts   # keep\n# end\n';
    const dir = tempDir();
    const file = join(dir, 'golem.yaml');
    writeFileSync(file, text);
    const e = addComponentEntry(file, { name: 'a:c', properties: { template: 'ts' } });
    expect(lineDiff(text, e.after)).toEqual({ line: 5, removed: [], added: ['    a:c:\n', '        template: ts\n'] });
    expect(() => addComponentEntry(file, { name: 'a:b', properties: {} })).toThrow(/'a:b' is already declared here/);
  });

  it('creates the components key in a comment-only file and a new file', () => {
    const dir = tempDir();
    const file = join(dir, 'golem.yaml');
    writeFileSync(file, '# only a comment');
    expect(addComponentEntry(file, { name: 'a:b', properties: { template: 'rust' } }).after).toBe('# only a comment\ncomponents:\n  a:b:\n    template: rust\n');
    const fresh = addComponentEntry(join(dir, 'new.yaml'), { name: 'a:b', properties: { template: 'ts' } });
    expect(fresh.after).toBe('components:\n  a:b:\n    template: ts\n');
    const plan = new Plan(dir);
    plan.edit(fresh.file, fresh.after);
    commitPlan(plan);
    expect(readFileSync(join(dir, 'new.yaml'), 'utf8')).toBe(fresh.after);
  });
});

describe('edit line report', () => {
  it('lists the written lines in order, the separating blank line first', () => {
    const original = fixture('crlf.golem.yaml');
    const root = makeTsApp();
    const file = join(root, 'components-ts/example-caller/golem.yaml');
    writeFileSync(file, original);
    const e = addDependency(loadApp(root), 'example:caller', 'example:provider', 'wasm-rpc');
    expect(e.lines).toEqual([
      { line: 6, text: '' },
      { line: 7, text: 'dependencies:' },
      { line: 8, text: '  example:caller:' },
      { line: 9, text: '  - target: example:provider' },
      { line: 10, text: '    type: wasm-rpc' },
    ]);
  });

  it('names the one changed line of a flow edit and of a type update', () => {
    const root = singleFileApp(fixture('block-with-flow.golem.yaml'));
    expect(addDependency(loadApp(root), 'example:caller', 'example:caller', 'wasm-rpc').lines.map((l) => l.line)).toEqual([5]);
    const e = addDependency(loadApp(root), 'example:provider', 'example:caller', 'wasm-rpc');
    expect(e.lines.map((l) => l.text)).toEqual(['    example:provider:', '    - target: example:caller', '      type: wasm-rpc']);
  });
});

describe('add dependency after block scalars', () => {
  it('inserts right after a literal or folded block, not after the line that follows it', () => {
    const text =
      'components:\n  a:x:\n    build:\n    - command: |\n        echo hi\n\n# c\n  a:y:\n    env:\n      NOTE: >-\n        folded\n        text\ndependencies:\n  a:y:\n  - target: a:x\n    type: wasm-rpc\n  a:x:\n  - target: a:y\n    type: wasm-rpc\n    # literal last\n';
    const root = singleFileApp(text);
    edit(root, 'a:x', 'a:x');
    const after = readFileSync(join(root, 'golem.yaml'), 'utf8');
    expect(lineDiff(text, after)).toEqual({ line: 20, removed: [], added: ['  - target: a:x\n', '    type: wasm-rpc\n'] });

    const folded = 'components:\n  a:x:\n    env:\n      NOTE: >-\n        folded\n        text\n  a:y: {}\n';
    const root2 = singleFileApp(folded.replace('  a:y: {}\n', ''));
    const e = addComponentEntry(join(root2, 'golem.yaml'), { name: 'a:y', properties: { componentType: 'ephemeral' } });
    expect(e.after).toBe(folded.replace('  a:y: {}\n', '  a:y:\n    componentType: ephemeral\n'));
  });
});
