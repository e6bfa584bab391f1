/** Every validation error of loading: message, file, line and column. */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadApp } from '../../src/app/index.js';
import { UserError } from '../../src/errors.js';
import { makeTsApp, writeFiles } from './app-fixture.js';

const PROVIDER = 'components-ts/example-provider/golem.yaml';
const CALLER = 'components-ts/example-caller/golem.yaml';

/** Loads an app whose files are patched, returning the UserError it must raise. */
function loadError(files: Record<string, string>): { root: string; error: UserError } {
  const root = makeTsApp();
  writeFiles(root, files);
  try {
    loadApp(root);
  } catch (e) {
    if (e instanceof UserError) return { root, error: e };
    throw e;
  }
  throw new Error('expected loadApp to fail');
}

function expectError(files: Record<string, string>, file: string, line: number, column: number, message: RegExp, hint?: RegExp) {
  const { root, error } = loadError(files);
  expect(error.message).toMatch(message);
  expect(error.location).toEqual({ file: join(root, file), line, column });
  if (hint) expect(error.hint).toMatch(hint);
  // One error line, and the hint (when there is one) on a second line, as the CLI prints them.
  expect(error.line).not.toContain('\n');
  expect(error.format().split('\n')).toHaveLength(error.hint ? 2 : 1);
  return error;
}

const callerWith = (deps: string) => `components:\n  example:caller:\n    template: ts\ndependencies:\n  example:caller:\n${deps}`;

describe('loadApp validation', () => {
  it('YAML syntax error', () => {
    expectError({ [CALLER]: 'components:\n  example:caller:\n    template: [ts\n' }, CALLER, 4, 1, /^invalid YAML: /);
  });

  it('duplicate key in one mapping', () => {
    expectError({ [CALLER]: 'components:\n  example:caller:\n    template: ts\n    template: ts\n' }, CALLER, 4, 5, /^invalid YAML: Map keys must be unique/);
  });

  it('unknown top-level key, with a suggestion', () => {
    expectError({ [CALLER]: 'component:\n  example:caller:\n    template: ts\n' }, CALLER, 1, 1, /^unknown key 'component' in the manifest$/, /Did you mean 'components'\?/);
  });

  it('unknown key in httpApi', () => {
    expectError(
      { [CALLER]: 'components:\n  example:caller:\n    template: ts\nhttpApi:\n  definition: {}\n' },
      CALLER,
      5,
      3,
      /^unknown key 'definition' in httpApi$/,
      /Did you mean 'definitions'\?/,
    );
  });

  it('unknown key in a component', () => {
    expectError(
      { [CALLER]: 'components:\n  example:caller:\n    template: ts\n    sourcewit: wit\n' },
      CALLER,
      4,
      5,
      /^unknown key 'sourcewit' in component 'example:caller'$/,
      /Did you mean 'sourceWit'\?/,
    );
  });

  it('unknown key in a dependency and in a build step', () => {
    expectError(
      { [CALLER]: callerWith('  - target: example:provider\n    type: wasm-rpc\n    version: 1\n') },
      CALLER,
      8,
      5,
      /^unknown key 'version' in dependency of 'example:caller'$/,
    );
    expectError({ [CALLER]: 'components:\n  example:caller:\n    build:\n    - command: make\n      cwd: x\n' }, CALLER, 5, 7, /^unknown key 'cwd' in a step of build$/);
  });

  it('dependency target that is not a component, listing the known ones', () => {
    expectError(
      { [CALLER]: callerWith('  - target: example:provder\n    type: wasm-rpc\n') },
      CALLER,
      6,
      5,
      /^dependency target 'example:provder' of 'example:caller' is not a component of this app$/,
      /Did you mean 'example:provider'\? Known components: example:caller, example:provider\./,
    );
  });

  it('dependencies of a component that does not exist', () => {
    expectError(
      { [CALLER]: callerWith('  - target: example:provider\n    type: wasm-rpc\n').replace('dependencies:\n  example:caller:', 'dependencies:\n  example:nobody:') },
      CALLER,
      6,
      5,
      /^dependencies are declared for 'example:nobody', which is not a component of this app$/,
    );
  });

  it('the schema typo wasm-rpc-static, with the fix', () => {
    expectError(
      { [CALLER]: callerWith('  - target: example:provider\n    type: wasm-rpc-static\n') },
      CALLER,
      7,
      11,
      /^unknown dependency type 'wasm-rpc-static'$/,
      /^Use 'static-wasm-rpc': Golem's JSON schema spells it 'wasm-rpc-static', but the Golem CLI only accepts 'static-wasm-rpc'\.$/,
    );
  });

  it('any other unknown dependency type', () => {
    expectError(
      { [CALLER]: callerWith('  - target: example:provider\n    type: wasm-rcp\n') },
      CALLER,
      7,
      11,
      /^unknown dependency type 'wasm-rcp'$/,
      /Did you mean 'wasm-rpc'\? Known types: wasm-rpc, static-wasm-rpc, wasm\./,
    );
  });

  it('wasm-rpc / static-wasm-rpc without target', () => {
    expectError({ [CALLER]: callerWith('  - type: wasm-rpc\n    path: x.wasm\n') }, CALLER, 6, 5, /^a 'wasm-rpc' dependency of 'example:caller' needs a 'target'/);
    expectError({ [CALLER]: callerWith('  - type: static-wasm-rpc\n') }, CALLER, 6, 5, /needs one of 'target', 'path' or 'url'$/);
  });

  it('a wasm dependency with both path and url', () => {
    expectError(
      { [CALLER]: callerWith('  - type: wasm\n    path: x.wasm\n    url: https://x/y.wasm\n') },
      CALLER,
      6,
      5,
      /may have only one of 'target', 'path' or 'url' \(found path, url\)$/,
    );
  });

  it('a dependency without type', () => {
    expectError({ [CALLER]: callerWith('  - target: example:provider\n') }, CALLER, 6, 5, /has no 'type'$/);
  });

  it('the same dependency declared in two documents', () => {
    const error = expectError(
      {
        'golem.yaml': 'includes:\n- common-*/golem.yaml\n- components-*/*/golem.yaml\ndependencies:\n  example:caller:\n  - target: example:provider\n    type: wasm-rpc\n',
        [CALLER]: callerWith('  - target: example:provider\n    type: wasm-rpc\n'),
      },
      CALLER,
      6,
      5,
      /^dependency example:caller → example:provider \(wasm-rpc\) is declared twice \(first at .*golem\.yaml:6:5\)$/,
    );
    expect(error.message).toContain('/golem.yaml:6:5');
  });

  it('two components with the same name', () => {
    expectError(
      { [PROVIDER]: 'components:\n  example:caller:\n    template: ts\n' },
      PROVIDER,
      2,
      3,
      /^component 'example:caller' is declared twice \(first at .*example-caller\/golem\.yaml:10:3\)$/,
    );
  });

  it('a component using an unknown template', () => {
    expectError(
      { [CALLER]: 'components:\n  example:caller:\n    template: typescript\n' },
      CALLER,
      3,
      15,
      /^component 'example:caller' uses unknown template 'typescript'$/,
      /Known templates: ts\./,
    );
  });

  it('componentType outside durable|ephemeral|library', () => {
    expectError({ [CALLER]: 'components:\n  example:caller:\n    template: ts\n    componentType: stateless\n' }, CALLER, 4, 20, /^unknown componentType 'stateless'$/);
  });

  it('wrong value kinds', () => {
    expectError({ [CALLER]: 'components:\n- example:caller\n' }, CALLER, 2, 1, /^components must be a mapping, found a list$/);
    expectError({ [CALLER]: callerWith('    target: example:provider\n') }, CALLER, 6, 5, /^dependencies of 'example:caller' must be a list, found a mapping$/);
  });

  it('includes outside the root document', () => {
    expectError({ [CALLER]: 'includes:\n- x/golem.yaml\ncomponents:\n  example:caller:\n    template: ts\n' }, CALLER, 1, 1, /^'includes' is only allowed in the root golem.yaml$/);
  });

  it('profiles without defaultProfile, and an unknown defaultProfile', () => {
    expectError({ [CALLER]: 'components:\n  example:caller:\n    profiles:\n      debug: {}\n' }, CALLER, 2, 3, /^component 'example:caller' has profiles but no defaultProfile$/);
    expectError(
      { [CALLER]: 'components:\n  example:caller:\n    profiles:\n      debug: {}\n    defaultProfile: release\n' },
      CALLER,
      5,
      21,
      /^defaultProfile 'release' of component 'example:caller' is not one of its profiles$/,
    );
  });
});
