/** The pure parts of the prompts: suggested names, live validation, option lists, the summary text. */
import { describe, expect, it } from 'vitest';
import { componentChoices, templateChoices, templateLanguages } from '../../src/cli/prompts/choices.js';
import { commonNamespace, componentNameValidator, suggestComponentName } from '../../src/cli/prompts/names.js';
import { graphLines, planLines } from '../../src/cli/prompts/summary.js';
import { loadBundledRegistry } from '../../src/templates/index.js';

describe('names', () => {
  it('suggests the first free name', () => {
    expect(suggestComponentName('shop', 'provider', new Set())).toBe('shop:provider');
    expect(suggestComponentName('shop', 'provider', new Set(['shop:provider', 'shop:provider2']))).toBe('shop:provider3');
  });

  it('joins the namespace most components use', () => {
    expect(commonNamespace(['a:x', 'b:y', 'b:z'], 'app')).toBe('b');
    expect(commonNamespace([], 'app')).toBe('app');
  });

  it('validates WIT rules and taken names, and lets an empty answer take the default', () => {
    const validate = componentNameValidator(new Set(['shop:cart']));
    expect(validate('')).toBeUndefined();
    expect(validate('shop:basket')).toBeUndefined();
    expect(validate('shop')).toMatch(/expected <namespace>:<name>/);
    expect(validate('shop:Cart')).toMatch(/'Cart' is not a WIT identifier/);
    expect(validate('shop:cart')).toBe('shop:cart is already a component of this app: choose another name');
    // `shop:cart-x` and `shop-cart:x` would both live in components-<lang>/shop-cart-x.
    const withFolder = componentNameValidator(new Set(['shop-cart:x']));
    expect(withFolder('shop:cart-x')).toBe('shop:cart-x and shop-cart:x would get the same folder name (shop-cart-x): choose another name');
    expect(withFolder('shop:cart-y')).toBeUndefined();
  });
});

describe('choices', () => {
  const templates = loadBundledRegistry().templates;

  it('lists component templates of the chosen languages, grouped by language, with descriptions', () => {
    const ids = templateChoices(templates, ['rust', 'ts']).map((c) => c.value);
    expect(ids.length).toBeGreaterThanOrEqual(2);
    expect(ids.every((id) => !id.endsWith('/common'))).toBe(true);
    const firstTs = ids.findIndex((id) => id.startsWith('ts/'));
    expect(ids.slice(0, firstTs).every((id) => id.startsWith('rust/'))).toBe(true);
    expect(ids.slice(firstTs).every((id) => id.startsWith('ts/'))).toBe(true);
    const defaultTs = templateChoices(templates, ['ts']).find((c) => c.value === 'ts/default')!;
    expect(defaultTs.label).toMatch(/^TypeScript · default +\S/);
    expect(templateLanguages(templates)).toEqual(expect.arrayContaining(['ts', 'rust']));
  });

  it('puts itself first and marks notes in the label', () => {
    const choices = componentChoices(['a:x', 'a:y'], { self: 'a:y', notes: new Map([['a:x', 'already a dependency, wasm-rpc']]) });
    expect(choices.map((c) => c.label)).toEqual(['a:y (itself)', 'a:x (already a dependency, wasm-rpc)']);
  });
});

describe('summary', () => {
  it('collapses deep folders into counts and keeps top files', () => {
    expect(planLines(['golem.yaml', 'wit/common.wit', 'wit/deps/io/poll.wit', 'wit/deps/io/streams.wit', 'wit/deps/cli/run.wit'])).toEqual([
      'golem.yaml',
      'wit/common.wit',
      'wit/deps/ (3 files)',
    ]);
  });

  it('draws the graph, self-dependencies as itself', () => {
    expect(graphLines([])).toEqual(['(no worker-to-worker dependencies)']);
    expect(
      graphLines([
        { caller: 'a:x', target: 'a:x', type: 'wasm-rpc' },
        { caller: 'a:y', target: 'a:x', type: 'wasm-rpc', origin: 'caller template' },
      ]),
    ).toEqual(['a:x → itself (wasm-rpc)', 'a:y → a:x (wasm-rpc, caller template)']);
  });
});
