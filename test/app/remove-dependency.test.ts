/**
 * Removing dependencies from golem.yaml text (src/app/edit/remove-dependency.ts): only the
 * dependency's own lines leave — block and flow styles, comments on their own lines and after
 * values, blank lines, CRLF, several documents — and what remains loads as the expected app.
 */
import { describe, expect, it } from 'vitest';
import { findDependencies, loadApp, removeDependencies } from '../../src/app/index.js';
import { AppSession } from '../../src/app/session.js';
import { commitPlan } from '../../src/fs/plan.js';
import { tempDir } from '../helpers/cli.js';
import { writeFiles } from './app-fixture.js';

const COMPONENTS = `components:
  a:x:
    componentType: durable
  a:y:
    componentType: ephemeral
  a:z: {}
`;

/** An app whose root golem.yaml is `text`; returns the removal's new text (nothing written) and the session. */
function remove(text: string, caller: string, ref: Parameters<typeof findDependencies>[2], type?: Parameters<typeof findDependencies>[3]) {
  const root = writeFiles(tempDir('cga-rm-'), { 'golem.yaml': text });
  const session = AppSession.open(root);
  const deps = findDependencies(session.app, caller, ref, type);
  const edits = removeDependencies(deps, { source: session });
  for (const e of edits) session.edit(e);
  const app = session.app; // re-validated from the planned text
  return { after: edits[0]!.after, edit: edits[0]!, app, root, session };
}

const depsOf = (app: ReturnType<typeof loadApp>) => app.dependencies.map((d) => `${d.source}>${d.target ?? d.path ?? d.url}:${d.type}`);

describe('remove dependency: golem.yaml text', () => {
  it('takes one item out of a block list, keeping comments on their own lines and every other byte', () => {
    const text = `# my app
${COMPONENTS}
dependencies:
  a:x:
  # the stock service
  - target: a:y # trailing note, on the item's line
    # inside the item
    type: wasm-rpc
  # ourselves
  - target: a:x
    type: wasm-rpc
# the end
`;
    const { after, edit, app } = remove(text, 'a:x', { target: 'a:y' });
    expect(after).toBe(text.replace("  - target: a:y # trailing note, on the item's line\n    # inside the item\n    type: wasm-rpc\n", ''));
    expect(edit.status).toBe('removed');
    expect(edit.lines.map((l) => l.line)).toEqual([12, 13, 14]);
    expect(edit.lines[0]!.text).toBe("  - target: a:y # trailing note, on the item's line");
    expect(depsOf(app)).toEqual(['a:x>a:x:wasm-rpc']);
  });

  it('takes the caller key when its list empties, and dependencies: when it empties (with the blank line add put before it)', () => {
    const base = `# my app\n${COMPONENTS}`;
    const text = `${base}\ndependencies:\n  a:x:\n  - target: a:y\n    type: wasm-rpc\n`;
    const { after, app } = remove(text, 'a:x', { target: 'a:y' });
    expect(after).toBe(base);
    expect(depsOf(app)).toEqual([]);
  });

  it('keeps a following section and its blank line; takes one of two blank lines', () => {
    const text = `${COMPONENTS}\ndependencies:\n  a:x:\n  - target: a:y\n    type: wasm-rpc\n\ncustomCommands:\n  hello:\n  - command: echo hi\n`;
    const { after } = remove(text, 'a:x', { target: 'a:y' });
    expect(after).toBe(`${COMPONENTS}\ncustomCommands:\n  hello:\n  - command: echo hi\n`);
  });

  it('keeps other callers: only the emptied caller key leaves', () => {
    const text = `${COMPONENTS}dependencies:\n  a:x:\n    - target: a:y\n      type: static-wasm-rpc\n  a:y:\n    - target: a:z\n      type: wasm-rpc\n`;
    const { after, app } = remove(text, 'a:x', { target: 'a:y' });
    expect(after).toBe(`${COMPONENTS}dependencies:\n  a:y:\n    - target: a:z\n      type: wasm-rpc\n`);
    expect(depsOf(app)).toEqual(['a:y>a:z:wasm-rpc']);
  });

  it('removes from flow lists and maps with their commas', () => {
    const text = `${COMPONENTS}dependencies:\n  a:x: [{target: a:y, type: wasm-rpc}, { target: a:z, type: wasm-rpc }, {target: a:x, type: wasm-rpc}]   # note\n`;
    expect(remove(text, 'a:x', { target: 'a:y' }).after).toBe(text.replace('{target: a:y, type: wasm-rpc}, ', ''));
    expect(remove(text, 'a:x', { target: 'a:z' }).after).toBe(text.replace('{ target: a:z, type: wasm-rpc }, ', ''));
    expect(remove(text, 'a:x', { target: 'a:x' }).after).toBe(text.replace(', {target: a:x, type: wasm-rpc}', ''));
    const flowMap = `${COMPONENTS}dependencies: {a:x: [{target: a:y, type: wasm-rpc}], a:y: [{target: a:z, type: wasm-rpc}]}\n`;
    expect(remove(flowMap, 'a:x', { target: 'a:y' }).after).toBe(`${COMPONENTS}dependencies: {a:y: [{target: a:z, type: wasm-rpc}]}\n`);
    expect(remove(flowMap, 'a:y', { target: 'a:z' }).after).toBe(`${COMPONENTS}dependencies: {a:x: [{target: a:y, type: wasm-rpc}]}\n`);
    const only = `${COMPONENTS}dependencies: {a:x: [{target: a:y, type: wasm-rpc}]}\n`;
    expect(remove(only, 'a:x', { target: 'a:y' }).after).toBe(COMPONENTS);
    // A flow list over several lines.
    const tall = `${COMPONENTS}dependencies:\n  a:x: [\n    {target: a:y, type: wasm-rpc},\n    {target: a:z, type: wasm-rpc}\n  ]\n`;
    expect(remove(tall, 'a:x', { target: 'a:y' }).after).toBe(`${COMPONENTS}dependencies:\n  a:x: [\n    {target: a:z, type: wasm-rpc}\n  ]\n`);
    expect(remove(tall, 'a:x', { target: 'a:z' }).after).toBe(`${COMPONENTS}dependencies:\n  a:x: [\n    {target: a:y, type: wasm-rpc}\n  ]\n`);
    // Block list of flow items.
    const mixed = `${COMPONENTS}dependencies:\n  a:x:\n  - {target: a:y, type: wasm-rpc}\n  - {target: a:z, type: wasm-rpc}\n`;
    expect(remove(mixed, 'a:x', { target: 'a:z' }).after).toBe(`${COMPONENTS}dependencies:\n  a:x:\n  - {target: a:y, type: wasm-rpc}\n`);
  });

  it('keeps CRLF line endings and a missing final newline', () => {
    const text = `${COMPONENTS}dependencies:\n  a:x:\n  - target: a:z\n    type: wasm-rpc\n  - target: a:y\n    type: wasm-rpc`.replace(/\n/g, '\r\n');
    const { after } = remove(text, 'a:x', { target: 'a:y' });
    expect(after).toBe(`${COMPONENTS}dependencies:\n  a:x:\n  - target: a:z\n    type: wasm-rpc\n`.replace(/\n/g, '\r\n'));
    expect(remove(text, 'a:x', { target: 'a:z' }).after).toBe(`${COMPONENTS}dependencies:\n  a:x:\n  - target: a:y\n    type: wasm-rpc`.replace(/\n/g, '\r\n'));
  });

  it('an item whose dash stands on its own line goes with that line', () => {
    const text = `${COMPONENTS}dependencies:\n  a:x:\n  -\n    target: a:y\n    type: wasm-rpc\n  - target: a:z\n    type: wasm-rpc\n`;
    expect(remove(text, 'a:x', { target: 'a:y' }).after).toBe(`${COMPONENTS}dependencies:\n  a:x:\n  - target: a:z\n    type: wasm-rpc\n`);
  });

  it('wasm dependencies by path (normalised) and url; by target, every type unless --type narrows it', () => {
    const text = `${COMPONENTS}dependencies:\n  a:x:\n  - path: ./lib/helper.wasm\n    type: wasm\n  - url: https://example.com/x.wasm\n    type: wasm\n  - target: a:y\n    type: wasm-rpc\n  - target: a:y\n    type: static-wasm-rpc\n`;
    expect(remove(text, 'a:x', { path: 'lib/helper.wasm' }).after).not.toContain('helper.wasm');
    const byUrl = remove(text, 'a:x', { url: 'https://example.com/x.wasm' });
    expect(byUrl.after).not.toContain('example.com');
    expect(byUrl.after).toContain('helper.wasm');
    const both = remove(text, 'a:x', { target: 'a:y' });
    expect(depsOf(both.app)).toEqual(['a:x>./lib/helper.wasm:wasm', 'a:x>https://example.com/x.wasm:wasm']);
    const one = remove(text, 'a:x', { target: 'a:y' }, 'static-wasm-rpc');
    expect(depsOf(one.app)).toContain('a:x>a:y:wasm-rpc');
    expect(depsOf(one.app)).not.toContain('a:x>a:y:static-wasm-rpc');
  });

  it('an unknown dependency is an error naming what the component has', () => {
    const text = `${COMPONENTS}dependencies:\n  a:x:\n  - target: a:y\n    type: wasm-rpc\n`;
    expect(() => remove(text, 'a:x', { target: 'a:z' })).toThrow(/a:x has no dependency on a:z/);
    try {
      remove(text, 'a:y', { target: 'a:x' });
    } catch (err) {
      expect((err as { hint: string }).hint).toBe('a:y has no dependencies.');
    }
    try {
      remove(text, 'a:x', { path: 'x.wasm' });
    } catch (err) {
      expect((err as { hint: string }).hint).toBe('Its dependencies: a:y (wasm-rpc).');
    }
  });

  it('edits every document that declares one, and commits them as one plan', () => {
    const root = writeFiles(tempDir('cga-rm-'), {
      'golem.yaml': `includes:\n- c/*/golem.yaml\ndependencies:\n  a:x:\n  - target: a:y\n    type: wasm-rpc\n`,
      'c/x/golem.yaml': `components:\n  a:x: {}\n# calls\ndependencies:\n  a:x:\n  - target: a:y\n    type: static-wasm-rpc\n`,
      'c/y/golem.yaml': 'components:\n  a:y: {}\n',
    });
    const session = AppSession.open(root);
    const edits = removeDependencies(findDependencies(session.app, 'a:x', { target: 'a:y' }), { source: session });
    expect(edits.map((e) => e.file.slice(root.length + 1))).toEqual(['golem.yaml', 'c/x/golem.yaml']);
    for (const e of edits) session.edit(e);
    expect(session.app.dependencies).toEqual([]);
    commitPlan(session.plan);
    expect(loadApp(root).dependencies).toEqual([]);
    expect(edits[1]!.after).toBe('components:\n  a:x: {}\n# calls\n');
  });
});
