/**
 * Exports extraction (docs/client-generation.md §B) done on the source text instead of re-rendering:
 * exported interfaces of the main package move — with their comments and docs — to the package
 * `<ns>:<name>-exports` (inline exported functions to `<world>-inline-functions`, inline exported
 * interfaces to `<world>-<name>`), and only the lines that name them change in the main file.
 *
 * Where Golem 1.2.5 panics or writes WIT that does not resolve, this either does the natural
 * thing (a non-exported interface or world that `use`s a moved interface is pointed at the
 * exports package; inline interfaces may define types) or stops with an error at the construct.
 */
import { UserError } from '../errors.js';
import { attachedDocsStart, type ast, type UsePath, type WitFile } from '../wit/index.js';
import { EXPORTS_FILE, exportsPackage, inlineFunctionsInterface, inlineInterfaceName, interfaceId, packageId, safeDirName, type PackageRef } from './naming.js';
import { applyEdits, dedentTail, indentationAt, lineEnding, removeLines, type TextEdit } from '../text/edits.js';
import { locationOf } from '../text/lines.js';
import { toRef } from './wit-tree.js';

export interface Extraction {
  package: PackageRef;
  /** The rewritten main file. */
  mainText: string;
  /** `deps/<ns>_<name>-exports/exports.wit` */
  exportsPath: string;
  exportsText: string;
  /**
   * Interfaces Golem appends to the world's exports (inline interfaces, then inline functions,
   * world by world): Golem's world lists them after the sorted named exports, which fixes the
   * order of client entities.
   */
  appendedExports: string[];
  /**
   * The exports package as a syntax tree over the *source* text, when it consists of moved
   * interfaces only (no parse needed; errors point into the user's file). Undefined otherwise.
   */
  exportsSyntax?: WitFile;
}

type InlineExport = ast.ImportExport & { extern: Extract<ast.ExternKind, { kind: 'func' | 'interface' }> };

export function extractExports(file: WitFile): Extraction {
  const src = file.source;
  const decl = file.package;
  if (!decl)
    throw new UserError('the main WIT package has no `package ns:name;` declaration', {
      location: { file: file.path, line: 1, column: 1 },
      hint: 'Add one at the top of the file.',
    });
  const pkg = toRef(decl.name);
  const exportsPkg = exportsPackage(pkg);
  const exportsId = (iface: string) => interfaceId(exportsPkg, iface);
  const at = (offset: number) => locationAt(file, offset);
  const nl = lineEnding(src);

  const interfaces = file.items.filter((i): i is ast.Interface => i.kind === 'interface');
  const worlds = file.items.filter((i): i is ast.World => i.kind === 'world');
  const local = new Set(interfaces.map((i) => i.name.name));

  const moved = new Set<string>();
  for (const world of worlds) {
    for (const item of world.items) {
      if (item.kind === 'export' && item.extern.kind === 'path' && item.extern.path.kind === 'local' && local.has(item.extern.path.name.name)) {
        moved.add(item.extern.path.name.name);
      }
    }
  }

  const edits: TextEdit[] = [];
  /** A local reference to a moved interface, seen from the main package, now names the exports package. */
  const retarget = (path: UsePath) => {
    if (path.kind === 'local' && moved.has(path.name.name)) edits.push({ start: path.span.start, end: path.span.end, text: exportsId(path.name.name) });
  };
  /** Inside the exports package only moved interfaces can be named locally. */
  const requireMoved = (path: UsePath, what: string) => {
    if (path.kind === 'local' && !moved.has(path.name.name)) {
      throw new UserError(
        `${what} uses \`${path.name.name}\`, which is not exported: it would stay in ${packageId(pkg)} while the exported interfaces move to ${packageId(exportsPkg)} (Golem 1.2.5 writes WIT that does not resolve here)`,
        { location: at(path.span.start), hint: `Export \`${path.name.name}\` from the world too, or move the types into the exported interface.` },
      );
    }
  };

  const blocks: string[] = [];
  for (const iface of interfaces) {
    if (!moved.has(iface.name.name)) {
      for (const item of iface.items) if (item.kind === 'use') retarget(item.from);
      continue;
    }
    for (const item of iface.items) if (item.kind === 'use') requireMoved(item.from, `exported interface \`${iface.name.name}\``);
    const start = attachedDocsStart(src, iface);
    blocks.push(src.slice(start, iface.span.end));
    edits.push(removeLines(src, start, iface.span.end));
  }

  const appendedExports: string[] = [];
  const inlineInterfaceBlocks: string[] = [];
  const inlineFunctionBlocks: string[] = [];
  for (const world of [...worlds].sort((a, b) => cmp(a.name.name, b.name.name))) {
    const inline = world.items.filter((i): i is InlineExport => i.kind === 'export' && i.extern.kind !== 'path');
    const funcs = inline.filter((i) => i.extern.kind === 'func').sort((a, b) => cmp(a.extern.name.name, b.extern.name.name));
    const ifaces = inline.filter((i) => i.extern.kind === 'interface').sort((a, b) => cmp(a.extern.name.name, b.extern.name.name));
    const worldName = world.name.name;

    const worldTypes = world.items.filter((i) => !['import', 'export', 'include', 'use'].includes(i.kind));
    const resource = worldTypes.find((i) => i.kind === 'resource');
    if (resource) {
      // A world-level resource is imported by the component: nothing exports it (golem's
      // `inline-resources` test data, where golem-cli 1.2.5 panics in extraction).
      throw new UserError(
        `world \`${worldName}\` defines resource \`${resource.name.name}\`: a resource defined in a world is imported by the component, so no client can offer it (Golem 1.2.5 crashes here)`,
        { location: at(resource.span.start), hint: `Define \`${resource.name.name}\` in an interface and export that interface from world \`${worldName}\`.` },
      );
    }
    if (worldTypes.length > 0 && funcs.length > 0) {
      throw new UserError(
        `world \`${worldName}\` defines a type and exports functions: the functions move to interface \`${inlineFunctionsInterface(worldName)}\`, where the world's types do not exist (Golem 1.2.5 crashes here)`,
        { location: at(worldTypes[0]!.span.start), hint: 'Define the type in an interface and `use` it in the world.' },
      );
    }

    for (const item of world.items) {
      if (item.kind === 'use' || item.kind === 'include') retarget(item.from);
      else if ((item.kind === 'import' || item.kind === 'export') && item.extern.kind === 'path') retarget(item.extern.path);
      else if (item.kind === 'import' && item.extern.kind === 'interface') {
        for (const inner of item.extern.items) if (inner.kind === 'use') retarget(inner.from);
      }
    }

    for (const item of ifaces) {
      const ext = item.extern as Extract<ast.ExternKind, { kind: 'interface' }>;
      const name = inlineInterfaceName(worldName, ext.name.name);
      appendedExports.push(name);
      for (const inner of ext.items) if (inner.kind === 'use') requireMoved(inner.from, `inline interface \`${ext.name.name}\``);
      const indent = indentationAt(src, item.span.start);
      const open = src.indexOf('{', ext.name.span.end);
      const start = attachedDocsStart(src, item);
      const docs = src.slice(start, item.span.start);
      inlineInterfaceBlocks.push(dedentTail(`${docs}interface ${name} {${src.slice(open + 1, ext.closeBrace.start)}}`, indent));
      edits.push({ start, end: item.span.end, text: `export ${exportsId(name)};` });
    }

    if (funcs.length > 0) {
      const ifaceName = inlineFunctionsInterface(worldName);
      appendedExports.push(ifaceName);
      const referenced = new Set(funcs.flatMap((f) => namesInFunc((f.extern as Extract<ast.ExternKind, { kind: 'func' }>).func)));
      const lines: string[] = [];
      for (const use of world.items) {
        if (use.kind !== 'use' || !use.names.some((n) => referenced.has((n.as ?? n.name).name))) continue;
        requireMoved(use.from, `world \`${worldName}\` (used by its exported functions)`);
        lines.push(`  ${dedentTail(src.slice(use.span.start, use.span.end), indentationAt(src, use.span.start))}`);
      }
      for (const f of funcs) {
        const ext = f.extern as Extract<ast.ExternKind, { kind: 'func' }>;
        const docs = src.slice(attachedDocsStart(src, f), f.span.start);
        lines.push(`  ${dedentTail(docs + src.slice(ext.name.span.start, f.span.end), indentationAt(src, f.span.start).slice(2))}`);
      }
      inlineFunctionBlocks.push(`interface ${ifaceName} {${nl}${lines.join(nl)}${nl}}`);
      const inSourceOrder = [...funcs].sort((a, b) => a.span.start - b.span.start);
      const first = inSourceOrder[0]!;
      edits.push({ start: attachedDocsStart(src, first), end: first.span.end, text: `export ${exportsId(ifaceName)};` });
      for (const f of inSourceOrder.slice(1)) edits.push(removeLines(src, attachedDocsStart(src, f), f.span.end));
    }
  }

  const all = [...blocks, ...inlineInterfaceBlocks, ...inlineFunctionBlocks];
  const exportsText = `package ${packageId(exportsPkg)};${nl}${all.map((b) => nl + b + nl).join('')}`;
  return {
    package: pkg,
    mainText: applyEdits(src, edits),
    exportsPath: `deps/${safeDirName(exportsPkg)}/${EXPORTS_FILE}`,
    exportsText,
    appendedExports,
    exportsSyntax:
      appendedExports.length > 0
        ? undefined
        : {
            path: file.path,
            source: src,
            package: { ...decl, name: { ...decl.name, name: exportsPkg.name } },
            items: interfaces.filter((i) => moved.has(i.name.name)),
          },
  };
}

/** Type names a function signature mentions (for copying the world's `use` lines it needs). */
function namesInFunc(func: ast.FuncType): string[] {
  const out: string[] = [];
  const walk = (t: ast.TypeRef | undefined): void => {
    if (!t) return;
    switch (t.kind) {
      case 'named':
        out.push(t.name.name);
        break;
      case 'own':
      case 'borrow':
        out.push(t.resource.name);
        break;
      case 'list':
      case 'option':
        walk(t.element);
        break;
      case 'result':
        walk(t.ok);
        walk(t.err);
        break;
      case 'tuple':
        t.elements.forEach(walk);
        break;
      case 'primitive':
        break;
    }
  };
  for (const p of func.params) walk(p.type);
  walk(func.result);
  return out;
}

const locationAt = (file: WitFile, offset: number) => locationOf(file.path, file.source, offset);

const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
