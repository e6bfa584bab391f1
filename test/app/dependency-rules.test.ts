/** Golem's dependency rules (caller type, source fields, target existence and type), on real apps on disk. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  type App,
  type DependencyRequest,
  type DependencyRule,
  type DependencyRuleProblem,
  dependencyRuleProblem,
  loadApp,
  targetTypeFits,
  validDependencyTypes,
} from '../../src/app/index.js';
import { DEPENDENCY_TYPES, type ComponentType } from '../../src/app/model.js';
import { componentYaml, kebab, makeTsApp, writeFiles } from './app-fixture.js';

/** durable `app:worker`, ephemeral `app:task`, library `app:lib`, and a file `lib/extra.wasm`. */
let app: App;
beforeAll(() => {
  const root = makeTsApp(['app:worker', 'app:task', 'app:lib']);
  const typed = (name: string, type: ComponentType) => componentYaml(name).replace('    template: ts\n', `    template: ts\n    componentType: ${type}\n`);
  writeFiles(root, {
    [`components-ts/${kebab('app:task')}/golem.yaml`]: typed('app:task', 'ephemeral'),
    [`components-ts/${kebab('app:lib')}/golem.yaml`]: typed('app:lib', 'library'),
  });
  mkdirSync(join(root, 'lib'));
  writeFileSync(join(root, 'lib/extra.wasm'), '\0asm');
  app = loadApp(root);
});

const rule = (caller: string, dep: DependencyRequest): DependencyRule | undefined => dependencyRuleProblem(caller, dep, app)?.rule;

describe('dependencyRuleProblem', () => {
  it('accepts what Golem accepts', () => {
    const accepted: [string, DependencyRequest][] = [
      ['app:worker', { type: 'wasm-rpc', target: 'app:task' }],
      ['app:worker', { type: 'static-wasm-rpc', target: 'app:task' }],
      ['app:task', { type: 'wasm-rpc', target: 'app:worker' }],
      ['app:worker', { type: 'wasm-rpc', target: 'app:worker' }], // self-dependency
      ['app:worker', { type: 'wasm', target: 'app:lib' }],
      ['app:lib', { type: 'wasm', target: 'app:lib' }],
      ['app:worker', { type: 'wasm', path: 'lib/extra.wasm' }],
      ['app:lib', { type: 'wasm', url: 'https://example.com/x.wasm' }],
    ];
    for (const [caller, dep] of accepted) expect(dependencyRuleProblem(caller, dep, app), `${caller} → ${JSON.stringify(dep)}`).toBeUndefined();
  });

  it("a library calls no workers: only wasm dependencies, in Golem's words", () => {
    const p: DependencyRuleProblem = dependencyRuleProblem('app:lib', { type: 'wasm-rpc', target: 'app:worker' }, app)!;
    expect(p.rule).toBe('caller-type');
    expect(p.message).toBe('the requested wasm-rpc dependency type is not valid for app:lib component, valid dependency types: wasm');
    expect(p.hint).toMatch(/Use type 'wasm'/);
    expect(rule('app:lib', { type: 'static-wasm-rpc', target: 'app:task' })).toBe('caller-type');
  });

  it('worker-to-worker dependencies only to durable or ephemeral targets', () => {
    const p = dependencyRuleProblem('app:worker', { type: 'static-wasm-rpc', target: 'app:lib' }, app)!;
    expect(p.rule).toBe('target-type');
    expect(p.message).toBe('the target component type Library is not compatible with the selected dependency type static-wasm-rpc');
    expect(p.hint).toMatch(/^Use a different target component or dependency type/);
    expect(rule('app:worker', { type: 'wasm-rpc', target: 'app:lib' })).toBe('target-type');
  });

  it('wasm dependencies only to library components', () => {
    expect(dependencyRuleProblem('app:worker', { type: 'wasm', target: 'app:task' }, app)?.message).toBe(
      'the target component type Ephemeral is not compatible with the selected dependency type wasm',
    );
    expect(rule('app:task', { type: 'wasm', target: 'app:worker' })).toBe('target-type');
  });

  it('worker-to-worker dependencies only to app components, not files or urls', () => {
    const p = dependencyRuleProblem('app:worker', { type: 'wasm-rpc', path: 'lib/extra.wasm' }, app)!;
    expect(p.rule).toBe('rpc-needs-target');
    expect(p.message).toBe('WASM RPC dependency app:worker - lib/extra.wasm: this dependency type only supports local component targets');
    expect(rule('app:worker', { type: 'static-wasm-rpc', url: 'https://example.com/x.wasm' })).toBe('rpc-needs-target');
  });

  it('unknown caller and target, with a guess', () => {
    const caller = dependencyRuleProblem('app:workr', { type: 'wasm-rpc', target: 'app:task' }, app)!;
    expect(caller).toMatchObject({ rule: 'unknown-caller', hint: "Did you mean 'app:worker'?" });
    expect(caller.message).toBe("component 'app:workr' not found, available components: app:lib, app:task, app:worker");
    const target = dependencyRuleProblem('app:worker', { type: 'wasm-rpc', target: 'app:tsk' }, app)!;
    expect(target).toMatchObject({ rule: 'unknown-target', hint: "Did you mean 'app:task'?" });
    expect(target.message).toMatch(/^target component 'app:tsk' not found/);
  });

  it('exactly one of target, path and url', () => {
    expect(rule('app:worker', { type: 'wasm' })).toBe('source');
    const both = dependencyRuleProblem('app:worker', { type: 'wasm', target: 'app:lib', path: 'lib/extra.wasm' }, app)!;
    expect(both.rule).toBe('source');
    expect(both.hint).toBe('Keep one of target, path.');
  });

  it('a wasm path must name a file under the app root, a url must parse', () => {
    const p = dependencyRuleProblem('app:worker', { type: 'wasm', path: 'lib/missing.wasm' }, app)!;
    expect(p.rule).toBe('missing-file');
    expect(p.hint).toContain(join(app.root, 'lib/missing.wasm'));
    expect(rule('app:worker', { type: 'wasm', path: 'lib' })).toBe('missing-file'); // a folder is not a component file
    expect(rule('app:worker', { type: 'wasm', url: 'lib/x.wasm' })).toBe('invalid-url');
  });

  it('the caller type comes before the target checks (Golem asks in that order)', () => {
    expect(rule('app:lib', { type: 'wasm-rpc', target: 'app:nothing' })).toBe('caller-type');
  });

  it('the type tables agree with each other for every combination', () => {
    const types: ComponentType[] = ['durable', 'ephemeral', 'library'];
    for (const caller of types)
      for (const target of types)
        for (const type of DEPENDENCY_TYPES) {
          const ok = validDependencyTypes(caller).includes(type) && targetTypeFits(type, target);
          // Only library → library over wasm, and worker → worker over rpc, or worker → library over wasm.
          const expected = type === 'wasm' ? target === 'library' : caller !== 'library' && target !== 'library';
          expect(ok, `${caller} -${type}-> ${target}`).toBe(expected);
        }
  });
});
