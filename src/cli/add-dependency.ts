/**
 * `create-golem-app add dependency <component> [<target>] [--type …] [--path <file.wasm> | --url <url>]
 * [--manifest root] [--app <dir>]`. On a terminal, what is missing is asked in Golem's order
 * (golem-cli/src/command_handler/interactive.rs `create_component_dependency`): the component,
 * the type among those Golem offers for its component type, then the targets that type fits (several
 * may be picked at once) — or, for `wasm`, a library component, a file or a URL. Without a
 * terminal, a missing name is a usage error.
 */
import type { AppDependency, ComponentType, DependencyType } from '../app/index.js';
import { targetTypeFits, validDependencyTypes } from '../app/dependency-rules.js';
import { AppSession } from '../app/session.js';
import { parseDependencyType, runAddDependency } from '../commands/add-dependency.js';
import { UsageError, UserError } from '../errors.js';
import { createReporter, isInteractiveTerminal, printJson } from './output.js';
import { componentChoices, dependencyTypeChoices, offeredDependencyTypes } from './prompts/choices.js';
import { APP_FLAG, defineCommand, flag, type Invocation, WASM_DOWNLOAD_FLAGS, wasmDownloadOptions } from './spec.js';

export const spec = defineCommand({
  path: ['add', 'dependency'],
  args: { component: '[component]', target: '[target]' },
  summary: "write a dependency into golem.yaml (a worker to call, a library to link), then generate the component's WIT",
  flags: {
    type: flag.string('<wasm-rpc|static-wasm-rpc|wasm>', 'dependency type (default: wasm for a library, a --path or a --url, else wasm-rpc)'),
    path: flag.string('<file.wasm>', "a 'wasm' dependency on a component binary (written relative to the app root)"),
    url: flag.string('<url>', "a 'wasm' dependency on a component binary to download (cached once)"),
    manifest: flag.string('<root>', "write into the root golem.yaml instead of the component's own"),
    ...WASM_DOWNLOAD_FLAGS,
    'dry-run': flag.boolean('show the golem.yaml edit and the files that would be written, write nothing'),
    json: flag.boolean('print a JSON summary (schemas/add-dependency.schema.json)'),
    ...APP_FLAG,
  },
});

export async function run({ args, flags, cwd }: Invocation<typeof spec>): Promise<number> {
  const network = wasmDownloadOptions(flags);
  const base = { cwd, app: flags.app, type: flags.type, manifest: flags.manifest, dryRun: flags['dry-run'], network };
  const binary = { ...(flags.path === undefined ? {} : { path: flags.path }), ...(flags.url === undefined ? {} : { url: flags.url }) };
  const named = args.target !== undefined || flags.path !== undefined || flags.url !== undefined;
  if (args.component !== undefined && named) {
    const targets = args.target === undefined ? [] : [args.target];
    const result = await runAddDependency({ ...base, ...binary, component: args.component, targets }, createReporter({ machineOutput: flags.json }));
    if (flags.json) printJson(result.summary);
    return 0;
  }
  if (!isInteractiveTerminal() || flags.json) throw new UsageError(`missing argument ${args.component === undefined ? '<component>' : '<target> (or --path / --url)'}`);
  // Flags are checked before any question is asked.
  const type = parseDependencyType(flags.type);
  const session = AppSession.open(cwd, flags.app);
  const answers = await ask(session.app, { component: args.component, type });
  await runAddDependency({ ...base, ...answers.binary, session, component: answers.component, targets: answers.targets, type: answers.type }, createReporter());
  return 0;
}

interface Answers {
  component: string;
  type: DependencyType;
  targets: string[];
  binary: { path?: string; url?: string };
}

type AppView = { components: ReadonlyMap<string, { componentType: ComponentType }>; dependencies: readonly AppDependency[] };

/** The component, the type, then what it depends on. Cancel writes nothing. */
async function ask(app: AppView, given: { component?: string; type?: DependencyType }): Promise<Answers> {
  const names = [...app.components.keys()];
  if (names.length === 0) {
    throw new UserError('the app has no components yet', { code: 'E_APP', hint: "Add one first with 'create-golem-app add component'." });
  }
  if (given.component !== undefined && !app.components.has(given.component)) {
    throw new UserError(`unknown component ${given.component}`, { code: 'E_APP', hint: `Components of this app: ${names.join(', ')}.` });
  }
  const { askMultiselect, askSelect, askText, intro } = await import('./prompts/ask.js');
  intro('add dependency');
  const dependenciesOf = (caller: string) => app.dependencies.filter((d) => d.source === caller);
  const typeOf = (name: string) => app.components.get(name)!.componentType;

  const component =
    given.component ??
    (await askSelect({
      message: 'Which component gets a new dependency?',
      options: componentChoices(names, { notes: new Map(names.map((n) => [n, `${typeOf(n)}, ${describeDependencies(dependenciesOf(n))}`])) }),
    }));

  const valid = validDependencyTypes(typeOf(component));
  if (given.type !== undefined && !valid.includes(given.type)) {
    throw new UserError(`the requested ${given.type} dependency type is not valid for ${component} component, valid dependency types: ${valid.join(', ')}`, {
      code: 'E_INPUT',
      hint: `${component} is a library component: it is composed into others and cannot call workers. Use type 'wasm'.`,
    });
  }
  const type = given.type ?? (await askSelect({ message: 'Dependency type:', options: dependencyTypeChoices(offeredDependencyTypes(typeOf(component))) }));

  const existing = new Map(dependenciesOf(component).flatMap((d) => (d.target ? [[d.target, d.type] as const] : [])));
  const fitting = names.filter((n) => targetTypeFits(type, typeOf(n)) && !(type === 'wasm' && n === component));
  const pickTargets = (message: string) =>
    askMultiselect({
      message,
      options: componentChoices(fitting, {
        ...(fitting.includes(component) ? { self: component } : {}),
        notes: new Map([...existing].map(([t, ty]) => [t, `already a dependency, ${ty}`])),
      }),
      required: true,
    });

  if (type !== 'wasm') {
    if (fitting.length === 0)
      throw new UserError('no target components are available for the selected dependency type', { code: 'E_APP', hint: 'Add a durable or ephemeral component first.' });
    return { component, type, targets: await pickTargets(`Which components should ${component} call?`), binary: {} };
  }
  const source = await askSelect<'component' | 'path' | 'url'>({
    message: `What should ${component} link?`,
    options: [
      ...(fitting.length > 0 ? [{ value: 'component' as const, label: 'a library component of this app', hint: fitting.join(', ') }] : []),
      { value: 'path' as const, label: 'a WASM component file', hint: 'by path' },
      { value: 'url' as const, label: 'a WASM component to download', hint: 'by URL, cached once' },
    ],
  });
  if (source === 'component') return { component, type, targets: await pickTargets(`Which library components should ${component} link?`), binary: {} };
  if (source === 'path') {
    const path = await askText({ message: 'Path of the WASM component file:', placeholder: 'relative to this folder', validate: (v) => (v?.trim() ? undefined : 'Enter a path.') });
    return { component, type, targets: [], binary: { path: path.trim() } };
  }
  const url = await askText({
    message: 'URL of the WASM component:',
    placeholder: 'https://…',
    validate: (v) => (v && URL.canParse(v.trim()) ? undefined : 'Enter an absolute URL, e.g. https://example.com/lib.wasm.'),
  });
  return { component, type, targets: [], binary: { url: url.trim() } };
}

function describeDependencies(deps: AppDependency[]): string {
  return deps.length === 0 ? 'no dependencies yet' : `depends on ${deps.map((d) => d.target ?? d.path ?? d.url).join(', ')}`;
}
