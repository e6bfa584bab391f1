/**
 * A JSON file that failed its schema (schema-validator.ts), as one line: the most useful error,
 * the JSON path of the bad value, and its line and column in the file.
 */
import { LineCounter, parseDocument } from 'yaml';
import { UserError } from '../errors.js';
import type { SchemaError } from './schema-validator.js';

/** `/templates/2/kind` → `templates[2].kind` */
export function jsonPathOf(pointer: string): string {
  return pointer
    .split('/')
    .slice(1)
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
    .reduce((acc, seg) => (/^\d+$/.test(seg) ? `${acc}[${seg}]` : acc ? `${acc}.${seg}` : seg), '');
}

/** Line and column (1-based) of the value at `pointer` in the JSON text. */
export function locate(text: string, pointer: string): { line: number; column: number } {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter });
  const path = pointer
    .split('/')
    .slice(1)
    .map((s) => (/^\d+$/.test(s) ? Number(s) : s.replace(/~1/g, '/').replace(/~0/g, '~')));
  for (let n = path.length; n >= 0; n--) {
    const node = doc.getIn(path.slice(0, n), true) as { range?: [number, number, number] } | undefined;
    if (node?.range) {
      const { line, col } = lineCounter.linePos(node.range[0]);
      return { line, column: col };
    }
  }
  return { line: 1, column: 1 };
}

/** The most useful schema error: the deepest one that is not a oneOf summary. */
export function pickError(errors: SchemaError[]): SchemaError {
  const specific = errors.filter(
    (e) => e.keyword !== 'oneOf' && e.keyword !== 'not' && !(e.keyword === 'required' && errors.some((o) => o.keyword === 'oneOf' && o.instancePath === e.instancePath)),
  );
  const pool = specific.length
    ? specific
    : errors
        .filter((e) => e.keyword === 'oneOf')
        .concat(errors)
        .slice(0, 1);
  return pool.reduce((best, e) => (e.instancePath.length > best.instancePath.length ? e : best));
}

export function describe(e: SchemaError): string {
  if (e.keyword === 'additionalProperties') return `unknown field '${String(e.params.additionalProperty)}'`;
  if (e.keyword === 'enum') return `${e.message} (${(e.params.allowedValues as unknown[]).join(', ')})`;
  if (e.keyword === 'oneOf') return 'needs exactly one of "path" or "source"';
  if (e.keyword === 'required') return `missing field '${String(e.params.missingProperty)}'`;
  // registry.schema.json's remote-source pattern starts by refusing what a local path starts with.
  if (e.keyword === 'pattern' && String(e.params.pattern).startsWith('^(?![./~')) return 'must be a remote source (a hosted shorthand or a git URL), not a local path or file: URL';
  // The schemas' relative-path pattern starts by refusing a leading separator.
  if (e.keyword === 'pattern' && String(e.params.pattern).startsWith('^(?![\\\\/])')) return 'must be a relative path that stays inside (no "..", not absolute, no drive letter)';
  return e.message ?? e.keyword;
}

/** The error at `pointer` (a JSON pointer) of `file`, whose text is `text`. */
export function jsonFailure(file: string, text: string, pointer: string, what: string, options: { code: string; hint: string }): UserError {
  const where = jsonPathOf(pointer);
  return new UserError(`${where ? `${where}: ` : ''}${what}`, { ...options, location: { file, ...locate(text, pointer) } });
}

/** The one error of a value that failed its schema. */
export function schemaFailure(file: string, text: string, errors: SchemaError[], options: { code: string; hint: string }): UserError {
  const e = pickError(errors);
  return jsonFailure(file, text, e.instancePath, describe(e), options);
}
