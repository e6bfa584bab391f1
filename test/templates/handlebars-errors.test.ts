/**
 * Every mistake in a template's `.hbs` file is one error at the file's line and column: unknown
 * helpers (also Handlebars' lookup and log, which are off), unknown partials, decorators,
 * missing fields, parse errors, mismatched blocks. Nothing is written.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { UserError } from '../../src/errors.js';
import { Plan } from '../../src/fs/plan.js';
import { counterClientModel, findComponentTemplate, loadBundledRegistry, planComponent } from '../../src/templates/index.js';
import { tempApp } from './helpers.js';

const registry = loadBundledRegistry();
const FILE = 'components-ts/component-name/src/main.ts.hbs';

function template(source: string): string {
  const folder = join(tempApp('cga-hbs-err-'), 'ts', 'ts-app-component-sample');
  mkdirSync(join(folder, 'components-ts/component-name/src'), { recursive: true });
  writeFileSync(join(folder, 'metadata.json'), JSON.stringify({ description: 'sample', appComponentGroup: 'default' }));
  writeFileSync(join(folder, FILE), source);
  return folder;
}

/** Renders `source` as a caller template's main.ts.hbs; resolves to the UserError. */
async function renderError(source: string): Promise<UserError> {
  const folder = template(source);
  const entry = { ...findComponentTemplate(registry, folder), role: 'caller' as const };
  const err = await planComponent({
    into: new Plan(tempApp()),
    template: entry,
    componentName: 'my-ns:shopping-cart',
    registry,
    target: { componentName: 'example:provider', client: counterClientModel('example:provider') },
  }).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(UserError);
  const error = err as UserError;
  expect(error.code).toBe('E_TEMPLATE');
  expect(error.location?.file).toBe(join(folder, FILE));
  expect(error.hint).toContain('ts/sample');
  return error;
}

const where = (e: UserError) => `${e.location?.line}:${e.location?.column}`;

describe('Handlebars mistakes name the template file, line and column', () => {
  it.each([
    ['an unknown helper', 'const a = 1;\n\nconst b = {{shout component.name}};\n', '3:13', "unknown helper 'shout'"],
    ['an unknown helper in a sub-expression', '{{#if (bigger 1 2)}}x{{/if}}', '1:8', "unknown helper 'bigger'"],
    ['an unknown block helper', 'x\n  {{#repeat 3}}y{{/repeat}}', '2:6', "unknown helper 'repeat'"],
    ["Handlebars' lookup", '{{lookup component "name"}}', '1:3', "unknown helper 'lookup'"],
    ["Handlebars' lookup without arguments", 'a {{lookup}}', '1:5', "unknown helper 'lookup'"],
    ["Handlebars' log", '\n{{log "hello"}}', '2:3', "unknown helper 'log'"],
    ['a partial', 'one\ntwo {{> header}}', '2:5', "unknown partial 'header'"],
    ['a partial block', '{{#> layout}}body{{/layout}}', '1:1', "unknown partial 'layout'"],
    ['a decorator', '{{* inline}}', '1:1', 'decorators are not available'],
    ['a missing field', 'line one\n  {{component.nope}}', '2:5', "missing field 'component.nope'"],
    ['a missing field inside a block', '{{#with target.client}}\n{{clientPackage}} {{nope}}\n{{/with}}', '2:21', "missing field 'nope'"],
    ['a missing top-level field', '{{nothing}}', '1:3', "missing field 'nothing'"],
    ['prototype access', '\n\n{{component.constructor}}', '3:3', "'component.constructor' reaches 'constructor'"],
    ['an unclosed mustache', 'abc\n{{component.name', '2:13', 'parse error: unexpected text inside {{ }}'],
    ['bad text inside a mustache', 'ok\n  {{component.name %}}', '2:20', 'parse error: unexpected text'],
    ['a mismatched block', 'x\n{{#if component}}\n{{/iff}}', '2:4', "if doesn't match iff"],
    ['an unclosed block', '{{#each target.client.resources}}\nx\n', '3:1', 'parse error: unexpected end of file'],
  ])('%s', async (_what, source, line, message) => {
    const err = await renderError(source);
    expect(where(err)).toBe(line);
    expect(err.message).toContain(message);
    expect(err.message).not.toContain(err.location!.file); // the place is the location's, said once
  });

  it('our helpers and the block helpers still work', async () => {
    const folder = template(
      '{{#if (eq component.namespace "my-ns")}}{{#with (first target.client.resources)}}{{pascal}}:{{/with}}{{/if}}{{#unless (not true)}}u{{/unless}}{{#each target.client.resources}}{{pascal}}{{/each}}',
    );
    const entry = { ...findComponentTemplate(registry, folder), role: 'caller' as const };
    const files = await planComponent({
      into: new Plan(tempApp()),
      template: entry,
      componentName: 'my-ns:shopping-cart',
      registry,
      target: { componentName: 'example:provider', client: counterClientModel('example:provider') },
    });
    expect(files.find((f) => f.path === 'components-ts/my-ns-shopping-cart/src/main.ts')?.content.toString()).toBe('ExampleProviderApi:uExampleProviderApi');
  });
});
