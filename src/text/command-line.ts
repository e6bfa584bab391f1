/**
 * How Golem 1.2.5 turns a build step's `command` string into a process (golem-cli
 * `execute_external_command`): `${VAR}` references are substituted from the environment plus
 * Golem's extra variables (envsubst), then the line is split into words as a POSIX shell would
 * (the `shlex` crate) and the first word is executed directly — no shell, so no pipes or globs.
 * A substituted value that contains spaces therefore becomes several arguments, which is how
 * `${JCO_ASYNC_EXPORT_ARGS}` passes one flag per exported function.
 */

/** Replaces `${NAME}` with `vars[NAME]`; unknown names stay as written (envsubst does the same). */
export function substituteVariables(command: string, vars: Readonly<Record<string, string | undefined>>): string {
  return command.replace(/\$\{([A-Za-z_][A-Za-z0-9_]*)\}/g, (whole, name: string) => vars[name] ?? whole);
}

/** Characters a backslash escapes inside double quotes (POSIX); elsewhere it stays literal. */
const DOUBLE_QUOTE_ESCAPES = new Set(['$', '`', '"', '\\', '\n']);

/**
 * Splits a command line into words with POSIX quoting: '…' is literal, "…" allows the escapes
 * above, a backslash outside quotes escapes the next character, `#` starting a word comments out
 * the rest of the line. Returns undefined for an unterminated quote or a trailing backslash
 * (the cases where shlex gives up).
 */
export function splitWords(line: string): string[] | undefined {
  const words: string[] = [];
  let word: string | undefined;
  let i = 0;
  const take = (text: string) => (word = (word ?? '') + text);
  while (i < line.length) {
    const c = line[i]!;
    if (/\s/.test(c)) {
      if (word !== undefined) words.push(word);
      word = undefined;
      i++;
    } else if (c === '#' && word === undefined) {
      while (i < line.length && line[i] !== '\n') i++;
    } else if (c === "'") {
      const end = line.indexOf("'", i + 1);
      if (end < 0) return undefined;
      take(line.slice(i + 1, end));
      i = end + 1;
    } else if (c === '"') {
      take('');
      i++;
      for (;;) {
        if (i >= line.length) return undefined;
        const d = line[i]!;
        if (d === '"') break;
        if (d === '\\' && i + 1 < line.length && DOUBLE_QUOTE_ESCAPES.has(line[i + 1]!)) {
          if (line[i + 1] !== '\n') take(line[i + 1]!);
          i += 2;
        } else {
          take(d);
          i++;
        }
      }
      i++;
    } else if (c === '\\') {
      if (i + 1 >= line.length) return undefined;
      if (line[i + 1] !== '\n') take(line[i + 1]!);
      i += 2;
    } else {
      take(c);
      i++;
    }
  }
  if (word !== undefined) words.push(word);
  return words;
}
