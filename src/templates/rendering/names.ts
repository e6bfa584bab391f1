/**
 * Component names and Golem's placeholder table. A component name is `<namespace>:<name>`, each
 * part a WIT identifier; templates spell it in many forms (`component-name`, `PackName`, …),
 * replaced in Golem's order (golem-templates `transform`, v1.2.5) so later patterns see the
 * output of earlier ones exactly as Golem does.
 */
import { toPascal as pascal, toSnake as snake, toTitle as title } from '../../text/case.js';

const WIT_IDENTIFIER = /^[a-z][a-z0-9]*(?:-[a-z][a-z0-9]*)*$/;
const EXAMPLE = 'example:shopping-cart';

/**
 * The name becomes folder and file names (`components-ts/<ns>-<name>`, `<ns>_<name>.wasm`, …),
 * each at most 255 bytes on common file systems; this leaves room for what is added to it.
 */
const MAX_NAME_LENGTH = 200;

/** Undefined when valid, else a one-line message that shows a valid example. */
export function validateComponentName(name: string): string | undefined {
  if (name.length > MAX_NAME_LENGTH) {
    return `invalid component name '${name.slice(0, 40)}…': ${name.length} characters, at most ${MAX_NAME_LENGTH} (it names the component's folder and files)`;
  }
  const parts = name.split(':');
  if (parts.length !== 2) {
    return `invalid component name '${name}': expected <namespace>:<name>, e.g. ${EXAMPLE}`;
  }
  const bad = parts.find((p) => !WIT_IDENTIFIER.test(p));
  if (bad !== undefined) {
    return `invalid component name '${name}': '${bad}' is not a WIT identifier (lowercase words of letters and digits, each starting with a letter, joined by '-'), e.g. ${EXAMPLE}`;
  }
  return undefined;
}

/**
 * Golem's `ComponentName::parts`: split before every capital, `-`, `_` and `:`, lowercase each
 * part and strip one leading `-`, then `_`, then `:`.
 */
export function nameParts(componentName: string): string[] {
  return componentName.split(/(?=[A-Z\-_:])/).map((part) => part.toLowerCase().replace(/^-/, '').replace(/^_/, '').replace(/^:/, ''));
}

const titleWord = title;

/** Every spelling of a component name that templates use, as Golem computes them. */
export interface NameForms {
  /** `my-ns:shopping-cart` */
  colon: string;
  namespace: string;
  name: string;
  /** `my_ns`, `shopping_cart`: Rust module names of the two parts. */
  namespaceSnake: string;
  nameSnake: string;
  kebab: string;
  snake: string;
  pascal: string;
  camel: string;
}

export function nameForms(componentName: string): NameForms {
  const parts = nameParts(componentName);
  const pascal = parts.map(titleWord).join('');
  // heck's lowerCamelCase of the Pascal form: the first part lowercased, the others title-cased.
  const camel = parts.map((p, i) => (i === 0 ? p : titleWord(p))).join('');
  const [namespace = '', name = ''] = componentName.split(':');
  return {
    colon: componentName,
    namespace,
    name,
    namespaceSnake: snake(namespace),
    nameSnake: snake(name),
    kebab: parts.join('-'),
    snake: parts.join('_'),
    pascal,
    camel,
  };
}

/** Golem's placeholders with their values for `componentName`, in the order Golem applies them. */
export function placeholderValues(componentName: string): Array<[placeholder: string, value: string]> {
  const f = nameForms(componentName);
  return [
    ['componentnameapi', `${nameParts(componentName).join('')}api`],
    ['componentname', f.colon],
    ['component-name', f.kebab],
    ['ComponentName', f.pascal],
    ['componentName', f.camel],
    ['component_name', f.snake],
    ['pack::name', `${f.namespace}::${f.name}`],
    ['pa_ck::na_me', `${snake(f.namespace)}::${snake(f.name)}`],
    ['pack:name', `${f.namespace}:${f.name}`],
    ['pack_name', `${snake(f.namespace)}_${snake(f.name)}`],
    ['pack-name', `${f.namespace}-${f.name}`],
    ['pack/name', `${f.namespace}/${f.name}`],
    ['PackName', `${pascal(f.namespace)}${pascal(f.name)}`],
    ['pack-ns', f.namespace],
    ['PackNs', title(f.namespace)],
    ['__pack__', snake(f.namespace)],
    ['__name__', snake(f.name)],
    // Last, so the literal it writes is never expanded again.
    ['__cn__', 'componentName'],
  ];
}

/** Chained replace-all in table order (each pattern also sees earlier replacements). */
export function substitutePlaceholders(text: string, values: ReadonlyArray<readonly [string, string]>): string {
  return values.reduce((acc, [placeholder, value]) => acc.split(placeholder).join(value), text);
}
