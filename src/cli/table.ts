/**
 * The command surface as data: one row per command. `--help` is printed from this table without
 * loading any command module, so start-up stays small; a command's code is imported only when
 * it runs. Only commands that work are listed.
 */
export interface OptionSpec {
  type: 'string' | 'boolean';
  multiple?: boolean;
  short?: string;
  /** Placeholder shown in help, e.g. `<dir>`. */
  value?: string;
  description: string;
}

export interface CommandSpec {
  /** Words after the program name; `[]` is the default command (create an app). */
  path: string[];
  /** Positional arguments as shown in usage, e.g. `[dir]`, `<component>`. */
  args: string[];
  summary: string;
  options: Record<string, OptionSpec>;
  load: () => Promise<CommandModule>;
}

export interface ParsedCommand {
  positionals: string[];
  values: Record<string, string | boolean | (string | boolean)[] | undefined>;
  cwd: string;
}

export interface CommandModule {
  /** Returns the exit code (0 when omitted). */
  run(parsed: ParsedCommand): Promise<number | void>;
}

const SOURCE_OPTIONS: Record<string, OptionSpec> = {
  offline: { type: 'boolean', description: 'use only cached copies of remote templates and registries' },
  registry: { type: 'string', value: '[<name>=]<source>', description: 'one more template registry for this command (git URL, path, github:owner/repo)' },
};

const APP_OPTION: Record<string, OptionSpec> = {
  app: { type: 'string', value: '<dir>', description: 'the application folder (default: found from the current folder upward)' },
};

export const COMMANDS: CommandSpec[] = [
  {
    path: [],
    args: ['[dir]'],
    summary: 'create a Golem application (interactive when a terminal and something is missing)',
    options: {
      component: { type: 'string', multiple: true, value: '<ns:name>', description: 'add a component (repeatable)' },
      template: { type: 'string', multiple: true, short: 't', value: '<lang>[/<name>]', description: 'template for the components: once for all, or once per --component (default: ts)' },
      target: { type: 'string', multiple: true, value: '<component>', description: 'what a caller template calls: once per caller component, in order' },
      dependency: { type: 'string', multiple: true, value: '<caller>=<target>[=static-wasm-rpc]', description: 'a worker-to-worker dependency between components (repeatable; self allowed)' },
      yes: { type: 'boolean', short: 'y', description: 'accept the defaults, ask nothing' },
      'no-git': { type: 'boolean', description: 'do not initialise a git repository' },
      install: { type: 'boolean', description: "run the package manager's install in the new app" },
      overwrite: { type: 'boolean', description: 'allow a non-empty folder (existing files are kept, nothing is deleted)' },
      'dry-run': { type: 'boolean', description: 'print the files that would be written, write nothing' },
      ...SOURCE_OPTIONS,
    },
    load: () => import('./commands/create.js'),
  },
  {
    path: ['add', 'component'],
    args: ['[template]', '[ns:name]'],
    summary: 'add a component from a template (callers get --target)',
    options: {
      target: { type: 'string', value: '<component>', description: 'the component a caller template calls' },
      'called-by': { type: 'string', multiple: true, value: '<component>', description: 'an existing component that should call the new one (repeatable; a wasm-rpc dependency)' },
      ...SOURCE_OPTIONS,
      ...APP_OPTION,
    },
    load: () => import('./commands/add-component.js'),
  },
  {
    path: ['add', 'dependency'],
    args: ['[component]', '[target]'],
    summary: "write a worker-to-worker dependency into golem.yaml, then generate the caller's clients",
    options: {
      type: { type: 'string', value: '<wasm-rpc|static-wasm-rpc>', description: 'dependency type (default: wasm-rpc)' },
      manifest: { type: 'string', value: '<root>', description: 'write into the root golem.yaml instead of the component\'s own' },
      ...APP_OPTION,
    },
    load: () => import('./commands/add-dependency.js'),
  },
  {
    path: ['generate'],
    args: [],
    summary: 'exports extraction, client packages and caller wiring, as `golem app build` does',
    options: {
      component: { type: 'string', multiple: true, value: '<name>', description: 'only this component (and the clients it needs)' },
      ...APP_OPTION,
    },
    load: () => import('./commands/generate.js'),
  },
  {
    path: ['templates', 'list'],
    args: ['[filter]'],
    summary: 'list the templates of the bundled registry and of added registries',
    options: {
      language: { type: 'string', value: '<lang>', description: 'only this language' },
      json: { type: 'boolean', description: 'print JSON' },
      ...SOURCE_OPTIONS,
    },
    load: () => import('./commands/templates-list.js'),
  },
  {
    path: ['templates', 'init'],
    args: ['<dir>'],
    summary: 'start a new template folder from a bundled one',
    options: {
      language: { type: 'string', value: '<ts|rust>', description: 'language of the template (default: ts)' },
      role: { type: 'string', value: '<provider|caller>', description: 'start from the counter provider or the caller (default: provider)' },
    },
    load: () => import('./commands/templates-init.js'),
  },
  {
    path: ['templates', 'validate'],
    args: ['<dir>'],
    summary: 'render a template into a sample app and check it (metadata, paths, sizes, WIT, golem.yaml, placeholders)',
    options: {
      json: { type: 'boolean', description: 'print JSON' },
    },
    load: () => import('./commands/templates-validate.js'),
  },
  {
    path: ['templates', 'publish'],
    args: ['<dir>'],
    summary: 'validate a template, then publish it into a git-hosted registry',
    options: {
      registry: { type: 'string', value: '<git-url|path|name>', description: 'the registry repository, or the name of an added registry (required)' },
      id: { type: 'string', value: '<lang>/<name>', description: 'template id (default: <language>/<folder name>)' },
      version: { type: 'string', value: '<x.y.z>', description: 'version to publish (default: metadata.json createGolemApp.version)' },
      force: { type: 'boolean', description: 'replace an already published id and version' },
    },
    load: () => import('./commands/templates-publish.js'),
  },
  {
    path: ['registry', 'add'],
    args: ['<name>', '<source>'],
    summary: 'add a third-party template registry (git URL, path or github:owner/repo), remembered in your config',
    options: {
      offline: { type: 'boolean', description: 'check it from the cache only' },
    },
    load: () => import('./commands/registry-add.js'),
  },
  {
    path: ['registry', 'list'],
    args: [],
    summary: 'list the added template registries',
    options: {
      json: { type: 'boolean', description: 'print JSON' },
    },
    load: () => import('./commands/registry-list.js'),
  },
  {
    path: ['registry', 'remove'],
    args: ['<name>'],
    summary: 'forget an added template registry',
    options: {},
    load: () => import('./commands/registry-remove.js'),
  },
];

export function commandName(spec: CommandSpec): string {
  return spec.path.join(' ');
}
