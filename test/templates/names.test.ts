import { describe, expect, it } from 'vitest';
import { nameParts, placeholderValues, substitutePlaceholders, validateComponentName } from '../../src/templates/rendering/names.js';

const table = (name: string) => new Map(placeholderValues(name));

describe('placeholderValues for my-ns:shopping-cart (Golem 1.2.5 table, docs/client-generation.md §F)', () => {
  const v = table('my-ns:shopping-cart');
  const expected: Array<[string, string]> = [
    ['componentnameapi', 'mynsshoppingcartapi'],
    ['componentname', 'my-ns:shopping-cart'],
    ['component-name', 'my-ns-shopping-cart'],
    ['ComponentName', 'MyNsShoppingCart'],
    ['componentName', 'myNsShoppingCart'],
    ['component_name', 'my_ns_shopping_cart'],
    ['pack::name', 'my-ns::shopping-cart'],
    ['pa_ck::na_me', 'my_ns::shopping_cart'],
    ['pack:name', 'my-ns:shopping-cart'],
    ['pack_name', 'my_ns_shopping_cart'],
    ['pack-name', 'my-ns-shopping-cart'],
    ['pack/name', 'my-ns/shopping-cart'],
    ['PackName', 'MyNsShoppingCart'],
    ['pack-ns', 'my-ns'],
    ['PackNs', 'My Ns'],
    ['__pack__', 'my_ns'],
    ['__name__', 'shopping_cart'],
    ['__cn__', 'componentName'],
  ];
  for (const [placeholder, value] of expected) {
    it(`${placeholder} → ${value}`, () => expect(v.get(placeholder)).toBe(value));
  }
  it("lists the placeholders in Golem's replacement order", () => {
    expect(placeholderValues('my-ns:shopping-cart').map(([p]) => p)).toEqual(expected.map(([p]) => p));
  });
});

describe('placeholderValues for a one-word name', () => {
  it('example:provider', () => {
    const v = table('example:provider');
    expect(v.get('componentnameapi')).toBe('exampleproviderapi');
    expect(v.get('ComponentName')).toBe('ExampleProvider');
    expect(v.get('componentName')).toBe('exampleProvider');
    expect(v.get('PackNs')).toBe('Example');
    expect(v.get('pa_ck::na_me')).toBe('example::provider');
  });
  it('keeps digits inside words (example:demo1)', () => {
    const v = table('example:demo1-counter');
    expect(v.get('pa_ck::na_me')).toBe('example::demo1_counter');
    expect(v.get('ComponentName')).toBe('ExampleDemo1Counter');
    expect(v.get('componentName')).toBe('exampleDemo1Counter');
  });
});

describe('Golem word splitting (ComponentName::parts)', () => {
  it('splits before capitals, -, _ and :', () => {
    expect(nameParts('my-ns:shopping-cart')).toEqual(['my', 'ns', 'shopping', 'cart']);
    expect(nameParts('MyTestComponent')).toEqual(['my', 'test', 'component']);
    expect(nameParts('my_test:component')).toEqual(['my', 'test', 'component']);
  });
});

describe('substitution is chained in order', () => {
  const v = placeholderValues('example:provider');
  it('replaces longer forms before their prefixes', () => {
    expect(substitutePlaceholders('interface component-name-api {}', v)).toBe('interface example-provider-api {}');
    expect(substitutePlaceholders('componentnameapi componentname', v)).toBe('exampleproviderapi example:provider');
    expect(substitutePlaceholders('use pa_ck::na_me_exports::component_name_api', v)).toBe('use example::provider_exports::example_provider_api');
  });
  it('__cn__ writes the literal componentName, not expanded again', () => {
    expect(substitutePlaceholders('__cn__', v)).toBe('componentName');
  });
});

describe('validateComponentName', () => {
  it('accepts WIT identifiers', () => {
    for (const ok of ['example:provider', 'my-ns:shopping-cart', 'a1:b2-c3']) expect(validateComponentName(ok)).toBeUndefined();
  });
  it.each(['provider', 'Example:provider', 'ex:1st', 'ex:a--b', 'ex:a_b', 'a:b:c', ':b', 'a:', 'ex:-a', 'ex:a-'])('rejects %s with a valid example', (bad) => {
    const msg = validateComponentName(bad);
    expect(msg).toContain(`'${bad}'`);
    expect(msg).toContain('example:shopping-cart');
  });
  it('refuses a name too long for its folder and files, the longest allowed passes', () => {
    expect(validateComponentName(`a:${'b'.repeat(198)}`)).toBeUndefined();
    expect(validateComponentName(`a:${'b'.repeat(199)}`)).toBe(
      `invalid component name 'a:${'b'.repeat(38)}…': 201 characters, at most 200 (it names the component's folder and files)`,
    );
  });
});
