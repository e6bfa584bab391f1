/** Apps built by hand from the WIT fixtures in test/fixtures/rpc/ (no golem.yaml needed). */
import { cpSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { App, AppComponent, AppDependency, ComponentType } from '../../src/app/index.js';
import type { Reporter } from '../../src/report.js';
import { ROOT, tempDir } from '../helpers/cli.js';

export const FIXTURES = join(ROOT, 'test/fixtures/rpc');

export interface ComponentSpec {
  name: string;
  /** Folder under test/fixtures/rpc/ whose `wit/` becomes the component's sourceWit. */
  fixture: string;
  type?: ComponentType;
}

const roots = new Set<string>();

/** Removes every app folder `fixtureApp` made (call in afterAll). */
export function removeFixtureApps(): void {
  for (const root of roots) rmSync(root, { recursive: true, force: true });
  roots.clear();
}

export function fixtureApp(components: ComponentSpec[], deps: [string, string][] = [], root = tempDir('cga-rpc-app-')): App {
  roots.add(root);
  const map = new Map<string, AppComponent>();
  for (const spec of components) {
    const dir = join(root, 'components', spec.name.replace(':', '-'));
    mkdirSync(dir, { recursive: true });
    cpSync(join(FIXTURES, spec.fixture, 'wit'), join(dir, 'wit'), { recursive: true });
    map.set(spec.name, component(spec, dir, root));
  }
  return {
    root,
    manifests: [join(root, 'golem.yaml')],
    tempDir: join(root, 'golem-temp'),
    witDeps: [join(ROOT, 'wit', 'deps')],
    components: map,
    templates: new Map(),
    dependencies: deps.map(
      ([source, target]): AppDependency => ({
        source,
        target,
        type: 'wasm-rpc',
        manifestPath: join(root, 'golem.yaml'),
        location: { file: join(root, 'golem.yaml'), line: 1, column: 1 },
      }),
    ),
  };
}

function component(spec: ComponentSpec, dir: string, root: string): AppComponent {
  return {
    name: spec.name,
    dir,
    manifestPath: join(dir, 'golem.yaml'),
    sourceWit: join(dir, 'wit'),
    generatedWit: join(dir, 'wit-generated'),
    build: [],
    customCommands: {},
    clean: [],
    componentType: spec.type ?? 'durable',
    env: {},
    files: [],
    plugins: [],
    profiles: {},
    raw: {},
    location: { file: join(root, 'golem.yaml'), line: 1, column: 1 },
  };
}

/** A reporter that records what it was told. */
export function recorder(): Reporter & { lines: string[] } {
  const lines: string[] = [];
  return {
    lines,
    info: (m) => void lines.push(m),
    step: (m) => void lines.push(m),
    warn: (m) => void lines.push(`warning: ${m}`),
    task: (_t, run) => run(),
  };
}
