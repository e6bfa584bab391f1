/**
 * Runs one `build` step of a component the way `golem app build` runs an external command:
 * in the step's folder, `rmdirs` removed and `mkdirs` created first, `${VAR}` substituted, the
 * line split into words and executed without a shell. A failure is a `BuildStepError` that names
 * the component, the step and its command, with the tail of what the command printed.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { AppComponent, BuildStep } from '../../../src/app/index.js';
import { splitWords, substituteVariables } from '../../../src/text/command-line.js';

/** What a failure message shows of the command's output: enough for a compiler error. */
const OUTPUT_TAIL_LINES = 25;
/** Node stack frames of the failing tool say nothing about the user's code. */
const STACK_FRAME = /^\s+at /;

export class BuildStepError extends Error {
  constructor(
    readonly component: string,
    readonly stepNumber: number,
    readonly command: string,
    readonly output: string,
    reason: string,
  ) {
    super(`component ${component}: build step ${stepNumber} \`${command}\` ${reason}\n${tail(output)}`);
    this.name = 'BuildStepError';
  }
}

function tail(text: string): string {
  return text
    .trimEnd()
    .split('\n')
    .filter((line) => !STACK_FRAME.test(line))
    .slice(-OUTPUT_TAIL_LINES)
    .map((line) => `  | ${line}`)
    .join('\n');
}

export interface StepRun {
  component: string;
  stepNumber: number;
  command: string;
  /** The words actually executed. */
  argv: string[];
  dir: string;
  seconds: number;
  output: string;
}

/** Removes ANSI colour codes, so failure messages read cleanly in any log. */
const stripAnsi = (text: string) => text.replace(/\u001b\[[0-9;]*m/g, '');

export function runBuildStep(component: AppComponent, step: BuildStep, stepNumber: number, extraEnv: Record<string, string>): StepRun {
  const fail = (reason: string, output = ''): never => {
    throw new BuildStepError(component.name, stepNumber, step.command, output, reason);
  };
  for (const dir of step.rmdirs) rmSync(join(step.dir, dir), { recursive: true, force: true });
  for (const dir of step.mkdirs) mkdirSync(join(step.dir, dir), { recursive: true });
  const env = { ...process.env, ...extraEnv, NO_COLOR: '1', FORCE_COLOR: '0' };
  const argv = splitWords(substituteVariables(step.command, env));
  if (argv === undefined || argv.length === 0) return fail('cannot be split into words (unbalanced quote?)');
  const started = performance.now();
  const result = spawnSync(argv[0]!, argv.slice(1), { cwd: step.dir, env, encoding: 'utf8', maxBuffer: 64 << 20 });
  const output = stripAnsi(`${result.stdout ?? ''}${result.stderr ?? ''}`);
  if (result.error) fail(`could not start: ${result.error.message}`, output);
  if (result.status !== 0) fail(`failed with exit code ${result.status ?? result.signal} (in ${step.dir})`, output);
  return { component: component.name, stepNumber, command: step.command, argv, dir: step.dir, seconds: (performance.now() - started) / 1000, output };
}
