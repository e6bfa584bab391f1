/**
 * The program: pick the command from the table, print help from its spec or run it (its flags
 * parsed by the same spec), and turn every UserError into its sentence on stderr — one error
 * line, at most one hint line — with its exit code (1 fixable, 2 usage, 130 cancelled).
 */
import { dirname } from 'node:path';
import { EXIT, UsageError, UserError } from '../errors.js';
import { editDistance } from '../text/distance.js';
import { installSignalHandlers } from '../fs/interrupt.js';
import { osError } from '../fs/os-errors.js';
import { type Command, COMMANDS, commandName } from './commands.js';
import { color, jsonError, printError, printJson, quietBrokenPipes, wantsJson } from './output.js';
import { type FlagSpec, positionalWords, usageLine as specUsageLine } from './spec.js';

const PROGRAM = 'create-golem-app';

/** Inlined from package.json by the build (scripts/build.mjs). */
declare const CGA_VERSION: string;

type Spec = Command['spec'];

/** What argv asks for: a command to run, or a help text to print. */
type Route = { kind: 'run'; command: Command; rest: string[] } | { kind: 'help'; text: string };

const defaultCommand = (): Command => COMMANDS.find((c) => c.spec.path.length === 0)!;

/** The commands of a group (`add` → add component, add dependency). */
const groupOf = (word: string | undefined): Spec[] => COMMANDS.map((c) => c.spec).filter((c) => c.path.length > 1 && c.path[0] === word);

/** The longest command path that prefixes argv; a group without a known subcommand is a usage error; the default command otherwise. */
function findCommand(argv: string[]): { command: Command; rest: string[] } {
  let best: Command | undefined;
  for (const command of COMMANDS) {
    const { path } = command.spec;
    if (path.length === 0 || path.some((word, i) => argv[i] !== word)) continue;
    if (!best || path.length > best.spec.path.length) best = command;
  }
  if (best) return { command: best, rest: argv.slice(best.spec.path.length) };
  const group = groupOf(argv[0]);
  if (group.length > 0) {
    const sub = argv[1];
    const names = group.map((c) => c.path[1]!);
    const guess = sub === undefined ? undefined : nearest(sub, names);
    throw new UsageError(sub && !sub.startsWith('-') ? `unknown command '${argv[0]} ${sub}'` : `'${argv[0]}' needs a subcommand`, {
      hint: guess ? `Did you mean '${argv[0]} ${guess}'?` : `Use one of: ${group.map(commandName).join(', ')}.`,
    });
  }
  return { command: defaultCommand(), rest: argv };
}

function route(argv: string[]): Route {
  // `help [command]`, as git and cargo have it.
  if (argv[0] === 'help') return { kind: 'help', text: helpFor(argv.slice(1)) };
  const wantsHelp = (words: string[]) => words.includes('--help') || words.includes('-h');
  const group = groupOf(argv[0]);
  if (group.length > 0 && (argv[1] === '--help' || argv[1] === '-h')) return { kind: 'help', text: groupHelp(argv[0]!, group) };
  const { command, rest } = findCommand(argv);
  if (wantsHelp(rest)) return { kind: 'help', text: helpText(command.spec) };
  if (command.spec.path.length === 0) refuseNearMiss(rest);
  return { kind: 'run', command, rest };
}

function helpFor(words: string[]): string {
  if (words.length === 0) return helpText(defaultCommand().spec);
  const group = groupOf(words[0]);
  if (group.length > 0 && words.length === 1) return groupHelp(words[0]!, group);
  const found = COMMANDS.find((c) => c.spec.path.length > 0 && c.spec.path.join(' ') === words.join(' '));
  if (found) return helpText(found.spec);
  const guess = nearest(words.join(' '), COMMANDS.map((c) => commandName(c.spec)).filter(Boolean));
  throw new UsageError(`no command '${words.join(' ')}'`, { hint: guess ? `Did you mean '${PROGRAM} help ${guess}'?` : `Run '${PROGRAM} --help' for the commands.` });
}

/** The first words of the commands: what a mistyped word is compared with. */
const commandWords = (): string[] => [...new Set(COMMANDS.flatMap((c) => c.spec.path.slice(0, 1)))];

/** The candidate nearest to `word` within Damerau-Levenshtein distance `within`. */
function nearest(word: string, candidates: readonly string[], within = 2): string | undefined {
  let best: { candidate: string; d: number } | undefined;
  for (const candidate of candidates) {
    const d = editDistance(word, candidate);
    if (d <= within && (!best || d < best.d)) best = { candidate, d };
  }
  return best?.candidate;
}

/**
 * `create-golem-app generat` is a typo of `generate`, not a request for an app folder named so:
 * a folder word (4 characters or more) within distance 1 of a command is refused, 2 for words of
 * 7 characters or more (so `test` or `inst` stay folder names beside `list`). Written as a path
 * (`./generat`, `generat/`) or after `--`, a word is always the folder.
 */
function refuseNearMiss(argv: string[]): void {
  const first = positionalWords(defaultCommand().spec, argv)[0];
  if (!first || first.escaped || first.value.length < 4 || /[/\\]/.test(first.value)) return;
  const guess = nearest(first.value, commandWords(), first.value.length >= 7 ? 2 : 1);
  if (guess === undefined) return;
  const folder = `To create a folder named ${first.value}, write ./${first.value}`;
  if (guess === first.value) throw new UsageError(`'${guess}' is a command: write it first (${PROGRAM} ${guess} …)`, { hint: `${folder}.` });
  throw new UsageError(`unknown command '${first.value}' — did you mean '${guess}'?`, { hint: `${folder}.` });
}

/** `add --help`: the subcommands of a group. */
function groupHelp(group: string, commands: Spec[]): string {
  const rows = commands.map((c) => [[...c.path, ...Object.values(c.args)].join(' '), c.summary] as const);
  const width = Math.max(...rows.map(([l]) => l.length));
  return [
    `${color.bold('Usage:')} ${PROGRAM} ${group} <command> [options]`,
    '',
    ...rows.map(([l, d]) => `  ${l.padEnd(width)}  ${d}`),
    '',
    `Run '${PROGRAM} ${group} <command> --help' for a command's options.`,
    '',
  ].join('\n');
}

const usageLine = (spec: Spec): string => specUsageLine(PROGRAM, spec);

function optionLabel(name: string, opt: FlagSpec): string {
  return `${opt.short ? `-${opt.short}, ` : '    '}--${name}${opt.value ? ` ${opt.value}` : ''}`;
}

function helpText(spec: Spec): string {
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
    const shown = (c: Spec) => [...c.path, ...Object.values(c.args)].join(' ');
    const w = Math.max(0, ...others.map((c) => shown(c).length));
    for (const c of others) lines.push(`  ${shown(c).padEnd(w)}  ${c.summary}`);
    lines.push('', `Run '${PROGRAM} <command> --help' for a command's options.`);
  }
  return `${lines.join('\n')}\n`;
}

async function main(argv: string[]): Promise<number> {
  const found = route(argv);
  if (found.kind === 'help') {
    process.stdout.write(found.text);
    return 0;
  }
  const { command, rest } = found;
  if (command.spec.path.length === 0 && (rest.includes('--version') || rest.includes('-v'))) {
    process.stdout.write(`${CGA_VERSION}\n`);
    return 0;
  }
  // Bundled (dist/cli.cjs), the command's modules are compiled with V8's code cache and optimised only
  // where hot (engine.ts); from source there is nothing to cache. Imported here, not at start-up:
  // `--help` needs none of it (nor node:crypto).
  if (typeof __filename === 'string') (await import('./engine.js')).prepareEngine(dirname(__filename));
  return command.run(rest, process.cwd());
}

/**
 * The one error line and at most one hint line; a usage error without a hint of its own gets the
 * command's usage. With `--json`, the same error as `{"error": {…}}` on stdout instead.
 */
function report(err: unknown): number {
  const argv = process.argv.slice(2);
  let error: UserError;
  if (UserError.is(err) && err.exitCode === EXIT.usage && !err.hint) {
    const spec = specOf(argv);
    error = new UsageError(err.message, { hint: `Usage: ${usageLine(spec)}. For more, try '${[PROGRAM, ...spec.path].join(' ')} --help'.` });
  } else if (UserError.is(err)) {
    error = err;
  } else {
    error = new UserError(`unexpected failure: ${(err as Error)?.message ?? String(err)}`, {
      code: 'E_INTERNAL',
      hint: 'This is a bug in create-golem-app; run again with DEBUG=1 to see where it happened.',
    });
    if (process.env.DEBUG) console.error(err);
  }
  if (wantsJson(argv)) printJson(jsonError(error));
  else if (error.exitCode === EXIT.cancelled) process.stderr.write('cancelled\n');
  else printError(error.format());
  return UserError.is(err) ? err.exitCode : EXIT.failure;
}

/** The spec of the command argv names, for its usage line (the default command when none fits). */
function specOf(argv: string[]): Spec {
  try {
    return findCommand(argv).command.spec;
  } catch {
    return defaultCommand().spec;
  }
}

quietBrokenPipes();
// SIGINT, SIGTERM, SIGHUP: an open transaction is undone, the exit code is 128 + the signal (src/fs/interrupt.ts).
installSignalHandlers();
main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (thrown: unknown) => {
    process.exitCode = report(osError(thrown) ?? thrown); // ENOSPC, EACCES, … as one line with a hint, in text and JSON alike
  },
);
