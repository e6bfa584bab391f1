/** `.hbs` files: rendered with Handlebars and the documented context, the suffix dropped; everything else substituted as Golem does. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Plan } from '../../src/fs/plan.js';
import { counterClientModel, findComponentTemplate, loadBundledRegistry, planComponent } from '../../src/templates/index.js';
import { tempApp } from './helpers.js';

const registry = loadBundledRegistry();

function template(files: Record<string, string>): string {
  const folder = join(tempApp('cga-hbs-'), 'ts', 'ts-app-component-sample');
  mkdirSync(folder, { recursive: true });
  writeFileSync(join(folder, 'metadata.json'), JSON.stringify({ description: 'sample', appComponentGroup: 'default' }));
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(join(folder, path, '..'), { recursive: true });
    writeFileSync(join(folder, path), content);
  }
  return folder;
}

async function render(files: Record<string, string>, target?: string) {
  const entry = findComponentTemplate(registry, template(files));
  const planned = await planComponent({
    into: new Plan(tempApp()),
    template: target ? { ...entry, role: 'caller' } : entry,
    componentName: 'my-ns:shopping-cart',
    registry,
    ...(target ? { target: { componentName: target, client: counterClientModel(target) } } : {}),
  });
  return new Map(planned.filter((f) => f.template === entry.id).map((f) => [f.path, f.content.toString('utf8')]));
}

/** The bundled ts/caller's main.ts for a caller of `client`. */
async function tsCallerMain(client: ReturnType<typeof counterClientModel>): Promise<string> {
  const entry = findComponentTemplate(registry, 'ts/caller');
  const files = await planComponent({
    into: new Plan(tempApp()),
    template: entry,
    componentName: 'example:caller',
    registry,
    target: { componentName: 'example:provider', client },
  });
  return files.find((f) => f.path === 'components-ts/example-caller/src/main.ts')!.content.toString();
}

describe('.hbs files', () => {
  it('get the component name forms, lose the suffix, and keep `\\{{` as a literal', async () => {
    const out = await render({
      'components-ts/component-name/info.txt.hbs':
        '{{component.colon}} {{component.namespace}} {{component.name}} {{component.kebab}} {{component.snake}} {{component.pascal}} {{component.camel}} {{component.namespaceSnake}}::{{component.nameSnake}} {{template.language}} \\{{ component_name | to_snake_case }}',
    });
    expect(out.get('components-ts/my-ns-shopping-cart/info.txt')).toBe(
      'my-ns:shopping-cart my-ns shopping-cart my-ns-shopping-cart my_ns_shopping_cart MyNsShoppingCart myNsShoppingCart my_ns::shopping_cart ts {{ component_name | to_snake_case }}',
    );
  });

  it('are not also given placeholder substitution; other files are', async () => {
    const out = await render({ 'components-ts/component-name/a.txt.hbs': 'component-name', 'components-ts/component-name/b.txt': 'component-name' });
    expect(out.get('components-ts/my-ns-shopping-cart/a.txt')).toBe('component-name');
    expect(out.get('components-ts/my-ns-shopping-cart/b.txt')).toBe('my-ns-shopping-cart');
  });

  it("see a caller's target: its name forms and client model", async () => {
    const out = await render(
      {
        'components-ts/component-name/calls.txt.hbs':
          '{{target.component.colon}} {{target.client.clientPackage}} {{target.client.tsModule}} {{target.client.rustModule}}\n{{#each target.client.resources}}{{pascal}}:{{#each functions}} {{name}}({{#each params}}{{name}}: {{type}}{{/each}}){{#if returnsValue}} -> {{result}}{{/if}}{{/each}}{{/each}}',
      },
      'example:provider',
    );
    expect(out.get('components-ts/my-ns-shopping-cart/calls.txt')).toBe(
      'example:provider example:provider-client example:provider-client/example-provider-client example::provider_client::example_provider_client\nExampleProviderApi: add(value: u64) get() -> u64',
    );
  });

  it('the bundled TS caller without a value-returning function: blocking, fire-and-forget and scheduled calls, no polling', async () => {
    const client = counterClientModel('example:provider');
    client.resources[0]!.functions = client.resources[0]!.functions.filter((f) => !f.returnsValue);
    const main = await tsCallerMain(client);
    expect(main).toContain('    exampleProviderApi.blockingAdd(3n);\n    lines.push("add: done");\n');
    expect(main).toContain('    exampleProviderApi.add(3n);\n');
    expect(main).toContain('    const cancellation = exampleProviderApi.scheduleAdd(3n, secondsFromNow(60n));\n');
    expect(main).not.toContain('poll');
  });

  it('golem.yaml is never a Handlebars file', async () => {
    await expect(render({ 'components-ts/component-name/golem.yaml.hbs': 'components: {}' })).rejects.toThrow(/is a Handlebars golem.yaml/);
  });

  it('a caller template writes values of any type, and leaves to its comment a function whose arguments it cannot write', async () => {
    const client = counterClientModel('example:provider');
    const add = client.resources[0]!.functions[0]!;
    add.params[0] = { ...add.params[0]!, type: 'list<u8>', shape: { kind: 'list', element: { kind: 'primitive', name: 'u8' } } };
    const get = client.resources[0]!.functions[1]!;
    // A handle to a resource the client does not offer (no entity): no value can be written for it.
    (client.types as Map<string, unknown>).set('7', { name: 'pollable', owner: { namespace: 'wasi', package: 'io', interface: 'poll' }, def: { kind: 'resource' } });
    get.params.push({ name: 'p', camel: 'p', snake: 'p', type: 'pollable', shape: { kind: 'own', id: '7' } });
    const main = await tsCallerMain(client);
    expect(main).toContain('exampleProviderApi.blockingAdd(new Uint8Array([1]));');
    expect(main).toContain('// Not called here: example-provider-api.get;');
    expect(main).not.toContain('blockingGet');
  });
});
