/**
 * The programmatic API (`import { createApp } from 'create-golem-app'`): the use cases the CLI
 * runs, through the same transaction, for editors, monorepo tools and CI scripts. Options read
 * like the CLI's flags; results are what `--json` prints (schemas/*.schema.json).
 *
 * API mode has no side effects beyond the files: nothing is asked, nothing printed (progress goes
 * to `onProgress`), nothing exits. Signal handlers exist only while a transaction is open
 * (src/fs/interrupt.ts): a call interrupted by SIGINT/SIGTERM/SIGHUP undoes its changes, then the
 * signal takes its course (ends the process, or the program's own handler runs and the call
 * rejects with `E_CANCELLED`). Every rejection is a `UserError` with the CLI's code.
 *
 * What the README's "Programmatic API" section names is the stable surface; dist/api.d.ts is
 * bundled from this file by scripts/build.mjs.
 */
import { resolve } from 'node:path';
import type { DependencyType, RpcDependencyType } from '../app/index.js';
import { type AddComponentSummary, runAddComponent } from '../commands/add-component.js';
import { type AddDependencySummary, runAddDependency } from '../commands/add-dependency.js';
import { type CreateSummary, createApp as runCreate, DEFAULT_TEMPLATE, defaultComponent } from '../commands/create.js';
import { type DoctorResult, type Finding, runDoctor } from '../commands/doctor.js';
import { type GenerateResult, runGenerate } from '../commands/generate.js';
import { type GraphResult, runGraph } from '../commands/graph.js';
import { type AppListing, type ListedComponent, type ListedDependency, runList } from '../commands/list.js';
import { type RemoveComponentResult, runRemoveComponent } from '../commands/remove-component.js';
import { type RemoveDependencyResult, runRemoveDependency } from '../commands/remove-dependency.js';
import { type TemplateListing, templatesList } from '../commands/templates-list.js';
import { UserError } from '../errors.js';
import { osError } from '../fs/os-errors.js';
import type { FileOutcome } from '../fs/plan.js';
import { type Reporter, silentReporter } from '../report.js';

export type {
  AddComponentSummary,
  AddDependencySummary,
  AppListing,
  CreateSummary,
  DependencyType,
  DoctorResult,
  FileOutcome,
  Finding,
  GenerateResult,
  GraphResult,
  ListedComponent,
  ListedDependency,
  RemoveComponentResult,
  RemoveDependencyResult,
  RpcDependencyType,
  TemplateListing,
};
export { UserError };

/** Whether `err` is the error every API call rejects with (true across copies of the package). */
export const isUserError = (err: unknown): err is UserError => UserError.is(err);

/** What the CLI prints as it works, as events: `task` starts a long step (an install), `step` ends one. */
export interface ProgressEvent {
  kind: 'info' | 'step' | 'warning' | 'task';
  message: string;
}

export interface CallOptions {
  /** Where relative paths are resolved (default: `process.cwd()`). */
  cwd?: string;
  /** Progress, as the CLI would print it; nothing is printed. */
  onProgress?: (event: ProgressEvent) => void;
}

/** For calls on an existing app. */
export interface AppOptions extends CallOptions {
  /** `--app`: the folder holding the app's root golem.yaml (default: found from `cwd` upward). */
  app?: string;
}

/** `--offline`, `--registry`, `--timeout`: where templates come from. */
export interface SourceOptions {
  /** Only cached copies of remote templates and registries. */
  offline?: boolean;
  /** One more template registry for this call (`[<name>=]<source>`: git URL, path, github:owner/repo). */
  registry?: string;
  /** Inactivity timeout of every download, in seconds (default 60). */
  timeoutSeconds?: number;
}

export interface ComponentOption {
  /** `namespace:name` */
  name: string;
  /** Registry id or shorthand (`ts`, `ts/default`, `rust`, `ts/caller`), folder or remote source (default `ts`). */
  template?: string;
  /** For a caller template: the component of this app it calls. */
  target?: string;
}

export interface CreateAppOptions extends CallOptions, SourceOptions {
  /** The app folder (relative to `cwd`). */
  dir: string;
  /** `--component`/`--template` (default: one `ts` provider named `<folder>:provider`). */
  components?: ComponentOption[];
  /** `--target`, in order, for the caller components that name no target. */
  targets?: string[];
  /** `--dependency`: worker-to-worker dependencies between the components (type default `wasm-rpc`). */
  dependencies?: { caller: string; target: string; type?: RpcDependencyType }[];
  /** `git init` and a first commit (default: true; `--no-git` is `false`). */
  git?: boolean;
  /** `--install`: run the package manager's install (default: false). */
  install?: boolean;
  /** `--allow-scripts`: let the install run install-time code of templates that are not bundled. */
  allowScripts?: boolean;
  /** `--overwrite`: write into a non-empty folder, keeping what is there. */
  overwrite?: boolean;
  /** `--dry-run`: plan and list, write nothing. */
  dryRun?: boolean;
}

export interface AddComponentOptions extends AppOptions, SourceOptions {
  template: string;
  /** `namespace:name` */
  name: string;
  /** `--target`: the existing component a caller template calls. */
  target?: string;
  /** `--called-by`: existing components that should call the new one (a `wasm-rpc` dependency each). */
  calledBy?: string[];
  dryRun?: boolean;
}

/** `--offline`, `--timeout`: fetching the binaries of `wasm` dependencies given by `url`. */
export interface WasmDownloadOptions {
  /** Only cached downloads. */
  offline?: boolean;
  /** Inactivity timeout of every download, in seconds (default 60). */
  timeoutSeconds?: number;
}

export interface AddDependencyOptions extends AppOptions, WasmDownloadOptions {
  /** The caller. */
  component: string;
  /** The component(s) it calls (itself allowed); none with `path` or `url`. */
  target?: string | string[];
  /** `--path`: a component binary (relative to `cwd`), for a `wasm` dependency. */
  path?: string;
  /** `--url`: a component binary to download, for a `wasm` dependency. */
  url?: string;
  /** Default `wasm` for a path, a url or a library component, else `wasm-rpc`. */
  type?: DependencyType;
  /** `--manifest root`: write into the root golem.yaml instead of the component's own. */
  manifest?: 'root';
  dryRun?: boolean;
}

export interface RemoveDependencyOptions extends AppOptions, WasmDownloadOptions {
  component: string;
  /** The component it calls, or for a `wasm` dependency its `path` or `url`. */
  target?: string;
  path?: string;
  url?: string;
  /** Only the dependency of this type (default: every type on that target). */
  type?: DependencyType;
  dryRun?: boolean;
}

export interface RemoveComponentOptions extends AppOptions, WasmDownloadOptions {
  /** The component to delete, with its sources (its whole folder) and every dependency on it. */
  name: string;
  dryRun?: boolean;
}

export interface GenerateOptions extends AppOptions, WasmDownloadOptions {
  /** `--component`: only these components (and the clients they need). */
  components?: string[];
  /** Write nothing; the result's `upToDate` tells whether anything would change. */
  check?: boolean;
  dryRun?: boolean;
}

export interface DoctorOptions extends AppOptions, WasmDownloadOptions {
  /** Apply the safe fixes. */
  fix?: boolean;
}

export interface ListTemplatesOptions extends CallOptions, SourceOptions {
  /** Only templates whose id or description contains this. */
  filter?: string;
  language?: string;
}

/** An app as loaded: its components (with their dependencies) and the templates they were made from. */
export interface AppInfo extends AppListing {
  /** The templates the components name (`template:` in golem.yaml), sorted. */
  templates: string[];
}

function progressReporter(onProgress: CallOptions['onProgress']): Reporter {
  if (!onProgress) return silentReporter;
  return {
    info: (message) => onProgress({ kind: 'info', message }),
    step: (message) => onProgress({ kind: 'step', message }),
    warn: (message) => onProgress({ kind: 'warning', message }),
    async task(title, run, done) {
      onProgress({ kind: 'task', message: title });
      const result = await run();
      onProgress({ kind: 'step', message: done ? done(result) : title });
      return result;
    },
  };
}

/** Runs a use case with the caller's progress callback; whatever it throws becomes a UserError (an OS error with its code, anything else `E_INTERNAL`). */
async function call<T>(options: CallOptions, run: (report: Reporter, cwd: string) => T | Promise<T>): Promise<T> {
  try {
    return await run(progressReporter(options.onProgress), options.cwd ?? process.cwd());
  } catch (err) {
    if (UserError.is(err)) throw err;
    throw osError(err) ?? new UserError(`unexpected failure: ${err instanceof Error ? err.message : String(err)}`, { code: 'E_INTERNAL', cause: err });
  }
}

const downloads = (o: WasmDownloadOptions) => ({
  ...(o.offline !== undefined ? { offline: o.offline } : {}),
  ...(o.timeoutSeconds !== undefined ? { timeoutSeconds: o.timeoutSeconds } : {}),
});

const sources = (o: SourceOptions) => ({ ...downloads(o), ...(o.registry !== undefined ? { registry: o.registry } : {}) });

/** `create-golem-app <dir> --component … --template …`: a new app, written as one transaction (with git's first commit). */
export function createApp(options: CreateAppOptions): Promise<CreateSummary> {
  return call(options, async (report, cwd) => {
    const dir = resolve(cwd, options.dir);
    const components = options.components?.length ? options.components.map((c) => ({ ...c, template: c.template ?? DEFAULT_TEMPLATE })) : [defaultComponent(dir)];
    const result = await runCreate(
      {
        dir,
        cwd,
        components,
        callerTargets: options.targets ?? [],
        dependencies: (options.dependencies ?? []).map((d) => ({ ...d, type: d.type ?? 'wasm-rpc' })),
        git: options.git !== false,
        install: options.install === true,
        allowScripts: options.allowScripts === true,
        overwrite: options.overwrite === true,
        dryRun: options.dryRun === true,
        ...sources(options),
      },
      report,
    );
    return result.summary;
  });
}

/** `create-golem-app list`, plus the templates in use. */
export function loadApp(options: AppOptions = {}): Promise<AppInfo> {
  return call(options, (_report, cwd) => {
    const listing = runList({ cwd, app: options.app });
    const templates = [...new Set(listing.components.flatMap((c) => (c.template === null ? [] : [c.template])))].sort();
    return { ...listing, templates };
  });
}

/** `create-golem-app graph --json`: components and who calls whom. */
export function graph(options: AppOptions = {}): Promise<GraphResult> {
  return call(options, (_report, cwd) => runGraph({ cwd, app: options.app }));
}

/** `create-golem-app add component <template> <ns:name>`: files, golem.yaml edits and clients, one transaction. */
export function addComponent(options: AddComponentOptions): Promise<AddComponentSummary> {
  return call(options, async (report, cwd) => {
    const { template, name, target, calledBy, dryRun, app } = options;
    const result = await runAddComponent({ cwd, app, template, name, callers: calledBy ?? [], dryRun, ...(target !== undefined ? { target } : {}), ...sources(options) }, report);
    return result.summary;
  });
}

/** `create-golem-app add dependency <component> <target>`: golem.yaml edited (comments kept), the caller's clients generated. */
export function addDependency(options: AddDependencyOptions): Promise<AddDependencySummary> {
  return call(options, async (report, cwd) => {
    const { component, target, path, url, type, manifest, dryRun, app } = options;
    const targets = target === undefined ? [] : typeof target === 'string' ? [target] : target;
    const result = await runAddDependency(
      { cwd, app, component, targets, type, manifest, dryRun, network: downloads(options), ...(path !== undefined ? { path } : {}), ...(url !== undefined ? { url } : {}) },
      report,
    );
    return result.summary;
  });
}

/** `create-golem-app remove dependency <component> <target>` (or `--path`/`--url`): only its lines leave golem.yaml. */
export function removeDependency(options: RemoveDependencyOptions): Promise<RemoveDependencyResult> {
  return call(options, (report, cwd) => {
    const { component, target, path, url, type, dryRun, app } = options;
    return runRemoveDependency(
      {
        cwd,
        app,
        component,
        type,
        dryRun,
        network: downloads(options),
        ...(target !== undefined ? { target } : {}),
        ...(path !== undefined ? { path } : {}),
        ...(url !== undefined ? { url } : {}),
      },
      report,
    );
  });
}

/** `create-golem-app remove component <name> --yes`: deletes its folder with its sources and every dependency on it. */
export function removeComponent(options: RemoveComponentOptions): Promise<RemoveComponentResult> {
  return call(options, (report, cwd) => runRemoveComponent({ cwd, app: options.app, name: options.name, dryRun: options.dryRun, network: downloads(options) }, report));
}

/** `create-golem-app generate [--check]`: clients and wiring as `golem app build` makes them. A check writes nothing and resolves with `upToDate`. */
export function generate(options: GenerateOptions = {}): Promise<GenerateResult> {
  return call(options, (report, cwd) =>
    runGenerate({ cwd, app: options.app, components: options.components ?? [], dryRun: options.dryRun, check: options.check, network: downloads(options) }, report),
  );
}

/** `create-golem-app doctor [--fix]`: every problem at once; resolves with the findings (errors do not reject). */
export function doctor(options: DoctorOptions = {}): Promise<DoctorResult> {
  return call(options, (report, cwd) => runDoctor({ cwd, app: options.app, fix: options.fix, network: downloads(options) }, report));
}

/** `create-golem-app templates list`: the bundled registry's templates and those of added registries. */
export function listTemplates(options: ListTemplatesOptions = {}): Promise<TemplateListing[]> {
  return call(options, (report, cwd) => templatesList({ cwd, filter: options.filter, language: options.language, json: true, ...sources(options) }, report));
}
