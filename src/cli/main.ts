/**
 * The program: pick the command from the table, parse its flags, run it, and turn every
 * UserError into one line on stderr with its exit code (1 fixable, 2 usage, 130 cancelled).
 */
import { parseArgs } from 'node:util';
import { EXIT, UsageError, UserError } from '../errors.js';
import { COMMANDS, commandName, type CommandSpec, type OptionSpec } from './table.js';
import { color, printError } from './output.js';

const PROGRAM = 'create-golem-app';

/** Inlined from package.json by the build (scripts/build.mjs). */
declare const CGA_VERSION: string;

/** The longest command path that prefixes argv; the default command otherwise. */
function findCommand(argv: string[]): { spec: CommandSpec; rest: string[] } {
  let best: CommandSpec | undefined;
  for (const spec of COMMANDS) {
    if (spec.path.length === 0 || spec.path.some((word, i) => argv[i] !== word)) continue;
    if (!best || spec.path.length > best.path.length) best = spec;
  }
  if (best) return { spec: best, rest: argv.slice(best.path.length) };
  const group = COMMANDS.filter((c) => c.path.length > 1 && c.path[0] === argv[0]);
  if (group.length > 0) {
    const sub = argv[1];
    if (sub === undefined || sub === '--help' || sub === '-h') throw new GroupHelp(argv[0]!, group, sub !== undefined);
    throw new UsageError(sub && !sub.startsWith('-') ? `unknown command '${argv[0]} ${sub}'` : `'${argv[0]}' needs a subcommand`, {
      hint: `Try one of: ${group.map(commandName).join(', ')}.`,
    });
  }
  return { spec: COMMANDS.find((c) => c.path.length === 0)!, rest: argv };
}

/** `add --help` (or a bare `add`): the subcommands of a group. */
class GroupHelp {
  constructor(
    readonly group: string,
    readonly commands: CommandSpec[],
    readonly asked: boolean,
  ) {}

  text(): string {
    const rows = this.commands.map((c) => [[...c.path, ...c.args].join(' '), c.summary] as const);
    const width = Math.max(...rows.map(([l]) => l.length));
    return [`${color.bold('Usage:')} ${PROGRAM} ${this.group} <command> [options]`, '', ...rows.map(([l, d]) => `  ${l.padEnd(width)}  ${d}`), '', `Run '${PROGRAM} ${this.group} <command> --help' for a command's options.`, ''].join('\n');
  }
}

export function usageLine(spec: CommandSpec): string {
  return [PROGRAM, ...spec.path, ...spec.args, Object.keys(spec.options).length ? '[options]' : ''].filter(Boolean).join(' ');
}

function optionLabel(name: string, opt: OptionSpec): string {
  return `${opt.short ? `-${opt.short}, ` : '    '}--${name}${opt.value ? ` ${opt.value}` : ''}`;
}

function helpText(spec: CommandSpec): string {
  const options: [string, string][] = [
    ...Object.entries(spec.options).map(([name, opt]): [string, string] => [optionLabel(name, opt), opt.description]),
    ['-h, --help', 'show this help'],
  ];
  if (spec.path.length === 0) options.push(['-v, --version', 'print the version']);
  const width = Math.max(...options.map(([l]) => l.length));
  const lines = [`${color.bold('Usage:')} ${usageLine(spec)}`, '', spec.summary, '', color.bold('Options:')];
  for (const [label, text] of options) lines.push(`  ${label.padEnd(width)}  ${text}`);
  if (spec.path.length === 0) {
    lines.push('', color.bold('Commands:'));
    const others = COMMANDS.filter((c) => c.path.length > 0);
    const w = Math.max(0, ...others.map((c) => [...c.path, ...c.args].join(' ').length));
    for (const c of others) lines.push(`  ${[...c.path, ...c.args].join(' ').padEnd(w)}  ${c.summary}`);
    lines.push('', `Run '${PROGRAM} <command> --help' for a command's options.`);
  }
  return lines.join('\n') + '\n';
}

async function main(argv: string[]): Promise<number> {
  let found;
  try {
    found = findCommand(argv);
  } catch (err) {
    if (!(err instanceof GroupHelp)) throw err;
    (err.asked ? process.stdout : process.stderr).write(err.text());
    return err.asked ? 0 : EXIT.usage;
  }
  const { spec, rest } = found;
  if (rest.includes('--help') || rest.includes('-h')) {
    process.stdout.write(helpText(spec));
    return 0;
  }
  if (spec.path.length === 0 && (rest.includes('--version') || rest.includes('-v'))) {
    process.stdout.write(`${CGA_VERSION}\n`);
    return 0;
  }
  let parsed;
  try {
    parsed = parseArgs({ args: rest, options: spec.options, allowPositionals: true, strict: true });
  } catch (err) {
    throw new UsageError(String((err as Error).message).replace(/\. To specify a positional.*$/s, '.'));
  }
  const maxPositionals = spec.args.length;
  if (parsed.positionals.length > maxPositionals) {
    const extra = parsed.positionals[maxPositionals]!;
    throw new UsageError(spec.path.length === 0 && maxPositionals <= 1 && parsed.positionals.length > 0 ? `unknown command '${parsed.positionals[0]}'` : `unexpected argument '${extra}'`);
  }
  const required = spec.args.filter((a) => a.startsWith('<')).length;
  if (parsed.positionals.length < required) {
    throw new UsageError(`missing argument ${spec.args[parsed.positionals.length]}`);
  }
  const mod = await spec.load();
  return (await mod.run({ positionals: parsed.positionals, values: parsed.values, cwd: process.cwd() })) ?? 0;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    if (UserError.is(err) && err.exitCode === EXIT.cancelled) {
      process.stderr.write('cancelled\n');
    } else if (UserError.is(err)) {
      printError(err.format());
      if (err.exitCode === EXIT.usage) {
        const spec = findCommandSafe(process.argv.slice(2));
        process.stderr.write(`${color.bold('Usage:')} ${usageLine(spec)}\nRun '${PROGRAM} --help' for more.\n`);
      }
    } else {
      printError(`unexpected failure: ${(err as Error)?.message ?? String(err)}`);
      if (process.env.DEBUG) console.error(err);
    }
    process.exitCode = UserError.is(err) ? err.exitCode : EXIT.failure;
  },
);

function findCommandSafe(argv: string[]): CommandSpec {
  try {
    return findCommand(argv).spec;
  } catch {
    return COMMANDS.find((c) => c.path.length === 0)!;
  }
}
