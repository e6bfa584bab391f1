/** Errors carry a stable code for programs (the future --json output and API): one per family. */
import { chmodSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runAddDependency } from '../../src/commands/add-dependency.js';
import { createApp } from '../../src/commands/create.js';
import { UserError } from '../../src/errors.js';
import { commitPlan, Plan } from '../../src/fs/plan.js';
import { silentReporter } from '../../src/report.js';
import { parseWitText } from '../../src/wit/index.js';
import { runCli, tempDir } from '../helpers/cli.js';
import { makeTsApp } from './app-fixture.js';

async function codeOf(run: () => unknown): Promise<string> {
  try {
    await run();
  } catch (err) {
    if (UserError.is(err)) return err.code;
    throw err;
  }
  throw new Error('expected a UserError');
}

const CALLER = 'components-ts/example-caller/golem.yaml';

describe('error codes', () => {
  it('golem.yaml problems are E_MANIFEST, unknown components E_APP, a bad --type E_INPUT', async () => {
    const root = makeTsApp();
    const add = (component: string, target: string, type?: string) => runAddDependency({ cwd: root, component, targets: [target], ...(type ? { type } : {}) }, silentReporter);
    expect(await codeOf(() => add('example:nope', 'example:provider'))).toBe('E_APP');
    expect(await codeOf(() => add('example:caller', 'example:provider', 'wasm'))).toBe('E_INPUT');
    writeFileSync(join(root, CALLER), 'components:\n  example:caller:\n    template: [ts\n');
    expect(await codeOf(() => add('example:caller', 'example:provider'))).toBe('E_MANIFEST');
  });

  it('a read-only golem.yaml is E_PERMISSION, a path leaving the app E_PATH, an existing file E_CONFLICT', async () => {
    const root = makeTsApp();
    chmodSync(join(root, CALLER), 0o444);
    expect(await codeOf(() => runAddDependency({ cwd: root, component: 'example:caller', targets: ['example:provider'] }, silentReporter))).toBe('E_PERMISSION');
    const plan = new Plan(tempDir());
    expect(await codeOf(() => plan.write({ path: '../outside', content: Buffer.from('x'), onExisting: 'fail' }))).toBe('E_PATH');
    const dir = tempDir();
    writeFileSync(join(dir, 'taken'), 'mine');
    const taken = new Plan(dir);
    taken.write({ path: 'taken', content: Buffer.from('x'), onExisting: 'fail' });
    expect(await codeOf(() => commitPlan(taken))).toBe('E_CONFLICT');
  });

  it('WIT errors are E_WIT, templates E_TEMPLATE, usage errors E_USAGE (exit 2)', async () => {
    expect(await codeOf(() => parseWitText('package a:b;\ninterface i { f: func( }'))).toBe('E_WIT');
    const dir = join(tempDir(), 'app');
    expect(
      await codeOf(() =>
        createApp({ dir, components: [{ name: 'a:b', template: './no-such-template' }], cwd: dir, git: false, install: false, overwrite: false, dryRun: true }, silentReporter),
      ),
    ).toBe('E_TEMPLATE');
    expect(runCli(['--no-such-flag']).code).toBe(2);
  });
});
