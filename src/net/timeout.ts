/**
 * The inactivity timeout of every network step: a step fails when nothing arrives for N seconds
 * (not when it takes long: a big download that keeps receiving goes on). 60 s by default,
 * `--timeout <seconds>` on every command that can reach the network.
 */
import { UserError } from '../errors.js';

export const DEFAULT_TIMEOUT_SECONDS = 60;

/** What every network step is given. */
export interface NetworkOptions {
  /** Inactivity timeout in seconds (default DEFAULT_TIMEOUT_SECONDS). */
  timeoutSeconds?: number;
}

export const timeoutSecondsOf = (options: NetworkOptions | undefined): number => options?.timeoutSeconds ?? DEFAULT_TIMEOUT_SECONDS;

/** The `--timeout` value: a positive number of seconds (fractions allowed), at most a day. */
export function parseTimeoutSeconds(text: string): number {
  const seconds = /^\s*\d+(\.\d+)?\s*$/.test(text) ? Number(text) : Number.NaN;
  if (!(seconds > 0 && seconds <= 86_400)) {
    throw new UserError(`invalid --timeout '${text}': expected a number of seconds greater than 0`, {
      code: 'E_INPUT',
      hint: `For example --timeout 120 (the default is ${DEFAULT_TIMEOUT_SECONDS}).`,
    });
  }
  return seconds;
}

/** `2 s`, `0.5 s`, `60 s`. */
const showSeconds = (seconds: number): string => `${Number(seconds.toFixed(3))} s`;

/** The one line for a host that did not answer in time. */
export function didNotAnswer(host: string, seconds: number, proxy?: string): UserError {
  return new UserError(`${host} did not answer within ${showSeconds(seconds)}${proxy ? ` (through the proxy ${proxy})` : ''}`, {
    code: 'E_TIMEOUT',
    hint: 'Check the network connection and the proxy settings (HTTPS_PROXY, HTTP_PROXY, NO_PROXY), or wait longer with --timeout <seconds>.',
  });
}

/** A timer that fires when `touch` has not been called for `ms`; `stop` ends it. */
export function inactivityTimer(ms: number, onTimeout: () => void): { touch(): void; stop(): void; readonly fired: boolean } {
  let fired = false;
  let timer: NodeJS.Timeout | undefined;
  const arm = () => {
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => {
      fired = true;
      onTimeout();
    }, ms);
  };
  arm();
  return {
    touch: () => {
      if (!fired) arm();
    },
    stop: () => {
      if (timer) clearTimeout(timer);
    },
    get fired() {
      return fired;
    },
  };
}
