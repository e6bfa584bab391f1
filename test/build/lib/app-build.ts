/**
 * Building a scaffolded TypeScript app without the golem CLI: install its npm dependencies (one
 * shared npm cache for every app), then run each component's `build` steps exactly as its
 * manifests declare them, read through the application model (Golem's template values applied),
 * with `${JCO_ASYNC_EXPORT_ARGS}` computed from the component's `wit-generated` by
 * `jcoAsyncExportArgs` of src/rpc (Golem's componentize.rs rules).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadApp, type App, type AppComponent } from '../../../src/app/index.js';
import { jcoAsyncExportArgs } from '../../../src/rpc/index.js';
import { runBuildStep, BuildStepError, type StepRun } from './run-step.js';

/**
 * Versions the scaffolded package.json pins that this machine's npm registry does not serve,
 * and what the tier installs instead. The templates keep Golem's pins for users.
 */
export const REGISTRY_SUBSTITUTES: Record<string, { pinned: string; install: string; why: string }> = {
  '@golemcloud/golem-ts': {
    pinned: '1.3.2',
    install: '1.4.0',
    why: 'the registry serves 0.2.0, 1.4.0 and 1.5.0; npm overrides cannot replace a direct dependency (EOVERRIDE); the default components never import it',
  },
};

/** Rewrites the app's package.json pins listed in REGISTRY_SUBSTITUTES; returns what changed. */
export function substituteUnservedPins(appDir: string): string[] {
  const file = join(appDir, 'package.json');
  const pkg = JSON.parse(readFileSync(file, 'utf8')) as Record<string, Record<string, string> | undefined>;
  const changed: string[] = [];
  for (const section of ['dependencies', 'devDependencies'] as const) {
    const deps = pkg[section];
    for (const [name, sub] of Object.entries(REGISTRY_SUBSTITUTES)) {
      if (deps?.[name] === sub.pinned) {
        deps[name] = sub.install;
        changed.push(`${name} ${sub.pinned} → ${sub.install}`);
      }
    }
  }
  writeFileSync(file, `${JSON.stringify(pkg, null, 2)}\n`);
  return changed;
}

/** `npm install` in the app; `--prefer-offline` reuses the shared cache without revalidating. */
export function installApp(appDir: string): { seconds: number } {
  const started = performance.now();
  const r = spawnSync('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', '--loglevel=error'], {
    cwd: appDir,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1' },
  });
  if (r.status !== 0) throw new Error(`npm install failed in ${appDir} (exit ${r.status}):\n${r.stdout}${r.stderr}`);
  return { seconds: (performance.now() - started) / 1000 };
}

export interface BuiltComponent {
  component: AppComponent;
  /** Absolute path of the built `.wasm` (the component's `componentWasm`). */
  wasm: string;
  asyncExportArgs: string;
  steps: StepRun[];
}

export interface BuildOptions {
  /** Build only these components (default: all). */
  only?: readonly string[];
  /** Progress lines (one per step). */
  log?: (line: string) => void;
}

/**
 * Runs the build steps of every component (in manifest order, one at a time: a `jco componentize`
 * peaks at about 1.3 GB). Throws `BuildStepError` naming the component and step that failed.
 */
export function buildApp(appDir: string, options: BuildOptions = {}): { app: App; built: BuiltComponent[] } {
  const log = options.log ?? (() => {});
  const app = loadApp(appDir, { explicitRoot: true });
  const built: BuiltComponent[] = [];
  for (const component of app.components.values()) {
    if (options.only && !options.only.includes(component.name)) continue;
    if (!existsSync(component.generatedWit)) {
      throw new BuildStepError(component.name, 0, '(before build)', '', `has no generated WIT at ${component.generatedWit}: run \`create-golem-app generate\` first`);
    }
    const asyncExportArgs = jcoAsyncExportArgs(component.generatedWit);
    const steps = component.build.map((step, i) => {
      const run = runBuildStep(component, step, i + 1, { JCO_ASYNC_EXPORT_ARGS: asyncExportArgs });
      log(`  ${component.name} step ${i + 1} (${run.seconds.toFixed(1)} s): ${run.argv.join(' ')}`);
      return run;
    });
    const wasm = component.componentWasm;
    if (wasm === undefined || !existsSync(wasm)) {
      throw new BuildStepError(component.name, component.build.length, '(after build)', '', `left no component at componentWasm ${wasm ?? '(not set)'}`);
    }
    built.push({ component, wasm, asyncExportArgs, steps });
  }
  return { app, built };
}
