/**
 * `*.hbs` template files: rendered with Handlebars, then the suffix is dropped. The context
 * (documented in templates/README.md):
 *
 *   component  name forms of the new component: colon, namespace, name, kebab, snake, pascal, camel
 *   template   { id, language }
 *   target     (caller templates) { component: name forms of the target, client: ClientModel,
 *              example: CallerExample (ready-made calls per language, caller-example.ts) }
 *
 * Handlebars runs in its own environment with only our helpers, strict (a missing field is an
 * error), without prototype access, and without HTML escaping (the output is source code).
 * A literal `{{` is written `\{{`. Handlebars is loaded only when a template has `.hbs` files.
 */
import { UserError } from '../../errors.js';
import { callerExample, type CallerExample } from './caller-example.js';
import type { ClientModel } from './client-model.js';
import { nameForms, type NameForms } from './names.js';
import { readTemplateTree } from './template-files.js';
import type { TemplateEntry } from '../registries/registry.js';

export interface CallerTarget {
  /** `ns:name` of the component the caller calls. */
  componentName: string;
  client: ClientModel;
}

export interface HandlebarsContext {
  component: NameForms;
  template: { id: string; language: string };
  target?: { component: NameForms; client: ClientModel; example: CallerExample };
}

type Render = (text: string, file: string) => string;

/** Names that reach JavaScript prototypes or accessors. */
const FORBIDDEN_NAMES = new Set(['constructor', '__proto__', 'prototype', '__defineGetter__', '__defineSetter__', '__lookupGetter__', '__lookupSetter__']);

/** Our helpers, the only ones templates can call. */
const HELPERS: Record<string, (...args: unknown[]) => unknown> = {
  eq: (a, b) => a === b,
  not: (a) => !a,
  /** The first element of a list: `{{#with (first target.client.resources)}}`. */
  first: (list) => (Array.isArray(list) ? list[0] : undefined),
  /** The first function of a resource that returns a value (for non-blocking examples). */
  firstReturning: (functions) => (Array.isArray(functions) ? functions.find((f: { returnsValue?: boolean }) => f.returnsValue) : undefined),
  /** Comma-joined list. */
  join: (list, sep) => (Array.isArray(list) ? list.join(typeof sep === 'string' ? sep : ', ') : ''),
};

export function hasHandlebarsFiles(folder: string): boolean {
  return readTemplateTree(folder).files.some((f) => f.path.endsWith('.hbs'));
}

export function handlebarsContext(componentName: string, template: TemplateEntry, target?: CallerTarget): HandlebarsContext {
  return {
    component: nameForms(componentName),
    template: { id: template.id, language: template.language },
    ...(target ? { target: { component: nameForms(target.componentName), client: target.client, example: callerExample(target.client) } } : {}),
  };
}

/**
 * A renderer for the `.hbs` files of `folders`, or undefined when none has any (Handlebars is
 * then never loaded).
 */
export async function handlebarsRenderer(opts: { componentName: string; template: TemplateEntry; target?: CallerTarget; folders: string[] }): Promise<Render | undefined> {
  if (!opts.folders.some(hasHandlebarsFiles)) return undefined;
  const { default: Handlebars } = await import('handlebars');
  const env = Handlebars.create();
  // Built-ins that reach outside the context or the console are not ours to offer.
  for (const builtin of ['log', 'lookup', 'helperMissing', 'blockHelperMissing']) env.unregisterHelper(builtin);
  for (const [name, fn] of Object.entries(HELPERS)) env.registerHelper(name, (...args: unknown[]) => fn(...args.slice(0, -1)));
  const context = handlebarsContext(opts.componentName, opts.template, opts.target);
  /** Refuses property names that lead to prototypes, before anything is evaluated. */
  class PrototypeGuard extends Handlebars.Visitor {
    override PathExpression(path: hbs.AST.PathExpression): void {
      const bad = path.parts.find((part) => FORBIDDEN_NAMES.has(part));
      if (bad !== undefined) throw new Error(`'${path.original}' reaches '${bad}', which templates may not use`);
    }
  }
  return (text, file) => {
    try {
      new PrototypeGuard().accept(Handlebars.parse(text));
      const compiled = env.compile(text, { noEscape: true, strict: true, knownHelpers: Object.fromEntries(Object.keys(HELPERS).map((h) => [h, true])), knownHelpersOnly: true });
      return compiled(context, { allowProtoPropertiesByDefault: false, allowProtoMethodsByDefault: false });
    } catch (err) {
      throw new UserError(`template ${opts.template.id}: ${file}: ${(err as Error).message.split('\n')[0]}`, {
        code: 'E_TEMPLATE',
        hint: 'Fix the Handlebars file (the fields and helpers a template can use are in templates/README.md of create-golem-app); nothing was written.',
      });
    }
  };
}
