/**
 * Templates are untrusted: every attempt to write outside the app, follow a link or reach a
 * JavaScript prototype refuses the whole template, names the offending path, and writes nothing.
 */
import { existsSync, mkdirSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { UserError } from '../../src/errors.js';
import { addToPlan, findComponentTemplate, loadBundledRegistry, planComponent } from '../../src/templates/index.js';
import { commitPlan, Plan } from '../../src/fs/plan.js';
import { tempApp } from './helpers.js';

const registry = loadBundledRegistry();
const TREE_COMMON = fileURLToPath(new URL('../fixtures/templates/golem-tree/ts/ts-app-common', import.meta.url));

/** A component template folder `ts/ts-app-component-evil` with the given files; returns its path. */
function evilTemplate(files: Record<string, string>, metadata: Record<string, unknown> = {}): string {
  const root = tempApp('cga-evil-');
  const folder = join(root, 'ts', 'ts-app-component-evil');
  mkdirSync(folder, { recursive: true });
  writeFileSync(join(folder, 'metadata.json'), JSON.stringify({ description: 'evil', appComponentGroup: 'default', ...metadata }));
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(join(folder, path, '..'), { recursive: true });
    writeFileSync(join(folder, path), content);
  }
  return folder;
}

/** Plans and writes like `create` does; returns the error and checks that nothing was written. */
async function refused(folder: string): Promise<UserError> {
  const app = tempApp();
  const outside = join(app, '..', `${app.split('/').pop()}-outside`);
  let error: unknown;
  try {
    const template = findComponentTemplate(registry, folder);
    const plan = new Plan(app);
    addToPlan(plan, await planComponent({ into: plan, template, componentName: 'evil:payload', registry }));
    commitPlan(plan);
  } catch (e) {
    error = e;
  }
  expect(error).toBeInstanceOf(UserError);
  expect(readdirSync(app)).toEqual([]);
  expect(existsSync(outside)).toBe(false);
  return error as UserError;
}

describe('hostile templates', () => {
  it.each([
    ['a ../ path', { witDepsPaths: ['wit/deps', '../escape'] }, 'witDepsPaths[1]', '7:5'],
    ['an absolute path', { witDepsPaths: ['/tmp/cga-absolute-escape'] }, 'witDepsPaths[0]', '6:5'],
    ['a drive path', { witDepsPaths: ['C:\\escape'] }, 'witDepsPaths[0]', '6:5'],
    ['a ../ skip-if-exists file', { appCommonSkipIfExists: 'x/../../golem.yaml' }, 'appCommonSkipIfExists', '5:28'],
    ['a ../ adapter target', { adapterTarget: '..' }, 'adapterTarget', '5:20'],
  ])('%s in metadata.json is refused by its schema, at the file, line and column', async (_what, metadata, key, line) => {
    const folder = evilTemplate({ 'components-ts/component-name/ok.txt': 'ok' }, { requiresWASI: true, ...metadata });
    const { writeFileSync: write, readFileSync: read } = await import('node:fs');
    write(join(folder, 'metadata.json'), JSON.stringify(JSON.parse(read(join(folder, 'metadata.json'), 'utf8')), null, 2));
    const err = await refused(folder);
    expect(err.format()).toMatch(new RegExp(`metadata\\.json:${line}: ${key.replace(/[[\]]/g, '\\$&')}: must be a relative path that stays inside`));
    expect(existsSync('/tmp/cga-absolute-escape')).toBe(false);
  });

  it('a symlink to a file outside is refused, never followed', async () => {
    const folder = evilTemplate({ 'components-ts/component-name/ok.txt': 'ok' });
    symlinkSync('/etc/hostname', join(folder, 'components-ts', 'component-name', 'stolen.txt'));
    const err = await refused(folder);
    expect(err.message).toContain("'components-ts/component-name/stolen.txt' is a symbolic link");
  });

  it('a symlinked folder is refused', async () => {
    const folder = evilTemplate({ 'components-ts/component-name/ok.txt': 'ok' });
    symlinkSync('/etc', join(folder, 'components-ts', 'etc'));
    const err = await refused(folder);
    expect(err.message).toContain("'components-ts/etc' is a symbolic link");
  });

  it('a linked metadata.json is refused, never read', async () => {
    const folder = evilTemplate({ 'components-ts/component-name/ok.txt': 'ok' });
    const { rmSync } = await import('node:fs');
    rmSync(join(folder, 'metadata.json'));
    symlinkSync('/etc/hostname', join(folder, 'metadata.json'));
    const err = await refused(folder);
    expect(err.message).toContain('metadata.json is not a regular file');
  });

  it('a linked sibling folder is never used as the common template', async () => {
    const folder = evilTemplate({ 'components-ts/component-name/ok.txt': 'ok' });
    symlinkSync(join(TREE_COMMON), join(folder, '..', 'ts-app-common'));
    const template = findComponentTemplate(registry, folder);
    expect(template.common).toBeUndefined();
  });

  it("a name that becomes '..' (once .hbs is dropped) is refused", async () => {
    const folder = evilTemplate({ 'components-ts/component-name/ok.txt': 'ok', 'components-ts/...hbs': 'x' });
    const err = await refused(folder);
    expect(err.message).toContain("'components-ts/...hbs' becomes '..' once '.hbs' is dropped");
  });

  it.each([
    ['{{component.constructor.name}}', 'constructor'],
    ['{{#with component}}{{__proto__}}{{/with}}', '__proto__'],
    ['{{component.__defineGetter__}}', '__defineGetter__'],
  ])('Handlebars prototype access %s is refused', async (source, name) => {
    const folder = evilTemplate({ 'components-ts/component-name/main.ts.hbs': source });
    const err = await refused(folder);
    expect(err.format()).toMatch(/components-ts\/component-name\/main\.ts\.hbs:1:\d+: /);
    expect(err.message).toContain(`'${name}', which templates may not use`);
  });

  it('Handlebars built-ins that reach outside (lookup, log) are not available', async () => {
    for (const [source, name] of [
      ['{{lookup component "constructor"}}', 'lookup'],
      ['{{log "hi"}}', 'log'],
    ]) {
      const err = await refused(evilTemplate({ 'components-ts/component-name/main.ts.hbs': source! }));
      expect(err.format()).toMatch(new RegExp(`main\\.ts\\.hbs:1:3: unknown helper '${name}'`));
    }
  });

  it('a missing field in a Handlebars file is an error, not an empty string', async () => {
    const err = await refused(evilTemplate({ 'components-ts/component-name/main.ts.hbs': '{{component.nope}}' }));
    expect(err.format()).toMatch(/main\.ts\.hbs:1:3: missing field 'component\.nope'/);
  });

  it('nothing in a template is executed: a package.json with scripts is copied as text only', async () => {
    const app = tempApp();
    const marker = join(app, '..', `${app.split('/').pop()}-ran`);
    const folder = evilTemplate({ 'components-ts/component-name/package.json': JSON.stringify({ scripts: { postinstall: `touch ${marker}`, prepare: `touch ${marker}` } }) });
    const plan = new Plan(app);
    addToPlan(plan, await planComponent({ into: plan, template: findComponentTemplate(registry, folder), componentName: 'evil:payload', registry }));
    commitPlan(plan);
    expect(existsSync(join(app, 'components-ts/evil-payload/package.json'))).toBe(true);
    expect(existsSync(marker)).toBe(false);
  });
});
