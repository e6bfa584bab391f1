/**
 * The clack prompts we use, each turning a cancel (Ctrl-C or Escape; clack does not tell them
 * apart) into CancelledError, so a flow is a plain sequence of awaits and nothing after a cancel
 * runs — in particular no write.
 */
import * as p from '@clack/prompts';
import { CancelledError } from '../../errors.js';
import { liveText, type LiveTextOptions } from './live-text.js';

function answered<T>(value: T | symbol): T {
  if (p.isCancel(value)) throw new CancelledError();
  return value as T;
}

export type Choice<T> = { value: T; label?: string; hint?: string };

/** Text checked as it is typed (see live-text.ts); an empty answer is returned as ''. */
export const askText = async (opts: LiveTextOptions): Promise<string> => answered<string | undefined>(await liveText(opts)) ?? '';

export const askSelect = async <T>(opts: { message: string; options: Choice<T>[]; initialValue?: T }): Promise<T> =>
  answered<T>(await p.select(opts as unknown as p.SelectOptions<T>));

/** `required: false`: Enter with nothing ticked is an answer (the empty list). */
export const askMultiselect = async <T>(opts: { message: string; options: Choice<T>[]; initialValues?: T[]; required?: boolean }): Promise<T[]> =>
  answered<T[]>(await p.multiselect(opts as unknown as p.MultiSelectOptions<T>));

export const askConfirm = async (opts: { message: string; initialValue?: boolean }): Promise<boolean> => answered<boolean>(await p.confirm(opts));

export { intro, note, log } from '@clack/prompts';
