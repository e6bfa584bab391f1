/**
 * Scaffolding the tier's apps with the real, built CLI (`bin/create-golem-app.js`, or the bin
 * named by BUILD_TIER_BIN), as a user would. Commands that are not built yet are detected from
 * `--help`, so a test can say exactly what it is waiting for instead of failing obscurely.
 */
import { join } from 'node:path';
import { runCli, type CliResult } from '../../helpers/cli.js';

const bin = process.env.BUILD_TIER_BIN;

/** Extra environment for a CLI run, e.g. `XDG_CACHE_HOME` holding a seeded degit cache. */
export type CliEnv = Record<string, string | undefined>;

export function cli(args: string[], cwd?: string, env?: CliEnv): CliResult {
  return runCli(args, { cwd, bin, ...(env ? { env } : {}) });
}

/** Runs the CLI and throws with its output when it fails. */
export function cliOk(args: string[], cwd?: string, env?: CliEnv): CliResult {
  const r = cli(args, cwd, env);
  if (r.code !== 0) throw new Error(`create-golem-app ${args.join(' ')} failed (exit ${r.code}):\n${r.stdout}${r.stderr}`);
  return r;
}

let helpText: string | undefined;

/** Whether `--help` lists a command (e.g. `add dependency`, `generate`). */
export function cliHasCommand(command: string): boolean {
  helpText ??= cli(['--help']).stdout;
  return new RegExp(`^\\s*${command.replace(/ /g, '\\s+')}\\b`, 'm').test(helpText);
}

export interface ScaffoldSpec {
  /** `--component` / `--template` pairs, in order; a caller template's `target` becomes a `--target`, in order. */
  components: { name: string; template: string; target?: string }[];
  /** Extra create flags, e.g. `--offline`. */
  flags?: string[];
}

/** `create-golem-app <parent>/<name> --yes --no-git --component … --template … [--target …]`; returns the app dir. */
export function createApp(parent: string, name: string, spec: ScaffoldSpec, env?: CliEnv): string {
  const dir = join(parent, name);
  const pairs = spec.components.flatMap((c) => ['--component', c.name, '--template', c.template]);
  const targets = spec.components.flatMap((c) => (c.target ? ['--target', c.target] : []));
  cliOk([dir, '--yes', '--no-git', ...(spec.flags ?? []), ...pairs, ...targets], undefined, env);
  return dir;
}
