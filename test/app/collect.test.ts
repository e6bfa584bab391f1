/** The app model's collecting mode (for `doctor`): every problem of every document at once, the sound rest loaded. */
import { describe, expect, it } from 'vitest';
import { loadApp } from '../../src/app/index.js';
import type { UserError } from '../../src/errors.js';
import { makeTsApp, writeFiles } from './app-fixture.js';

const PROVIDER = 'components-ts/example-provider/golem.yaml';
const CALLER = 'components-ts/example-caller/golem.yaml';

function collect(files: Record<string, string>) {
  const root = writeFiles(makeTsApp(), files);
  const problems: UserError[] = [];
  const app = loadApp(root, { problems: (p) => problems.push(p) });
  const at = (p: UserError) => `${p.location?.file.slice(root.length + 1)}:${p.location?.line}:${p.location?.column} ${p.message}`;
  return { root, app, problems, lines: problems.map(at) };
}

describe('loadApp collecting problems', () => {
  it('a sound app: no problems, the same model as a strict load', () => {
    const { root, app, problems } = collect({});
    expect(problems).toEqual([]);
    expect(app).toEqual(loadApp(root));
  });

  it('finds every problem of every document, each once, in document order', () => {
    const { lines, app } = collect({
      'golem.yaml': 'includes:\n- common-*/golem.yaml\n- components-*/*/golem.yaml\nwitDeps:\n- wit/deps\ncomponnets: {}\n',
      [PROVIDER]: 'components:\n  example:provider:\n    template: ts\n    sourceWitt: wit\n    componentType: durabel\n',
      [CALLER]: [
        'components:',
        '  example:caller:',
        '    template: ts',
        'dependencies:',
        '  example:caller:',
        '  - target: example:provider',
        '    type: wasm-rpc-static',
        '  - target: example:nobody',
        '    type: wasm-rpc',
        '  - target: example:provider',
        '    type: wasm-rpc',
        '  - target: example:provider',
        '    type: wasm-rpc',
        '  example:ghost:',
        '  - target: example:provider',
        '    type: wasm-rpc',
        '',
      ].join('\n'),
    });
    expect(lines).toEqual([
      "golem.yaml:6:1 unknown key 'componnets' in the manifest",
      "components-ts/example-caller/golem.yaml:7:11 unknown dependency type 'wasm-rpc-static'",
      expect.stringMatching(/^components-ts\/example-caller\/golem.yaml:12:5 dependency example:caller → example:provider \(wasm-rpc\) is declared twice/),
      expect.stringMatching(/^components-ts\/example-caller\/golem.yaml:8:5 dependency target 'example:nobody' of 'example:caller' is not a component/),
      expect.stringMatching(/^components-ts\/example-caller\/golem.yaml:15:5 dependencies are declared for 'example:ghost'/),
      "components-ts/example-provider/golem.yaml:4:5 unknown key 'sourceWitt' in component 'example:provider'",
      "components-ts/example-provider/golem.yaml:5:20 unknown componentType 'durabel'",
    ]);
    // The sound part is loaded: the caller (with its one good dependency); the provider did not load, so neither did the dependency on it.
    expect([...app.components.keys()]).toEqual(['example:caller']);
    expect(app.dependencies).toEqual([]);
  });

  it("a template's problem is reported once, however many components use it", () => {
    const { lines, app } = collect({ 'common-ts/golem.yaml': 'templates:\n  ts:\n    sourceWit: wit\n    buidl: []\n' });
    expect(lines).toEqual(["common-ts/golem.yaml:4:5 unknown key 'buidl' in template 'ts'"]);
    expect([...app.components.keys()].sort()).toEqual(['example:caller', 'example:provider']);
  });

  it('a document that is not YAML is skipped; the others load', () => {
    const { lines, app } = collect({ [CALLER]: 'components:\n  example:caller:\n    template: [ts\n' });
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^components-ts\/example-caller\/golem.yaml:4:1 invalid YAML/);
    expect([...app.components.keys()]).toEqual(['example:provider']);
  });

  it('a root that does not load: its problem, and an app without components', () => {
    const { lines, app, root } = collect({ 'golem.yaml': 'includes: [\n' });
    expect(lines).toHaveLength(1);
    expect(app.components.size).toBe(0);
    expect(app).toMatchObject({ root, manifests: [] });
  });

  it('without a sink the first problem is thrown, as before', () => {
    const root = writeFiles(makeTsApp(), { [PROVIDER]: 'components:\n  example:provider:\n    template: ts\n    sourceWitt: wit\n    componentType: durabel\n' });
    expect(() => loadApp(root)).toThrow(/unknown key 'sourceWitt'/);
  });
});
