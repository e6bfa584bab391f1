/**
 * The next steps after a command that adds components (create, add component): how to get
 * there, the install a Node package needs, build, deploy, and a call of the example through
 * `golem worker invoke` (golem-cli 1.2.5, command.rs `WorkerSubcommand::Invoke`: worker name
 * `<component>/<worker>`, `-` for an ephemeral one, then the function as golem spells it); then
 * the Golem CLI version the app is for and what each language's build needs.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { AppComponent } from '../../app/index.js';
import { UserError } from '../../errors.js';
import type { Reporter } from '../../report.js';
import type { ExportedFunction, Generation } from '../../rpc/index.js';
import { buildToolsLine, GOLEM_CLI_VERSION, languageName } from '../../templates/index.js';
import type { FileView } from '../../fs/files.js';

export interface NextSteps {
  /** The app folder as reached from the current folder (`.` or undefined when already there). */
  cd?: string;
  /** The install command, when the app is a Node package that nothing installed yet. */
  install?: string;
  /** Lines to run after the install and before the build (indented as they are shown). */
  afterInstall?: readonly string[];
  /** Languages whose build needs are named. */
  languages: readonly string[];
  /** `golem worker invoke …` of an example function, when one fits. */
  invoke?: string;
}

/** Whether the app at `root` (as `files` shows it after the run) is a Node package with nothing installed. */
export function needsInstall(files: FileView, root: string, installed: boolean): boolean {
  return !installed && files.isFile(join(root, 'package.json')) && !existsSync(join(root, 'node_modules'));
}

/**
 * The example call: a caller's `run-example` first, else the first function of these components
 * that takes no arguments (its arguments would have to be written in WAVE).
 */
export function exampleInvocation(generation: Generation, components: readonly AppComponent[]): string | undefined {
  const candidates = components.flatMap((component) => functionsOf(generation, component).map((fn) => ({ component, fn })));
  const pick = candidates.find((c) => c.fn.function === 'run-example' && c.fn.params === 0) ?? candidates.find((c) => c.fn.params === 0);
  return pick && invokeCommand(pick.component, pick.fn);
}

/** A component whose WIT client generation cannot read has no example to show (the command itself went through). */
function functionsOf(generation: Generation, component: AppComponent): ExportedFunction[] {
  try {
    return generation.exportedFunctions(component);
  } catch (err) {
    if (UserError.is(err)) return [];
    throw err;
  }
}

function invokeCommand(component: AppComponent, fn: ExportedFunction): string {
  const worker = component.componentType === 'ephemeral' ? '-' : 'worker-1';
  return `golem worker invoke ${component.name}/${worker} '${fn.name}'`;
}

export function reportNextSteps(report: Reporter, steps: NextSteps): void {
  report.info('\nNext steps:');
  if (steps.cd && steps.cd !== '.') report.info(`  cd ${/\s/.test(steps.cd) ? JSON.stringify(steps.cd) : steps.cd}`);
  if (steps.install) report.info(`  ${steps.install}`);
  for (const line of steps.afterInstall ?? []) report.info(line);
  report.info('  golem app build');
  report.info('  golem app deploy');
  if (steps.invoke) report.info(`  ${steps.invoke}`);
  report.info('');
  report.info(`Needs Golem CLI ${GOLEM_CLI_VERSION} (golem) and a running Golem (locally: golem server run).`);
  for (const language of steps.languages) {
    const tools = buildToolsLine(language, languageName(language));
    if (tools) report.info(tools);
  }
}
