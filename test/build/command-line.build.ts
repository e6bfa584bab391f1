/** How the tier turns a manifest's `command` into a process, as golem-cli does (envsubst + shlex). */
import { describe, expect, it } from 'vitest';
import { splitWords, substituteVariables } from '../../src/text/command-line.js';

describe('substituteVariables', () => {
  it('replaces ${NAME} and leaves unknown names as written', () => {
    expect(substituteVariables('a ${X} ${UNSET} $X', { X: 'one two' })).toBe('a one two ${UNSET} $X');
  });
});

describe('splitWords', () => {
  it.each([
    ['node script.mjs guest-types wit-generated -o src/generated', ['node', 'script.mjs', 'guest-types', 'wit-generated', '-o', 'src/generated']],
    ['  spaced   out\twords\n', ['spaced', 'out', 'words']],
    [`a 'single quoted $X \\n' b`, ['a', 'single quoted $X \\n', 'b']],
    [`"double \\"quoted\\" \\$x \\a"`, ['double "quoted" $x \\a']],
    [`joined'a'"b"c`, ['joineda' + 'bc']],
    [`escaped\\ space`, ['escaped space']],
    [`"" ''`, ['', '']],
    ['run x#y # a comment', ['run', 'x#y']],
  ])('%j', (line, words) => {
    expect(splitWords(line)).toEqual(words);
  });

  it.each([`'open`, `"open`, 'trailing\\'])('gives up on %j', (line) => {
    expect(splitWords(line)).toBeUndefined();
  });

  it('turns a substituted multi-flag variable into separate arguments, as Golem passes JCO_ASYNC_EXPORT_ARGS', () => {
    const args = '--async-imports a:b-exports/api#add --async-imports a:b-exports/api#get';
    expect(splitWords(substituteVariables('jco --async-wasi-exports ${JCO_ASYNC_EXPORT_ARGS} -o out', { JCO_ASYNC_EXPORT_ARGS: args }))).toEqual([
      'jco',
      '--async-wasi-exports',
      '--async-imports',
      'a:b-exports/api#add',
      '--async-imports',
      'a:b-exports/api#get',
      '-o',
      'out',
    ]);
  });
});
