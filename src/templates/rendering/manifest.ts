/**
 * golem.yaml handling as golem-cli 1.2.5 does it: the `# golem-app-manifest-header` and
 * `# golem-app-manifest-component-hints` marker lines become Golem's comment blocks; a component
 * template's golem.yaml also gets the placeholder substitution. Golem's own minijinja
 * expressions (`{{ component_name | to_snake_case }}`, evaluated by golem at load time) are
 * kept verbatim: substitution never reaches inside `{{ … }}`, `{% … %}` or `{# … #}`.
 */
import { substitutePlaceholders } from './names.js';

export const GOLEM_SCHEMA_URL = 'https://schema.golem.cloud/app/golem/1.2.5/golem.schema.json';

const HEADER_MARKER = '# golem-app-manifest-header\n';
const HINTS_MARKER = '# golem-app-manifest-component-hints\n';

const MANIFEST_HEADER = [
  '# Schema for IDEA:',
  `# $schema: ${GOLEM_SCHEMA_URL}`,
  '# Schema for vscode-yaml',
  `# yaml-language-server: $schema=${GOLEM_SCHEMA_URL}`,
  '',
  '# See https://learn.golem.cloud/docs/app-manifest#field-reference for field reference',
  '# For creating APIs see https://learn.golem.cloud/invoke/making-custom-apis',
  '',
].join('\n');

/** `componentname` is substituted like any template text. */
const COMPONENT_HINTS = [
  '# Example for adding dependencies for Worker to Worker communication:',
  '# See https://learn.golem.cloud/docs/app-manifest#fields_dependencies for more information',
  '#',
  '#dependencies:',
  '#  componentname:',
  '#  - target: <target component name to be called>',
  '#    type: wasm-rpc',
  '',
].join('\n');

type Values = ReadonlyArray<readonly [string, string]>;

/** Replaces the two marker lines (a common template's golem.yaml gets only this). */
export function expandManifestMarkers(text: string, values: Values): string {
  return text.split(HEADER_MARKER).join(MANIFEST_HEADER).split(HINTS_MARKER).join(substitutePlaceholders(COMPONENT_HINTS, values));
}

/**
 * The line of a template's golem.yaml (`source`) that line `line` (1-based) of its rendered text
 * came from: the two marker lines become whole blocks, everything else keeps its line.
 */
export function templateManifestLine(source: string, line: number): number {
  const blockLines = (block: string) => block.split('\n').length - 1;
  const lines = source.split('\n');
  let rendered = 0;
  for (let i = 0; i < lines.length; i++) {
    const text = `${lines[i]}\n`;
    rendered += text === HEADER_MARKER ? blockLines(MANIFEST_HEADER) : text === HINTS_MARKER ? blockLines(COMPONENT_HINTS) : 1;
    if (line <= rendered) return i + 1;
  }
  return lines.length;
}

const JINJA_SPAN = /(\{\{[\s\S]*?\}\}|\{%[\s\S]*?%\}|\{#[\s\S]*?#\})/;

/** Placeholder substitution outside minijinja spans only. */
export function substituteOutsideJinja(text: string, values: Values): string {
  return text
    .split(JINJA_SPAN)
    .map((segment, i) => (i % 2 === 1 ? segment : substitutePlaceholders(segment, values)))
    .join('');
}

/** A component template's golem.yaml: full substitution (minijinja kept), then the markers. */
export function renderComponentManifest(text: string, values: Values): string {
  return expandManifestMarkers(substituteOutsideJinja(text, values), values);
}
