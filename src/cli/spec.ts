/**
 * The typed command spec. A command declares its positional arguments and flags once, as data;
 * the dispatcher prints help from it without loading the command's code, and parses argv into
 * values whose types follow from the declaration (a `list` flag is `string[]`, an optional
 * `[dir]` argument `string | undefined`), so no command casts what it was given.
 */
import { parseArgs } from 'node:util';
import { UsageError } from '../errors.js';
import { DEFAULT_TIMEOUT_SECONDS, parseTimeoutSeconds } from '../net/timeout.js';
import { editDistance } from '../text/distance.js';

export interface FlagSpec {
  kind: 'string' | 'boolean' | 'list';
  /** One-letter alias (`-t`). */
  short?: string;
  /** The value's placeholder in help, e.g. `<dir>`. */
  value?: string;
  description: string;
}

export type Flags = Record<string, FlagSpec>;
/** Positional arguments in order: name → how usage shows it, `<x>` required, `[x]` optional. */
export type Args = Record<string, `<${string}>` | `[${string}]`>;

export interface CommandSpec<F extends Flags = Flags, A extends Args = Args> {
  /** Words after the program name; `[]` is the default command (create an app). */
  path: readonly string[];
  args: A;
  summary: string;
  flags: F;
}

type FlagValue<F extends FlagSpec> = F['kind'] extends 'boolean' ? boolean : F['kind'] extends 'list' ? string[] : string | undefined;
type ArgValue<A extends string> = A extends `<${string}>` ? string : string | undefined;

/** What a command receives: its arguments and flags, typed by its spec, and the folder it runs in. */
export interface Invocation<S extends CommandSpec> {
  args: { [K in keyof S['args']]: ArgValue<S['args'][K]> };
  flags: { [K in keyof S['flags']]: FlagValue<S['flags'][K]> };
  cwd: string;
}

/** A command module: its spec (read by the dispatcher) and `run` (loaded only when it runs). */
export interface CommandModule<S extends CommandSpec> {
  spec: S;
  /** Returns the exit code. */
  run(input: Invocation<S>): Promise<number>;
}

/** Declares a command; `const` keeps the literal kinds and argument forms the types are computed from. */
export const defineCommand = <const F extends Flags, const A extends Args>(spec: CommandSpec<F, A>): CommandSpec<F, A> => spec;

/** Flag declarations. */
export const flag = {
  string: (value: string, description: string, short?: string): FlagSpec & { kind: 'string' } => ({ kind: 'string', value, description, ...(short ? { short } : {}) }),
  list: (value: string, description: string, short?: string): FlagSpec & { kind: 'list' } => ({ kind: 'list', value, description, ...(short ? { short } : {}) }),
  boolean: (description: string, short?: string): FlagSpec & { kind: 'boolean' } => ({ kind: 'boolean', description, ...(short ? { short } : {}) }),
};

/** `--timeout`, on every command that can reach the network (src/net). */
export const TIMEOUT_FLAG = {
  timeout: flag.string('<seconds>', `give up on a host that sends nothing for this long (default ${DEFAULT_TIMEOUT_SECONDS})`),
};

/** The `--timeout` value as the commands take it. */
export const timeoutOption = (value: string | undefined): { timeoutSeconds?: number } => (value === undefined ? {} : { timeoutSeconds: parseTimeoutSeconds(value) });

/** `--offline` and `--timeout`, wherever the binaries of `wasm` dependencies by url may be downloaded. */
export const WASM_DOWNLOAD_FLAGS = {
  offline: flag.boolean("use only cached downloads of 'wasm' dependencies by url"),
  ...TIMEOUT_FLAG,
};

/** The network options of `WASM_DOWNLOAD_FLAGS` as the commands take them. */
export const wasmDownloadOptions = (flags: { offline?: boolean; timeout?: string }): { offline?: boolean; timeoutSeconds?: number } => ({
  offline: flags.offline,
  ...timeoutOption(flags.timeout),
});

/** `--offline`, `--registry` and `--timeout`, wherever templates are chosen. */
export const SOURCE_FLAGS = {
  offline: flag.boolean('use only cached copies of remote templates and registries'),
  registry: flag.string('[<name>=]<source>', 'one more template registry for this command (git URL, path, github:owner/repo)'),
  ...TIMEOUT_FLAG,
};

/** `--app`, for commands that work on an existing app. */
export const APP_FLAG = {
  app: flag.string('<dir>', 'the application folder (default: found from the current folder upward)'),
};

/** For an unknown `--flag`: the spec's flag it nearly is. */
function flagHint(spec: CommandSpec, err: unknown): { hint?: string } {
  const given = /^Unknown option '--([^'=]+)'/.exec((err as Error).message)?.[1];
  const guess = given && Object.keys(spec.flags).find((name) => editDistance(name, given) <= 2);
  return guess ? { hint: `Did you mean --${guess}?` } : {};
}

/** `create-golem-app add component [template] [ns:name] [options]` */
export function usageLine(program: string, spec: CommandSpec): string {
  return [program, ...spec.path, ...Object.values(spec.args), Object.keys(spec.flags).length ? '[options]' : ''].filter(Boolean).join(' ');
}

/** The spec's flags as `util.parseArgs` options. */
const parseOptions = (spec: CommandSpec) =>
  Object.fromEntries(
    Object.entries(spec.flags).map(([name, f]) => [
      name,
      { type: f.kind === 'boolean' ? ('boolean' as const) : ('string' as const), multiple: f.kind === 'list', ...(f.short ? { short: f.short } : {}) },
    ]),
  );

/** The positional words of parsed tokens; `escaped`: written after `--` (then always a value, never a command). */
function wordsOf(tokens: NonNullable<ReturnType<typeof parseArgs>['tokens']>): { value: string; escaped: boolean }[] {
  const terminator = tokens.find((t) => t.kind === 'option-terminator')?.index ?? Number.POSITIVE_INFINITY;
  return tokens.flatMap((t) => (t.kind === 'positional' ? [{ value: t.value, escaped: t.index > terminator }] : []));
}

/** The positional words of argv as the spec reads them (unknown flags are left to `parseInvocation`). */
export function positionalWords(spec: CommandSpec, argv: string[]): { value: string; escaped: boolean }[] {
  return wordsOf(parseArgs({ args: argv, options: parseOptions(spec), allowPositionals: true, strict: false, tokens: true }).tokens);
}

/** Parses argv (after the command's words) by the spec: unknown flags, extra or missing arguments are usage errors. */
export function parseInvocation<S extends CommandSpec>(spec: S, argv: string[], cwd: string): Invocation<S> {
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({ args: argv, options: parseOptions(spec), allowPositionals: true, strict: true, tokens: true });
  } catch (err) {
    const message = String((err as Error).message).replace(/\. To specify a positional.*$/s, '');
    // `--timeout -1`: the value looks like an option to parseArgs, whose own message is three sentences.
    const dashed = /^Option '(-[\w-]+)' argument is ambiguous.*use '(--[\w-]+)=-XYZ'/s.exec(message);
    if (dashed) {
      const [, given, long] = dashed as unknown as [string, string, string];
      const value = argv[argv.indexOf(given) + 1] ?? '-…';
      throw new UsageError(`${given} got '${value}', which reads as an option`, { hint: `Write a value that starts with '-' after '=': ${long}=${value}` });
    }
    throw new UsageError(message.charAt(0).toLowerCase() + message.slice(1), flagHint(spec, err));
  }
  const names = Object.keys(spec.args);
  const forms = Object.values(spec.args);
  const words = wordsOf(parsed.tokens ?? []);
  const given = words.map((w) => w.value);
  if (given.length > names.length) {
    // `create-golem-app foo bar`: a command was meant, unless the words came after `--`.
    const command = spec.path.length === 0 && names.length <= 1 && !words[0]!.escaped;
    throw new UsageError(command ? `unknown command '${given[0]}'` : `unexpected argument '${given[names.length]}'`);
  }
  const required = forms.filter((a) => a.startsWith('<')).length;
  if (given.length < required) throw new UsageError(`missing argument ${forms[given.length]}`);

  const flags: Record<string, string | boolean | string[] | undefined> = {};
  for (const [name, f] of Object.entries(spec.flags)) {
    const value = parsed.values[name];
    // Every value a flag takes names something (`--app <dir>`, `--path <file.wasm>`): an empty one is a slip, not "here".
    if (value === '' || (Array.isArray(value) && value.includes(''))) throw new UsageError(`--${name} needs ${f.value ?? 'a value'}, not an empty string`);
    flags[name] = f.kind === 'boolean' ? value === true : f.kind === 'list' ? (Array.isArray(value) ? value.map(String) : []) : typeof value === 'string' ? value : undefined;
  }
  const args = Object.fromEntries(names.map((name, i) => [name, given[i]]));
  // The one place values meet their declared types: built above kind by kind from the same spec.
  return { args, flags, cwd } as Invocation<S>;
}
