/**
 * Manifest shapes from golem-cli 1.2.5's own app tests and validation, with Golem's verdict:
 * what golem-cli/tests/app/mod.rs and plugins.rs write into a fresh app's component golem.yaml
 * (build profiles with files, plugins and componentType, dependencies appended, a custom command
 * named like a builtin) loads; what golem-cli/src/model/app.rs reports as an error (empty
 * required paths, lowercase env names, a dependency url that is no URL, the CLI profiles rules)
 * stops loading with one located error. The manifests here are our own.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadApp } from '../../src/app/index.js';
import { UserError } from '../../src/errors.js';
import { tempDir } from '../helpers/cli.js';
import { makeTsApp, writeFiles } from './app-fixture.js';

const PROVIDER = 'components-ts/example-provider/golem.yaml';
const CALLER = 'components-ts/example-caller/golem.yaml';

/** A single-document app: one component with explicit paths, then `extra` appended. */
function bare(extra = '', component = '    sourceWit: wit\n    generatedWit: wit-generated\n    componentWasm: out/c.wasm\n'): string {
  return writeFiles(tempDir('cga-rules-'), { 'golem.yaml': `components:\n  a:b:\n${component}${extra}` });
}

function errorOf(root: string): UserError {
  try {
    loadApp(root);
  } catch (e) {
    if (e instanceof UserError) return e;
    throw e;
  }
  throw new Error('expected loadApp to fail');
}

function expectError(root: string, file: string, line: number, column: number, message: RegExp): UserError {
  const error = errorOf(root);
  expect(error.message).toMatch(message);
  expect(error.location).toEqual({ file: join(root, file), line, column });
  expect(error.format().split('\n')).toHaveLength(error.hint ? 2 : 1);
  return error;
}

describe('shapes golem-cli tests/app writes load', () => {
  /**
   * An app whose template has build profiles, as golem's rust template does (golem-cli's tests
   * override its `debug` profile); component manifests go in `components/<name>/golem.yaml`.
   */
  function profiledApp(components: Record<string, string>): string {
    const template =
      'templates:\n  lang:\n    profiles:\n      debug:\n        sourceWit: wit\n        generatedWit: wit-generated\n        componentWasm: out/debug/{{ component_name | to_snake_case }}.wasm\n      release:\n        sourceWit: wit\n        generatedWit: wit-generated\n        componentWasm: out/release/{{ component_name | to_snake_case }}.wasm\n    defaultProfile: debug\n';
    const files: Record<string, string> = { 'golem.yaml': template };
    for (const [name, text] of Object.entries(components)) files[`components/${name.replace(':', '-')}/golem.yaml`] = text;
    return writeFiles(tempDir('cga-rules-'), files);
  }

  it('golem-cli tests/app basic_ifs_deploy: debug-profile files (read-only, read-write) over a profiled template', () => {
    const root = profiledApp({
      'app:one':
        'components:\n  app:one:\n    template: lang\n    profiles:\n      debug:\n        files:\n        - sourcePath: Cargo.toml\n          targetPath: /Cargo.toml\n          permissions: read-only\n        - sourcePath: src/lib.rs\n          targetPath: /src/lib.rs\n          permissions: read-write\n',
    });
    const c = loadApp(root).components.get('app:one')!;
    expect(c.profiles.debug!.files).toHaveLength(2);
    expect(c.profiles.release!.files).toHaveLength(0);
    expect(c.componentWasm).toBe(join(root, 'components/app-one/out/debug/app_one.wasm'));
  });

  it('golem-cli tests/app/plugins.rs: plugins with parameters written as numbers, an empty map, a plugin twice', () => {
    const root = profiledApp({
      'app:one':
        'components:\n  app:one:\n    template: lang\n    profiles:\n      debug:\n        plugins:\n            - name: transformer-a\n              version: v1\n              parameters:\n                depth: 3\n            - name: transformer-b\n              version: 0.0.1\n              parameters: {}\n            - name: transformer-a\n              version: v1\n              parameters:\n                depth: 4\n',
    });
    expect(loadApp(root).components.get('app:one')!.plugins).toHaveLength(3);
  });

  it('golem-cli tests/app wasm_library_dependency_type: a library in both profiles, used as a wasm dependency', () => {
    const root = profiledApp({
      'app:lib': 'components:\n  app:lib:\n    template: lang\n    profiles:\n      debug:\n        componentType: library\n      release:\n        componentType: library\n',
      'app:main':
        'components:\n  app:main:\n    template: lang\n    env:\n      RETRIES: 3\n      RATIO: 1.50\ndependencies:\n  app:main:\n    - type: wasm\n      target: app:lib\n',
    });
    const app = loadApp(root);
    expect(app.components.get('app:lib')!.componentType).toBe('library');
    // serde_yaml reads a number where a string is expected as its text.
    expect(app.components.get('app:main')!.env).toEqual({ RETRIES: '3', RATIO: '1.50' });
    expect(app.dependencies.map((d) => `${d.source}>${d.target}:${d.type}`)).toEqual(['app:main>app:lib:wasm']);
  });

  it('a component extends its template: customCommands, env, files and plugins add up; build: [] keeps the template build', () => {
    const root = writeFiles(tempDir('cga-rules-'), {
      'golem.yaml':
        'templates:\n  t:\n    sourceWit: wit\n    generatedWit: g\n    componentWasm: c.wasm\n    build:\n    - command: make\n    customCommands:\n      fmt:\n      - command: fmt {{ component_name }}\n      lint:\n      - command: lint\n    env:\n      LEVEL: info\n      MODE: t\n    files:\n    - sourcePath: a.txt\n      targetPath: /a.txt\n    plugins:\n    - name: p1\n      version: v1\ncomponents:\n  a:b:\n    template: t\n    build: []\n    customCommands:\n      lint:\n      - command: lint --strict\n    env:\n      MODE: own\n    files:\n    - sourcePath: b.txt\n      targetPath: /b.txt\n    plugins:\n    - name: p2\n      version: v2\n',
    });
    const c = loadApp(root).components.get('a:b')!;
    expect(c.build.map((b) => b.command)).toEqual(['make']);
    expect(Object.fromEntries(Object.entries(c.customCommands).map(([k, v]) => [k, v.map((b) => b.command)]))).toEqual({ fmt: ['fmt a:b'], lint: ['lint --strict'] });
    expect(c.env).toEqual({ LEVEL: 'info', MODE: 'own' });
    expect(c.files).toHaveLength(2);
    expect(c.plugins).toHaveLength(2);
  });

  it('profiles of a component whose template has none are left unused, as Golem does', () => {
    const root = makeTsApp();
    writeFiles(root, { [PROVIDER]: 'components:\n  example:provider:\n    template: ts\n    profiles:\n      debug:\n        componentType: library\n' });
    expect(loadApp(root).components.get('example:provider')!.componentType).toBe('durable');
  });

  it('dependencies appended after the commented example, self and cross, and a custom command named new', () => {
    const root = makeTsApp();
    writeFiles(root, { 'golem.yaml': `${'includes:\n- common-*/golem.yaml\n- components-*/*/golem.yaml\n'}customCommands:\n  new:\n    - command: npm ls\n` });
    for (const [file, self] of [
      [PROVIDER, 'example:provider'],
      [CALLER, 'example:caller'],
    ] as const) {
      writeFiles(root, {
        [file]: `components:\n  ${self}:\n    template: ts\n\n#dependencies:\n#  ${self}:\n#  - target: <target>\n#    type: wasm-rpc\ndependencies:\n  ${self}:\n  - target: example:provider\n    type: wasm-rpc\n  - target: example:caller\n    type: wasm-rpc\n`,
      });
    }
    const app = loadApp(root);
    expect(app.dependencies).toHaveLength(4);
    expect(Object.keys(app.customCommands ?? {}).sort()).toEqual(['new', 'ts-npm-install']);
  });

  it('CLI profiles with every key Golem knows, the builtin names included', () => {
    const root = bare(
      'profiles:\n  staging:\n    url: http://localhost:9881\n    workerUrl: http://localhost:9882\n    format: json\n    buildProfile: release\n    autoConfirm: true\n    redeployWorkers: false\n    redeployHttpApi: true\n    redeployAll: false\n    default: true\n  local:\n    format: Yaml\n  cloud:\n    project: mine\n    format: text\n',
    );
    expect(loadApp(root).components.has('a:b')).toBe(true);
  });

  it('a component key written empty keeps its template value (Golem reads it as None)', () => {
    const root = makeTsApp();
    writeFiles(root, { [PROVIDER]: 'components:\n  example:provider:\n    template: ts\n    sourceWit:\n' });
    expect(loadApp(root).components.get('example:provider')!.sourceWit).toBe(join(root, 'components-ts/example-provider/wit'));
  });
});

describe('golem-cli/src/model/app.rs errors are one located error', () => {
  it.each([
    ['sourceWit', '    sourceWit: ""\n    generatedWit: g\n    componentWasm: c.wasm\n', 3, 16],
    ['generatedWit', '    sourceWit: wit\n    generatedWit:\n    componentWasm: c.wasm\n', 4, 18],
    ['componentWasm', "    sourceWit: wit\n    generatedWit: g\n    componentWasm: ''\n", 5, 20],
  ])('%s empty or ~ ("Property … is empty or undefined")', (key, component, line, column) => {
    expectError(bare('', component), 'golem.yaml', line, column, new RegExp(`^${key} of component 'a:b' is empty$`));
  });

  it('an empty path in a template is the error of the component using it', () => {
    const root = writeFiles(tempDir('cga-rules-'), {
      'golem.yaml': "templates:\n  t:\n    sourceWit: wit\n    generatedWit: g\n    componentWasm: ''\ncomponents:\n  a:b:\n    template: t\n",
    });
    expectError(root, 'golem.yaml', 5, 20, /^componentWasm of component 'a:b' is empty$/);
  });

  it('a lowercase environment variable name ("Only uppercase environment variable names are allowed")', () => {
    const e = expectError(
      bare('    env:\n      LEVEL: debug\n      homeDir: /tmp\n'),
      'golem.yaml',
      8,
      7,
      /^environment variable name 'homeDir' of component 'a:b' is not uppercase$/,
    );
    expect(e.hint).toMatch(/'HOMEDIR'/);
  });

  it('a wasm dependency url that does not parse ("Invalid URL for component dependency")', () => {
    expectError(
      bare('dependencies:\n  a:b:\n  - type: wasm\n    url: components/lib.wasm\n'),
      'golem.yaml',
      9,
      10,
      /^invalid URL for component dependency: components\/lib\.wasm$/,
    );
  });

  it('a wasm dependency url with a scheme is accepted', () => {
    expect(loadApp(bare('dependencies:\n  a:b:\n  - type: wasm\n    url: https://example.com/lib.wasm\n')).dependencies[0]!.url).toBe('https://example.com/lib.wasm');
  });

  it('an unknown key in a CLI profile (Profile is deny_unknown_fields, camelCase)', () => {
    const e = expectError(bare('profiles:\n  staging:\n    build_profile: release\n'), 'golem.yaml', 8, 5, /^unknown key 'build_profile' in profile 'staging'$/);
    expect(e.hint).toMatch(/buildProfile/);
  });

  it('two default CLI profiles ("Only one profile can be used as default!")', () => {
    expectError(bare('profiles:\n  one:\n    default: true\n  two:\n    default: true\n'), 'golem.yaml', 9, 3, /^only one profile can be the default; marked default: one, two$/);
  });

  it('the builtin local profile made a cloud profile, by cloud: true or by a project', () => {
    expectError(bare('profiles:\n  local:\n    cloud: true\n'), 'golem.yaml', 7, 3, /^the builtin profile 'local' cannot be a cloud profile$/);
    expectError(bare('profiles:\n  local:\n    project: p\n'), 'golem.yaml', 7, 3, /^the builtin profile 'local' cannot be a cloud profile$/);
  });

  it.each([
    ['local', 'url'],
    ['local', 'workerUrl'],
    ['cloud', 'url'],
  ])('%s profile with %s ("Property … is not allowed for …")', (name, key) => {
    expectError(bare(`profiles:\n  ${name}:\n    ${key}: http://localhost:9881\n`), 'golem.yaml', 8, 5, new RegExp(`^${key} is not allowed for the .*profile '${name}'$`));
  });

  it('a custom profile made cloud by a project takes no url either', () => {
    expectError(bare('profiles:\n  team:\n    project: p\n    workerUrl: http://localhost:9881\n'), 'golem.yaml', 9, 5, /^workerUrl is not allowed for the cloud profile 'team'$/);
  });

  it.each([
    ['format: xml', /^unknown format of profile 'p'$/],
    ['url: localhost', /^url of profile 'p' is not a valid URL$/],
    ['autoConfirm: yes', /^autoConfirm of profile 'p' must be true or false$/],
  ])('a value of the wrong kind: %s', (line, message) => {
    expectError(bare(`profiles:\n  p:\n    ${line}\n`), 'golem.yaml', 8, 5 + line.indexOf(':') + 2, message);
  });

  it('witDeps in two documents ("WitDeps is defined in multiple sources"); an empty list does not count', () => {
    const root = makeTsApp();
    writeFiles(root, { [PROVIDER]: 'components:\n  example:provider:\n    template: ts\nwitDeps: []\n' });
    expect(loadApp(root).witDeps).toEqual([join(root, 'wit/deps')]);
    writeFiles(root, { [CALLER]: 'witDeps:\n- ../../wit/deps\ncomponents:\n  example:caller:\n    template: ts\n' });
    expect(errorOf(root).message).toMatch(/^witDeps is declared twice \(first at .*golem\.yaml:\d+:1\)$/);
    expect(errorOf(root).location).toEqual({ file: join(root, CALLER), line: 1, column: 1 });
  });

  it('witDeps declared only in a component manifest is read from there', () => {
    const root = writeFiles(tempDir('cga-rules-'), {
      'golem.yaml': 'includes:\n- c/*/golem.yaml\n',
      'c/one/golem.yaml': 'witDeps:\n- ../../shared/deps\ncomponents:\n  a:b:\n    sourceWit: wit\n    generatedWit: g\n    componentWasm: c.wasm\n',
    });
    expect(loadApp(root).witDeps).toEqual([join(root, 'shared/deps')]);
  });

  it('includes outside the root golem.yaml, when the root has none, is ignored as Golem ignores it', () => {
    const root = writeFiles(tempDir('cga-rules-'), {
      'golem.yaml': 'components:\n  a:b:\n    sourceWit: wit\n    generatedWit: g\n    componentWasm: c.wasm\n',
      'sub/golem.yaml': 'includes:\n- nowhere/*.yaml\ncomponents:\n  a:c:\n    sourceWit: wit\n    generatedWit: g\n    componentWasm: c.wasm\n',
    });
    expect([...loadApp(root).components.keys()].sort()).toEqual(['a:b', 'a:c']);
  });

  it('the same CLI profile in two documents ("Profile … is defined in multiple sources")', () => {
    const root = makeTsApp();
    writeFiles(root, {
      [PROVIDER]: 'components:\n  example:provider:\n    template: ts\nprofiles:\n  staging: {}\n',
      [CALLER]: 'components:\n  example:caller:\n    template: ts\nprofiles:\n  staging: {}\n',
    });
    const e = errorOf(root);
    expect(e.message).toMatch(/^profile 'staging' is declared twice \(first in .*golem\.yaml\)$/);
  });
});
