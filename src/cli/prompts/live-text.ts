/**
 * A text prompt that checks its rule on every keystroke. @clack/prompts' `text` validates only
 * on Enter; this one, built on the same @clack/core TextPrompt and drawn like it, shows what is
 * still wrong under the input (dim) while typing, and refuses Enter (yellow, ▲) until it is right.
 */
import { TextPrompt, wrapTextWithPrefix } from '@clack/core';
import { S_BAR, S_BAR_END, symbol } from '@clack/prompts';
import { styleText } from 'node:util';

export interface LiveTextOptions {
  message: string;
  placeholder?: string;
  defaultValue?: string;
  /** A message when `value` is not acceptable (also called with partial input while typing). */
  validate?: (value: string | undefined) => string | undefined;
}

/** `text` under the input after the closing └, wrapped to the terminal with its continuation lines indented. */
const underInput = (colour: 'cyan' | 'yellow', text: string, style: 'dim' | 'yellow') =>
  wrapTextWithPrefix(process.stdout, styleText(style, text), '   ', `${styleText(colour, S_BAR_END)}  `);

export function liveText(opts: LiveTextOptions): Promise<string | symbol | undefined> {
  return new TextPrompt({
    validate: opts.validate,
    placeholder: opts.placeholder,
    defaultValue: opts.defaultValue,
    render() {
      const title = `${styleText('gray', S_BAR)}\n${symbol(this.state)}  ${opts.message}\n`;
      const placeholder = opts.placeholder ? styleText('inverse', opts.placeholder[0]!) + styleText('dim', opts.placeholder.slice(1)) : styleText(['inverse', 'hidden'], '_');
      const input = this.userInput ? this.userInputWithCursor : placeholder;
      const value = this.value ?? '';
      switch (this.state) {
        case 'error':
          return `${title.trim()}\n${styleText('yellow', S_BAR)}  ${input}\n${underInput('yellow', this.error, 'yellow')}\n`;
        case 'submit':
          return `${title}${styleText('gray', S_BAR)}${value ? `  ${styleText('dim', value)}` : ''}`;
        case 'cancel':
          return `${title}${styleText('gray', S_BAR)}${value ? `  ${styleText(['strikethrough', 'dim'], value)}` : ''}${value.trim() ? `\n${styleText('gray', S_BAR)}` : ''}`;
        default: {
          const problem = this.userInput ? opts.validate?.(this.userInput) : undefined;
          return `${title}${styleText('cyan', S_BAR)}  ${input}\n${problem ? underInput('cyan', problem, 'dim') : styleText('cyan', S_BAR_END)}\n`;
        }
      }
    },
  }).prompt();
}
