/**
 * Paths a template declares in its golem.yaml (generatedWit, componentWasm, linkedWasm, clean,
 * and a common template's tempDir; in every build profile) go through the app model's path rules
 * before anything is written: a path outside the app refuses the template with one error at the
 * template's own file, line and key. Nothing is written — in the new app, in an existing one,
 * or outside.
 */
import { cpSync, existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { listFiles, ROOT, runCli, snapshotTree, tempDir } from '../helpers/cli.js';
import { cleanGit, errorLine, hostileTemplate } from './hostile.js';

const escaped = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** A component template whose golem.yaml is `manifest`. */
function withComponentManifest(manifest: string): string {
  return hostileTemplate({ 'components-ts/component-name/golem.yaml': manifest });
}

/** A component template with a sibling common template (golem's tree layout) whose files are changed by `edit`. */
function withCommonTemplate(edit: Record<string, string>): string {
  const component = hostileTemplate();
  const common = join(component, '..', 'ts-app-common');
  cpSync(join(ROOT, 'templates', 'ts', 'common'), common, { recursive: true });
  for (const [path, text] of Object.entries(edit)) writeFileSync(join(common, path), text);
  return component;
}

function expectRefused(template: string, file: string, at: string, message: RegExp, declaredBy = 'ts/evil'): void {
  const base = tempDir('cga-decl-');
  const r = runCli(['app', '--yes', '--component', 'evil:payload', '-t', template], { cwd: base, env: cleanGit });
  expect(r.code).toBe(1);
  const line = errorLine(r.stderr);
  expect(line).toMatch(new RegExp(`^error: ${escaped(file)}:${at}: `));
  expect(line).toMatch(message);
  expect(line).toContain(`declared by template ${declaredBy}`);
  expect(listFiles(base)).toEqual([]);
  for (const escape of ['escape-wit', 'escape-release', 'escape-temp', 'escape-common', 'escape.wasm']) expect(existsSync(join(base, '..', escape))).toBe(false);
}

const COMPONENT = (extra: string) => `# golem-app-manifest-header\n\ncomponents:\n  componentname:\n    template: ts\n${extra}\n# golem-app-manifest-component-hints\n`;

describe("a component template's golem.yaml", () => {
  it.each([
    ['generatedWit above the app', '    generatedWit: ../../../../escape-wit', '6:19', /generatedWit of component 'evil:payload' resolves to .*escape-wit, outside the app folder/],
    ['componentWasm at an absolute path', '    componentWasm: /tmp/cga-escape.wasm', '6:20', /componentWasm of component 'evil:payload' .*outside the app folder/],
    ['linkedWasm above the app', '    linkedWasm: ../../../escape.wasm', '6:17', /linkedWasm of component 'evil:payload' .*outside the app folder/],
  ])('%s', (_what, extra, at, message) => {
    const template = withComponentManifest(COMPONENT(extra));
    expectRefused(template, join(template, 'components-ts/component-name/golem.yaml'), at, message);
    expect(existsSync('/tmp/cga-escape.wasm')).toBe(false);
  });

  it('a path in a build profile that is not the default one', () => {
    const manifest = [
      '# golem-app-manifest-header',
      '',
      'components:',
      '  componentname:',
      '    sourceWit: wit',
      '    profiles:',
      '      debug:',
      '        generatedWit: wit-generated',
      '        componentWasm: dist/a.wasm',
      '      release:',
      '        generatedWit: ../../../../escape-release',
      '        componentWasm: dist/a.wasm',
      '    defaultProfile: debug',
      '',
    ].join('\n');
    const template = withComponentManifest(manifest);
    expectRefused(
      template,
      join(template, 'components-ts/component-name/golem.yaml'),
      '11:23',
      /generatedWit of component 'evil:payload' \(profile 'release'\) resolves to .*escape-release/,
    );
  });
});

describe("a common template's golem.yaml", () => {
  it('tempDir outside the app', () => {
    const template = withCommonTemplate({
      'golem.yaml': '# golem-app-manifest-header\n\ntempDir: ../escape-temp\n\nincludes:\n- common-*/golem.yaml\n- components-*/*/golem.yaml\n\nwitDeps:\n- wit/deps\n',
    });
    expectRefused(template, join(template, '..', 'ts-app-common', 'golem.yaml'), '3:1', /tempDir resolves to .*escape-temp, outside the app folder/, 'ts/common');
  });

  it("a component template's profile (the release one) writing outside", () => {
    const manifest = [
      '# golem-app-manifest-header',
      '',
      'templates:',
      '  ts:',
      '    sourceWit: wit',
      '    profiles:',
      '      debug:',
      '        generatedWit: wit-generated',
      '        componentWasm: dist/{{ component_name | to_snake_case }}.wasm',
      '      release:',
      '        generatedWit: ../../../../escape-common',
      '        componentWasm: dist/{{ component_name | to_snake_case }}.wasm',
      '    defaultProfile: debug',
      '',
    ].join('\n');
    const template = withCommonTemplate({ 'common-ts/golem.yaml': manifest });
    expectRefused(
      template,
      join(template, '..', 'ts-app-common', 'common-ts', 'golem.yaml'),
      '11:23',
      /generatedWit of component 'evil:payload' \(profile 'release'\) resolves to .*escape-common/,
      'ts/common',
    );
  });
});

it('add component into an existing app: refused, the app byte-identical', () => {
  const base = tempDir('cga-decl-');
  expect(runCli(['app', '--yes', '--component', 'app:provider'], { cwd: base, env: cleanGit }).code).toBe(0);
  const app = join(base, 'app');
  const before = snapshotTree(app);
  const template = withComponentManifest(COMPONENT('    generatedWit: ../../../escape-add'));
  const r = runCli(['add', 'component', template, 'evil:payload'], { cwd: app, env: cleanGit });
  expect(r.code).toBe(1);
  expect(r.stderr).toMatch(new RegExp(`^error: ${escaped(join(template, 'components-ts/component-name/golem.yaml'))}:6:19: generatedWit of component 'evil:payload'`));
  expect(snapshotTree(app)).toEqual(before);
  expect(existsSync(join(base, 'escape-add'))).toBe(false);
});
