/**
 * `*.hbs` template files: rendered with Handlebars, then the suffix is dropped. The context
 * (documented in templates/README.md):
 *
 *   component  name forms of the new component: colon, namespace, name, kebab, snake, pascal, camel
 *   template   { id, language }
 *   target     (caller templates) { component: name forms of the target, client: ClientModel,
 *              example: CallerExample (a ready-made example per language, caller-example.ts) }
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
  /** Every non-empty line of a text indented by `n` spaces: `{{indent target.example.rust.body 8}}`. */
  indent: (text, n) => {
    const pad = ' '.repeat(typeof n === 'number' && n >= 0 && n <= 64 ? n : 0);
    return String(text ?? '')
      .split('\n')
      .map((line) => (line ? pad + line : line))
      .join('\n');
  },
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

/** Helpers Handlebars has built in that stay: the block helpers. */
const BUILTIN_BLOCK_HELPERS = new Set(['if', 'unless', 'each', 'with']);
/** Built-ins that reach outside the context or the console: not ours to offer. */
const REMOVED_BUILTINS = ['log', 'lookup', 'helperMissing', 'blockHelperMissing'];

/** A mistake in a Handlebars file, at its 1-based line and column when known. */
class HandlebarsProblem extends Error {
  constructor(
    message: string,
    readonly line?: number,
    readonly column?: number,
  ) {
    super(message);
  }
}

type Loc = hbs.AST.SourceLocation;
const at = (message: string, loc: Loc | undefined) => new HandlebarsProblem(message, loc?.start.line, loc === undefined ? undefined : loc.start.column + 1);

/** Handlebars' parse errors, in a few words: `Expecting 'ID', …, got 'EOF'` → `unexpected end of file`. */
function describeParseError(message: string): string {
  const got = /got '([^']+)'\s*$/.exec(message)?.[1];
  if (got === 'EOF') return 'parse error: unexpected end of file (a {{ or a block is not closed)';
  if (got !== undefined) return `parse error: unexpected ${got === 'INVALID' ? 'text' : `'${got}'`} inside {{ }}`;
  if (/^Lexical error/.test(message)) return 'parse error: unrecognised text (an unclosed comment or {{?)';
  return `parse error: ${message.split('\n')[0]}`;
}

/**
 * A renderer for the `.hbs` files of `folders`, or undefined when none has any (Handlebars is
 * then never loaded). Every mistake is one UserError at the file's line and column: unknown
 * helpers and partials, names that reach prototypes, parse errors (checked on the parsed file,
 * before anything runs) and missing fields (strict mode, while rendering).
 */
export async function handlebarsRenderer(opts: { componentName: string; template: TemplateEntry; target?: CallerTarget; folders: string[] }): Promise<Render | undefined> {
  if (!opts.folders.some(hasHandlebarsFiles)) return undefined;
  const { default: Handlebars } = await import('handlebars');
  const env = Handlebars.create();
  for (const builtin of REMOVED_BUILTINS) env.unregisterHelper(builtin);
  for (const [name, fn] of Object.entries(HELPERS)) env.registerHelper(name, (...args: unknown[]) => fn(...args.slice(0, -1)));
  const knownHelpers = { ...Object.fromEntries(REMOVED_BUILTINS.map((h) => [h, false])), ...Object.fromEntries(Object.keys(HELPERS).map((h) => [h, true])) };
  const context = handlebarsContext(opts.componentName, opts.template, opts.target);

  /** Checks a parsed file before anything is evaluated; remembers where each path is (for "missing field"). */
  class Guard extends Handlebars.Visitor {
    readonly paths = new Map<string, string>();
    private call(path: hbs.AST.Expression, isCall: boolean): void {
      if (path.type !== 'PathExpression') return;
      const { original, loc } = path as hbs.AST.PathExpression;
      if (REMOVED_BUILTINS.includes(original)) throw at(`unknown helper '${original}' (Handlebars' ${original} is not available to templates)`, loc);
      if (isCall && !Object.hasOwn(HELPERS, original) && !BUILTIN_BLOCK_HELPERS.has(original)) {
        throw at(`unknown helper '${original}' (helpers: ${[...BUILTIN_BLOCK_HELPERS, ...Object.keys(HELPERS)].join(', ')})`, loc);
      }
    }
    override MustacheStatement(node: hbs.AST.MustacheStatement): void {
      this.call(node.path, node.params.length > 0 || node.hash !== undefined);
      super.MustacheStatement(node);
    }
    override BlockStatement(node: hbs.AST.BlockStatement): void {
      this.call(node.path, node.params.length > 0 || node.hash !== undefined);
      super.BlockStatement(node);
    }
    override SubExpression(node: hbs.AST.SubExpression): void {
      this.call(node.path, true);
      super.SubExpression(node);
    }
    override PartialStatement(node: hbs.AST.PartialStatement): void {
      const name = (node.name as { original?: unknown }).original;
      throw at(`unknown partial '${String(name)}' (templates have no partials)`, node.loc);
    }
    override PartialBlockStatement(node: hbs.AST.PartialBlockStatement): void {
      const name = (node.name as { original?: unknown }).original;
      throw at(`unknown partial '${String(name)}' (templates have no partials)`, node.loc);
    }
    override DecoratorBlock(node: hbs.AST.DecoratorBlock): void {
      throw at('decorators are not available to templates', node.loc);
    }
    override Decorator(node: hbs.AST.Decorator): void {
      throw at('decorators are not available to templates', node.loc);
    }
    override PathExpression(path: hbs.AST.PathExpression): void {
      const bad = path.parts.find((part) => FORBIDDEN_NAMES.has(part));
      if (bad !== undefined) throw at(`'${path.original}' reaches '${bad}', which templates may not use`, path.loc);
      this.paths.set(`${path.loc.start.line}:${path.loc.start.column}`, path.original);
    }
  }

  const parse = (text: string): hbs.AST.Program => {
    try {
      return Handlebars.parse(text);
    } catch (err) {
      const { lineNumber, column } = err as { lineNumber?: number; column?: number };
      if (lineNumber !== undefined) throw new HandlebarsProblem((err as Error).message.replace(/ - \d+:\d+$/, ''), lineNumber, (column ?? 0) + 1);
      const where = (Handlebars as unknown as { Parser?: { lexer?: { yylloc?: { first_line: number; first_column: number } } } }).Parser?.lexer?.yylloc;
      throw new HandlebarsProblem(describeParseError((err as Error).message), where?.first_line, where === undefined ? undefined : where.first_column + 1);
    }
  };

  const render = (text: string): string => {
    const guard = new Guard();
    const ast = parse(text);
    guard.accept(ast);
    try {
      const compiled = env.compile(ast, { noEscape: true, strict: true, knownHelpers, knownHelpersOnly: true });
      return compiled(context, { allowProtoPropertiesByDefault: false, allowProtoMethodsByDefault: false });
    } catch (err) {
      const { lineNumber, column } = err as { lineNumber?: number; column?: number };
      const message = (err as Error).message.replace(/ - \d+:\d+$/, '');
      const missing = /^"([^"]+)" not defined in /.exec(message);
      if (missing && lineNumber !== undefined) {
        const path = guard.paths.get(`${lineNumber}:${column ?? 0}`) ?? missing[1];
        throw new HandlebarsProblem(`missing field '${path}' (the fields a template can use are in templates/README.md)`, lineNumber, (column ?? 0) + 1);
      }
      throw new HandlebarsProblem(message.split('\n')[0]!, lineNumber, lineNumber === undefined ? undefined : (column ?? 0) + 1);
    }
  };

  return (text, file) => {
    try {
      return render(text);
    } catch (err) {
      const problem = err instanceof HandlebarsProblem ? err : new HandlebarsProblem((err as Error).message.split('\n')[0]!);
      const hint = `Fix the Handlebars file of template ${opts.template.id} (the fields and helpers a template can use are in templates/README.md of create-golem-app); nothing was written.`;
      if (problem.line === undefined) throw new UserError(`${file}: ${problem.message}`, { code: 'E_TEMPLATE', hint });
      throw new UserError(problem.message, { code: 'E_TEMPLATE', location: { file, line: problem.line, column: problem.column ?? 1 }, hint });
    }
  };
}
