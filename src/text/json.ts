/**
 * JSON syntax errors as the rest of the tool reports problems: a sentence and a file:line:column.
 * V8's own message names a character offset ("… in JSON at position 12") and may quote the text.
 */
import { locationOf } from './lines.js';

export interface JsonSyntaxError {
  message: string;
  location: { file: string; line: number; column: number };
}

/** The parsed value, or where and why the text is not JSON. */
export function parseJson(text: string, file: string): { value: unknown } | { error: JsonSyntaxError } {
  try {
    return { value: JSON.parse(text) };
  } catch (err) {
    const raw = (err as Error).message.split('\n')[0]!;
    if (text.charCodeAt(0) === 0xfeff) return { error: { message: 'a byte order mark (U+FEFF) before the JSON', location: { file, line: 1, column: 1 } } };
    const at = /at position (\d+)/.exec(raw);
    const offset = at ? Number(at[1]) : /end of JSON input/.test(raw) ? text.length : 0;
    const message = raw
      .replace(/,? ?"(?:[^"\\]|\\.)*"(?:\.\.\.)? is not valid JSON$/, '')
      .replace(/ in JSON at position \d+.*$/, '')
      .replace(/ of JSON input$/, ' of the file')
      .slice(0, 120);
    return { error: { message: message.charAt(0).toLowerCase() + message.slice(1), location: locationOf(file, text, Math.min(offset, text.length)) } };
  }
}
