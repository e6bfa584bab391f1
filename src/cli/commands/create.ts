/** `create-golem-app [dir]`: flags → CreateOptions, asking only for what is missing (and only on a TTY). */
import { resolve } from 'node:path';
import { UsageError, UserError } from '../../errors.js';
import { createApp, witIdentifierFromFolder, type ComponentRequest, type CreateOptions, type DependencyRequest } from '../../commands/create.js';
import { createReporter, isInteractiveTerminal } from '../output.js';
import type { ParsedCommand } from '../table.js';
import type { Reporter } from '../../report.js';

export const DEFAULT_DIR = 'golem-app';
export const DEFAULT_TEMPLATE = 'ts';

/** `--template` given once applies to every component; given as often as `--component`, they pair in order. */
export function pairTemplates(names: string[], templates: string[]): ComponentRequest[] {
  if (templates.length > 1 && templates.length !== names.length) {
    throw new UsageError(`${templates.length} --template values for ${names.length} --component values`, {
      hint: 'Give --template once (for all components) or once per --component.',
    });
  }
  return names.map((name, i) => ({ name, template: templates[templates.length > 1 ? i : 0] ?? DEFAULT_TEMPLATE }));
}

/** `--dependency caller=target[=static-wasm-rpc]`. */
export function parseDependency(text: string): DependencyRequest {
  const [caller, target, type = 'wasm-rpc', ...rest] = text.split('=');
  if (!caller || !target || rest.length > 0 || (type !== 'wasm-rpc' && type !== 'static-wasm-rpc')) {
    throw new UsageError(`bad --dependency '${text}'`, { hint: 'Write it as <caller>=<target>, e.g. example:caller=example:provider (add =static-wasm-rpc for that type).' });
  }
  return { caller, target, type };
}

/** The default component: a TypeScript counter provider named `<app>:provider`. */
export function defaultComponent(dir: string, template = DEFAULT_TEMPLATE): ComponentRequest {
  const ns = witIdentifierFromFolder(dir);
  if (!ns) {
    throw new UserError(`cannot turn the folder name of ${dir} into a WIT namespace`, {
      hint: 'Name the component yourself, e.g. --component my-app:provider.',
    });
  }
  return { name: `${ns}:provider`, template };
}

export async function run(parsed: ParsedCommand): Promise<number> {
  const v = parsed.values;
  const strings = (key: string) => ((v[key] as string[] | undefined) ?? []).map(String);
  const interactive = isInteractiveTerminal() && v.yes !== true;
  const given = {
    dir: parsed.positionals[0],
    components: strings('component'),
    templates: strings('template'),
  };

  let options: CreateOptions;
  // After prompts, output continues clack's guide; otherwise plain lines.
  let reporter: Reporter & { close?(): void } = createReporter();
  if (interactive && (given.dir === undefined || given.components.length === 0)) {
    const [{ promptCreate }, { createPromptReporter }] = await Promise.all([import('../prompts/create.js'), import('../prompts/reporter.js')]);
    options = await promptCreate(parsed, given);
    reporter = createPromptReporter();
  } else {
    const dir = resolve(parsed.cwd, given.dir ?? DEFAULT_DIR);
    const components = given.components.length > 0 ? pairTemplates(given.components, given.templates) : [defaultComponent(dir, given.templates[0])];
    options = {
      dir,
      cwd: parsed.cwd,
      components,
      callerTargets: strings('target'),
      dependencies: strings('dependency').map(parseDependency),
      git: v['no-git'] !== true,
      install: v.install === true,
      overwrite: v.overwrite === true,
      dryRun: v['dry-run'] === true,
      offline: v.offline === true,
      ...(typeof v.registry === 'string' ? { registry: v.registry } : {}),
    };
  }
  await createApp(options, reporter);
  reporter.close?.();
  return 0;
}
