/**
 * The program: pick the command from the table, print help from its spec or run it (its flags
 * parsed by the same spec), and turn every UserError into one line on stderr with its exit code
 * (1 fixable, 2 usage, 130 cancelled).
 */
import { EXIT, UsageError, UserError } from '../errors.js';
import { installSignalHandlers } from '../fs/interrupt.js';
import { osError } from '../fs/os-errors.js';
import { type Command, COMMANDS, commandName } from './commands.js';
import { color, printError } from './output.js';
import { type FlagSpec, usageLine as specUsageLine } from './spec.js';

const PROGRAM = 'create-golem-app';

/** Inlined from package.json by the build (scripts/build.mjs). */
declare const CGA_VERSION: string;

/** The longest command path that prefixes argv; the default command otherwise. */
function findCommand(argv: string[]): { command: Command; rest: string[] } {
  let best: Command | undefined;
  for (const command of COMMANDS) {
    const { path } = command.spec;
    if (path.length === 0 || path.some((word, i) => argv[i] !== word)) continue;
    if (!best || path.length > best.spec.path.length) best = command;
  }
  if (best) return { command: best, rest: argv.slice(best.spec.path.length) };
  const group = COMMANDS.map((c) => c.spec).filter((c) => c.path.length > 1 && c.path[0] === argv[0]);
  if (group.length > 0) {
    const sub = argv[1];
    if (sub === undefined || sub === '--help' || sub === '-h') throw new GroupHelp(argv[0]!, group, sub !== undefined);
    throw new UsageError(sub && !sub.startsWith('-') ? `unknown command '${argv[0]} ${sub}'` : `'${argv[0]}' needs a subcommand`, {
      hint: `Try one of: ${group.map(commandName).join(', ')}.`,
    });
  }
  return { command: defaultCommand(), rest: argv };
}

const defaultCommand = (): Command => COMMANDS.find((c) => c.spec.path.length === 0)!;

/** `add --help` (or a bare `add`): the subcommands of a group. */
class GroupHelp {
  constructor(
    readonly group: string,
    readonly commands: Command['spec'][],
    readonly asked: boolean,
  ) {}

  text(): string {
    const rows = this.commands.map((c) => [[...c.path, ...Object.values(c.args)].join(' '), c.summary] as const);
    const width = Math.max(...rows.map(([l]) => l.length));
    return [
      `${color.bold('Usage:')} ${PROGRAM} ${this.group} <command> [options]`,
      '',
      ...rows.map(([l, d]) => `  ${l.padEnd(width)}  ${d}`),
      '',
      `Run '${PROGRAM} ${this.group} <command> --help' for a command's options.`,
      '',
    ].join('\n');
  }
}

const usageLine = (spec: Command['spec']): string => specUsageLine(PROGRAM, spec);

function optionLabel(name: string, opt: FlagSpec): string {
  return `${opt.short ? `-${opt.short}, ` : '    '}--${name}${opt.value ? ` ${opt.value}` : ''}`;
}

function helpText(spec: Command['spec']): string {
  const options: [string, string][] = [
    ...Object.entries(spec.flags).map(([name, opt]): [string, string] => [optionLabel(name, opt), opt.description]),
    ['-h, --help', 'show this help'],
  ];
  if (spec.path.length === 0) options.push(['-v, --version', 'print the version']);
  const width = Math.max(...options.map(([l]) => l.length));
  const lines = [`${color.bold('Usage:')} ${usageLine(spec)}`, '', spec.summary, '', color.bold('Options:')];
  for (const [label, text] of options) lines.push(`  ${label.padEnd(width)}  ${text}`);
  if (spec.path.length === 0) {
    lines.push('', color.bold('Commands:'));
    const others = COMMANDS.map((c) => c.spec).filter((c) => c.path.length > 0);
    const shown = (c: Command['spec']) => [...c.path, ...Object.values(c.args)].join(' ');
    const w = Math.max(0, ...others.map((c) => shown(c).length));
    for (const c of others) lines.push(`  ${shown(c).padEnd(w)}  ${c.summary}`);
    lines.push('', `Run '${PROGRAM} <command> --help' for a command's options.`);
  }
  return `${lines.join('\n')}\n`;
}

async function main(argv: string[]): Promise<number> {
  let found: ReturnType<typeof findCommand>;
  try {
    found = findCommand(argv);
  } catch (err) {
    if (!(err instanceof GroupHelp)) throw err;
    (err.asked ? process.stdout : process.stderr).write(err.text());
    return err.asked ? 0 : EXIT.usage;
  }
  const { command, rest } = found;
  const { spec } = command;
  if (rest.includes('--help') || rest.includes('-h')) {
    process.stdout.write(helpText(spec));
    return 0;
  }
  if (spec.path.length === 0 && (rest.includes('--version') || rest.includes('-v'))) {
    process.stdout.write(`${CGA_VERSION}\n`);
    return 0;
  }
  return command.run(rest, process.cwd());
}

// SIGINT, SIGTERM, SIGHUP: an open transaction is undone, the exit code is 128 + the signal (src/fs/interrupt.ts).
installSignalHandlers();

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (thrown: unknown) => {
    const err = osError(thrown) ?? thrown; // ENOSPC, EACCES, … as one line with a hint
    if (UserError.is(err) && err.exitCode === EXIT.cancelled) {
      process.stderr.write('cancelled\n');
    } else if (UserError.is(err)) {
      printError(err.format());
      if (err.exitCode === EXIT.usage) {
        const { spec } = findCommandSafe(process.argv.slice(2));
        process.stderr.write(`${color.bold('Usage:')} ${usageLine(spec)}\nRun '${PROGRAM} --help' for more.\n`);
      }
    } else {
      printError(`unexpected failure: ${(err as Error)?.message ?? String(err)}`);
      if (process.env.DEBUG) console.error(err);
    }
    process.exitCode = UserError.is(err) ? err.exitCode : EXIT.failure;
  },
);

function findCommandSafe(argv: string[]): Command {
  try {
    return findCommand(argv).command;
  } catch {
    return defaultCommand();
  }
}
