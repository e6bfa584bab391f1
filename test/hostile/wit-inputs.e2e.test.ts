/**
 * Hostile WIT in a component, through the built CLI: each ends in one error line that points at
 * the user's own file (never into golem-temp), a non-zero exit, and every file as it was.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { callerProviderApp, errorOf, runCli, snapshotTree } from '../helpers/cli.js';

const WIT = 'components-ts/example-provider/wit/main.wit';

describe('hostile WIT of a target component', () => {
  const cases: [string, (text: string) => string | Buffer, RegExp][] = [
    [
      'a second world: pointed at in the source file, not in golem-temp',
      (text) => `${text}\nworld other {\n  export example-provider-api;\n}\n`,
      /^example-provider\/wit\/main\.wit:(\d+):1: multiple worlds found in `example:provider` \(example-provider, other\); a client target must have exactly one\.$/,
    ],
    [
      'a byte that is not UTF-8: named as the byte',
      (text) => Buffer.concat([Buffer.from(text), Buffer.from([0xff, 0x0a])]),
      /main\.wit:\d+:1: invalid UTF-8: byte 0xff is not part of a character\.$/,
    ],
  ];
  it.each(cases)('%s', (_name, change, message) => {
    const root = callerProviderApp();
    const file = join(root, WIT);
    writeFileSync(file, change(readFileSync(file, 'utf8')));
    const before = snapshotTree(root);
    for (const args of [['generate'], ['add', 'dependency', 'example:provider', 'example:provider']]) {
      const r = runCli(args, { cwd: root });
      expect(r.code, r.stderr).toBe(1);
      const { line } = errorOf(r.stderr);
      expect(line.slice(line.indexOf('components-ts/') + 'components-ts/'.length)).toMatch(message);
      expect(line).not.toMatch(/golem-temp/);
      expect(snapshotTree(root)).toEqual(before);
    }
  });
});
