/**
 * Unrendered placeholders in a rendered file: a `{{ name }}`-style expression that survived
 * rendering means the author expected substitution that never happened (a Handlebars
 * expression in a file without `.hbs`, a misspelt name). golem.yaml keeps Golem's own
 * minijinja values, whose only variables are the component name.
 */

/**
 * `{{ x }}`, `{{ user.name }}`, `{{#if x}}`, `{{> partial}}`: a name (path) first, then nothing or
 * arguments after a space. Not Rust's `{{}}` brace escapes, not code such as `{{a: 1}}`.
 */
const EXPRESSION = /\{\{\s*([#/^>!&]?)\s*([A-Za-z_@.][\w.@/-]*(?:\s+[^{}\n]*?)?)\s*\}\}/g;
/** Golem 1.2.5's minijinja context for golem.yaml values (`model/app.rs` template_env). */
const MINIJINJA_VARIABLES = new Set(['component_name', 'componentName']);

export interface Leftover {
  line: number;
  column: number;
  text: string;
}

function allowedInManifest(body: string): boolean {
  const variable = /^[A-Za-z_][A-Za-z0-9_]*/.exec(body)?.[0];
  return variable !== undefined && MINIJINJA_VARIABLES.has(variable);
}

export function findLeftovers(text: string, isManifest: boolean): Leftover[] {
  const out: Leftover[] = [];
  for (const match of text.matchAll(EXPRESSION)) {
    const [whole, sigil = '', body = ''] = match;
    if (isManifest && sigil === '' && allowedInManifest(body)) continue;
    const before = text.slice(0, match.index);
    const line = before.split('\n').length;
    out.push({ line, column: match.index - before.lastIndexOf('\n'), text: whole });
  }
  return out;
}
