/**
 * How commands talk to the person running them. Commands sit below `cli/` and must not import
 * it, so they receive this interface; `cli/output.ts` implements it (colours, clack spinners),
 * and tests can pass a recorder.
 */
export interface Reporter {
  /** A plain line of output. */
  info(message: string): void;
  /** A completed step ("Created golem.yaml"). */
  step(message: string): void;
  /** Several completed steps at once, where the reporter can show them in one write (see reportSteps). */
  steps?(messages: readonly string[]): void;
  warn(message: string): void;
  /** A long-running step shown with a spinner; the spinner stops with `done` or the error. */
  task<T>(title: string, run: () => Promise<T>, done?: (result: T) => string): Promise<T>;
}

/** A reporter that prints nothing (library use, dry internals). */
export const silentReporter: Reporter = {
  info() {},
  step() {},
  warn() {},
  task: (_title, run) => run(),
};

/** Completed steps in order: in one write where the reporter offers that (a first generation lists a line per file). */
export function reportSteps(report: Reporter, messages: readonly string[]): void {
  if (report.steps) report.steps(messages);
  else for (const message of messages) report.step(message);
}
