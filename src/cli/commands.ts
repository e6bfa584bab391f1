/**
 * The command table: each command's spec, imported from its file (only the spec: the build
 * keeps the dispatcher free of command code), and its module, imported when it runs (with the
 * other commands of its group). `--help` is printed from the specs alone, so start-up stays small.
 */
import { spec as addComponent } from './add-component.js';
import { spec as addDependency } from './add-dependency.js';
import { spec as create } from './create.js';
import { spec as doctor } from './doctor.js';
import { spec as generate } from './generate.js';
import { spec as graph } from './graph.js';
import { spec as list } from './list.js';
import { spec as registryAdd } from './registry-add.js';
import { spec as registryList } from './registry-list.js';
import { spec as registryRemove } from './registry-remove.js';
import { spec as removeComponent } from './remove-component.js';
import { spec as removeDependency } from './remove-dependency.js';
import { type CommandModule, type CommandSpec, parseInvocation } from './spec.js';
import { spec as templatesInit } from './templates-init.js';
import { spec as templatesList } from './templates-list.js';
import { spec as templatesPublish } from './templates-publish.js';
import { spec as templatesValidate } from './templates-validate.js';

export interface Command {
  spec: CommandSpec;
  /** Parses `argv` by the spec, loads the command and runs it; resolves to the exit code. */
  run(argv: string[], cwd: string): Promise<number>;
}

/** Binds a spec to its lazily loaded module: the module's `run` gets values typed by that same spec. */
function command<S extends CommandSpec>(spec: S, load: () => Promise<CommandModule<S>>): Command {
  return {
    spec,
    async run(argv, cwd) {
      const input = parseInvocation(spec, argv, cwd);
      return (await load()).run(input);
    },
  };
}

// Modules loaded when a command runs: create alone (the command run most: it loads only its own
// code), the other app commands together, the template commands together.
const app = () => import('./app-commands.js');
const templates = () => import('./template-commands.js');

export const COMMANDS: Command[] = [
  command(create, () => import('./create.js')),
  command(addComponent, async () => (await app()).addComponent),
  command(addDependency, async () => (await app()).addDependency),
  command(removeComponent, async () => (await app()).removeComponent),
  command(removeDependency, async () => (await app()).removeDependency),
  command(generate, async () => (await app()).generate),
  command(list, async () => (await app()).list),
  command(graph, async () => (await app()).graph),
  command(doctor, async () => (await app()).doctor),
  command(templatesList, async () => (await templates()).templatesList),
  command(templatesInit, async () => (await templates()).templatesInit),
  command(templatesValidate, async () => (await templates()).templatesValidate),
  command(templatesPublish, async () => (await templates()).templatesPublish),
  command(registryAdd, async () => (await templates()).registryAdd),
  command(registryList, async () => (await templates()).registryList),
  command(registryRemove, async () => (await templates()).registryRemove),
];

export const commandName = (spec: CommandSpec): string => spec.path.join(' ');
