/**
 * The small part of minijinja that Golem's manifests use: `{{ component_name | to_snake_case }}`.
 * Variables are `component_name` and `componentName` (both the component's name); filters are
 * Golem's case filters. Anything else is reported, not guessed.
 */
import { CASE_FILTERS } from '../text/case.js';

const EXPRESSION = /\{\{(.*?)\}\}/g;
const VARIABLES = ['component_name', 'componentName'];

/** Renders every `{{ … }}` of `value` for `componentName`. Throws an Error naming the problem. */
export function renderTemplateValue(value: string, componentName: string): string {
  if (value.includes('{%') || value.includes('{#')) {
    throw new Error(`unsupported template syntax in '${value}' (only {{ variable | filter }} is understood)`);
  }
  return value.replace(EXPRESSION, (_whole, inner: string) => {
    const [variable = '', ...filters] = inner.split('|').map((part) => part.trim());
    if (!VARIABLES.includes(variable)) {
      throw new Error(`unknown variable '${variable}' in '${value}' (known: ${VARIABLES.join(', ')})`);
    }
    return filters.reduce((text, filter) => {
      const apply = CASE_FILTERS[filter];
      if (!apply) throw new Error(`unknown filter '${filter}' in '${value}' (known: ${Object.keys(CASE_FILTERS).join(', ')})`);
      return apply(text);
    }, componentName);
  });
}
