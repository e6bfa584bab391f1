/**
 * A component the command adds that the root golem.yaml's includes would not load (an existing
 * golem.yaml kept by --overwrite, or an app that narrowed includes): one error line at the
 * includes, nothing written. And an existing golem.yaml that --overwrite keeps is blamed for
 * its own mistakes, not the template's golem.yaml.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { callerProviderApp, errorOf, runCli, snapshotTree, tempDir } from '../helpers/cli.js';

function existingApp(manifest: string): { parent: string; app: string } {
  const parent = tempDir('cga-hostile-');
  const app = join(parent, 'app');
  mkdirSync(app);
  writeFileSync(join(app, 'golem.yaml'), manifest);
  return { parent, app };
}

describe('create --overwrite into a folder with its own golem.yaml', () => {
  it('includes that miss the new components: one error at includes, no crash, nothing written', () => {
    const { parent } = existingApp('includes:\n- a/*.yaml\nwitDeps: [wit/deps]\n');
    const before = snapshotTree(parent);
    for (const extra of [[], ['--component', 'shop:stock', '--component', 'shop:cart', '-t', 'ts', '-t', 'ts/caller', '--target', 'shop:stock']]) {
      const r = runCli(['app', '--yes', '--no-git', '--overwrite', ...extra], { cwd: parent });
      expect(r.code, r.stderr).toBe(1);
      const { line, hint } = errorOf(r.stderr);
      expect(line).toMatch(
        /^.*app\/golem\.yaml:1:1: component (app:provider|shop:stock) would not be part of the app: the includes of golem\.yaml do not match components-ts\/(app-provider|shop-stock)\/golem\.yaml\.$/,
      );
      expect(hint).toBe("Add 'components-ts/*/golem.yaml' to includes; nothing was written.");
      expect(snapshotTree(parent)).toEqual(before);
    }
  });

  it("a mistake in the kept golem.yaml is located there, not in the template's golem.yaml", () => {
    const { parent, app } = existingApp('includes: 5\n');
    const before = snapshotTree(parent);
    const r = runCli(['app', '--yes', '--no-git', '--overwrite'], { cwd: parent });
    expect(r.code).toBe(1);
    expect(errorOf(r.stderr).line).toBe(`${join(app, 'golem.yaml')}:1:11: includes must be a list, found '5'.`);
    expect(snapshotTree(parent)).toEqual(before);
  });
});

describe('add component into an app whose includes miss the new folder', () => {
  it('one error at includes, nothing written', () => {
    const root = callerProviderApp('cga-hostile-');
    const file = join(root, 'golem.yaml');
    writeFileSync(file, 'includes:\n- common-*/golem.yaml\n- components-ts/*/golem.yaml\n\nwitDeps:\n- wit/deps\n');
    const before = snapshotTree(root);
    const r = runCli(['add', 'component', 'rust', 'example:billing'], { cwd: root });
    expect(r.code).toBe(1);
    const { line, hint } = errorOf(r.stderr);
    expect(line).toBe(`${file}:1:1: component example:billing would not be part of the app: the includes of golem.yaml do not match components-rust/example-billing/golem.yaml.`);
    expect(hint).toBe("Add 'components-rust/*/golem.yaml' to includes; nothing was written.");
    expect(snapshotTree(root)).toEqual(before);
  });
});
