/**
 * Canonical WIT text from the syntax tree: two-space indentation, one item per line, docs as
 * `///` lines (multi-line block docs as `/** … *\/`), gates kept, keywords `%`-escaped.
 * `parseWitText(printWitFile(f))` gives back the same tree (spans aside).
 */
import type * as A from './ast.js';
import { isKeyword } from './lexer.js';

/** The whole file: package declaration, items, nested packages; docs and gates kept. */
export function printWitFile(file: A.WitFile): string {
  const out: string[] = [];
  if (file.package) {
    docs(out, file.package.docs, '');
    out.push(`package ${packageName(file.package.name)};`);
  }
  for (const item of file.items) {
    if (out.length) out.push('');
    topItem(out, item, '');
  }
  return `${out.join('\n')}\n`;
}

/** Alias of `printWitFile` (a file is the unit that holds a package). */
export function printPackage(file: A.WitFile): string {
  return printWitFile(file);
}

/** One type expression, e.g. `result<list<u8>, error>`. */
export function printType(t: A.TypeRef): string {
  switch (t.kind) {
    case 'primitive':
      return t.name;
    case 'named':
      return ident(t.name.name);
    case 'list':
      return `list<${printType(t.element)}>`;
    case 'option':
      return `option<${printType(t.element)}>`;
    case 'tuple':
      return `tuple<${t.elements.map(printType).join(', ')}>`;
    case 'own':
      return `own<${ident(t.resource.name)}>`;
    case 'borrow':
      return `borrow<${ident(t.resource.name)}>`;
    case 'result':
      if (!t.ok && !t.err) return 'result';
      if (!t.err) return `result<${printType(t.ok!)}>`;
      return `result<${t.ok ? printType(t.ok) : '_'}, ${printType(t.err)}>`;
  }
}

/** An identifier, `%`-escaped when it is a keyword. */
export function ident(name: string): string {
  return isKeyword(name) ? `%${name}` : name;
}

export function packageName(p: { namespace: string; name: string; version?: string }): string {
  return `${ident(p.namespace)}:${ident(p.name)}${p.version ? `@${p.version}` : ''}`;
}

function usePath(p: A.UsePath): string {
  if (p.kind === 'local') return ident(p.name.name);
  const { namespace, name, version } = p.package;
  return `${ident(namespace)}:${ident(name)}/${ident(p.name.name)}${version ? `@${version}` : ''}`;
}

function docs(out: string[], d: A.Docs, indent: string): void {
  for (const line of d.lines) out.push(line.includes('\n') ? `${indent}/**${line}*/` : `${indent}///${line}`);
}

function gates(out: string[], gs: A.Gate[], indent: string): void {
  for (const g of gs) {
    out.push(g.kind === 'unstable' ? `${indent}@unstable(feature = ${ident(g.feature)})` : `${indent}@${g.kind}(version = ${g.version})`);
  }
}

function head(out: string[], item: A.ItemBase, indent: string): void {
  docs(out, item.docs, indent);
  gates(out, item.gates, indent);
}

function topItem(out: string[], item: A.PackageItem | A.NestedPackage, indent: string): void {
  head(out, item, indent);
  switch (item.kind) {
    case 'interface':
      block(out, `${indent}interface ${ident(item.name.name)}`, item.items, indent, interfaceItem);
      return;
    case 'world':
      block(out, `${indent}world ${ident(item.name.name)}`, item.items, indent, worldItem);
      return;
    case 'toplevel-use':
      out.push(`${indent}use ${usePath(item.item)}${item.as ? ` as ${ident(item.as.name)}` : ''};`);
      return;
    case 'nested-package': {
      out.push(`${indent}package ${packageName(item.name)} {`);
      item.items.forEach((inner, i) => {
        if (i > 0) out.push('');
        topItem(out, inner, `${indent}  `);
      });
      out.push(`${indent}}`);
      return;
    }
  }
}

function block<T>(out: string[], opener: string, items: T[], indent: string, each: (out: string[], item: T, indent: string) => void): void {
  if (items.length === 0) {
    out.push(`${opener} {}`);
    return;
  }
  out.push(`${opener} {`);
  for (const item of items) each(out, item, `${indent}  `);
  out.push(`${indent}}`);
}

function funcType(f: A.FuncType): string {
  const params = f.params.map((p) => `${ident(p.name.name)}: ${printType(p.type)}`).join(', ');
  return `func(${params})${f.result ? ` -> ${printType(f.result)}` : ''}`;
}

function interfaceItem(out: string[], item: A.InterfaceItem, indent: string): void {
  head(out, item, indent);
  if (item.kind === 'use') out.push(`${indent}${useText(item)}`);
  else if (item.kind === 'func') out.push(`${indent}${ident(item.name.name)}: ${funcType(item.func)};`);
  else typeDef(out, item, indent);
}

function useText(u: A.Use): string {
  const names = u.names.map((n) => (n.as ? `${ident(n.name.name)} as ${ident(n.as.name)}` : ident(n.name.name)));
  return `use ${usePath(u.from)}.{${names.join(', ')}};`;
}

function typeDef(out: string[], t: A.TypeDef, indent: string): void {
  const name = ident(t.name.name);
  const inner = `${indent}  `;
  const lines = <T extends A.ItemBase>(items: T[], text: (item: T) => string): void => {
    for (const item of items) {
      docs(out, item.docs, inner);
      out.push(`${inner}${text(item)},`);
    }
  };
  switch (t.kind) {
    case 'alias':
      out.push(`${indent}type ${name} = ${printType(t.type)};`);
      return;
    case 'record':
      out.push(`${indent}record ${name} {`);
      lines(t.fields, (f) => `${ident(f.name.name)}: ${printType(f.type)}`);
      break;
    case 'variant':
      out.push(`${indent}variant ${name} {`);
      lines(t.cases, (c) => `${ident(c.name.name)}${c.type ? `(${printType(c.type)})` : ''}`);
      break;
    case 'enum':
      out.push(`${indent}enum ${name} {`);
      lines(t.cases, (c) => ident(c.name.name));
      break;
    case 'flags':
      out.push(`${indent}flags ${name} {`);
      lines(t.flags, (c) => ident(c.name.name));
      break;
    case 'resource':
      if (!t.hasBody) {
        out.push(`${indent}resource ${name};`);
        return;
      }
      out.push(`${indent}resource ${name} {`);
      for (const f of t.funcs) {
        head(out, f, inner);
        if (f.kind === 'constructor') out.push(`${inner}${funcType(f.func).replace(/^func/, 'constructor')};`);
        else out.push(`${inner}${ident(f.name.name)}: ${f.kind === 'static' ? 'static ' : ''}${funcType(f.func)};`);
      }
      break;
  }
  out.push(`${indent}}`);
}

function worldItem(out: string[], item: A.WorldItem, indent: string): void {
  head(out, item, indent);
  switch (item.kind) {
    case 'use':
      out.push(`${indent}${useText(item)}`);
      return;
    case 'include': {
      const w = item.with.map((n) => `${ident(n.from.name)} as ${ident(n.to.name)}`);
      out.push(`${indent}include ${usePath(item.from)}${w.length ? ` with { ${w.join(', ')} }` : ';'}`);
      return;
    }
    case 'import':
    case 'export': {
      const e = item.extern;
      if (e.kind === 'path') out.push(`${indent}${item.kind} ${usePath(e.path)};`);
      else if (e.kind === 'func') out.push(`${indent}${item.kind} ${ident(e.name.name)}: ${funcType(e.func)};`);
      else block(out, `${indent}${item.kind} ${ident(e.name.name)}: interface`, e.items, indent, interfaceItem);
      return;
    }
    default:
      typeDef(out, item, indent);
  }
}
