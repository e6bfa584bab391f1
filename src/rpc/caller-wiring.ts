/**
 * Wires a target's client into a caller's main WIT file (docs/client-generation.md §D2, §D3) by editing
 * the text: every world of the main package drops its imports of the target's `-exports`
 * package and gets `import <ns>:<name>-client/<world>-client[@v];` as its last item. Unlike
 * Golem, which re-renders the file, every other byte (comments, blank lines) stays.
 */
import { parseWitFile, type ast, type UsePath, attachedDocsStart } from '../wit/index.js';
import { GOLEM_WIT, clientImport, exportsPackage, type PackageRef } from './naming.js';
import { applyEdits, indentationAt, lineEnding, removeLines, type TextEdit } from '../text/edits.js';

const pathString = (path: UsePath): string =>
  path.kind === 'local' ? path.name.name : `${path.package.namespace}:${path.package.name}/${path.name.name}${path.package.version ? `@${path.package.version}` : ''}`;

type PathImport = ast.ImportExport & { extern: { kind: 'path'; path: UsePath } };

const worldsOf = (file: ast.WitFile): ast.World[] => file.items.filter((i): i is ast.World => i.kind === 'world');

/** A world's imports of a named interface (`import ns:pkg/iface;`, `import iface;`). */
const pathImports = (world: ast.World): PathImport[] => world.items.filter((i): i is PathImport => i.kind === 'import' && i.extern.kind === 'path');

/** `path` names an interface of package `pkg` (any version). */
const ofPackage = (path: UsePath, pkg: PackageRef): boolean => path.kind === 'package' && path.package.namespace === pkg.namespace && path.package.name === pkg.name;

/** The caller's main file with the client import added to every world. */
export function wireClientImport(text: string, displayPath: string, target: PackageRef, targetWorld: string): string {
  const file = parseWitFile(displayPath, text, GOLEM_WIT);
  const wanted = clientImport(target, targetWorld);
  const stale = exportsPackage(target);
  const nl = lineEnding(text);
  const edits: TextEdit[] = [];
  for (const world of worldsOf(file)) {
    const paths = pathImports(world);
    for (const item of paths) if (ofPackage(item.extern.path, stale)) edits.push(removeLines(text, attachedDocsStart(text, item), item.span.end));
    if (paths.some((i) => pathString(i.extern.path) === wanted)) continue;
    edits.push(insertBeforeClose(text, world, `import ${wanted};`, nl));
  }
  return applyEdits(text, edits);
}

/**
 * The caller's main file with the client imports of several targets added, as `wireClientImport`
 * for each in turn would leave it. Parsed once when the targets' lines simply go in order before
 * each world's `}` (on its own line, no import of theirs there yet: what generation meets);
 * otherwise target by target.
 */
export function wireClientImports(text: string, displayPath: string, targets: readonly { pkg: PackageRef; world: string }[]): string {
  if (targets.length === 0) return text;
  const file = parseWitFile(displayPath, text, GOLEM_WIT);
  const wanted = targets.map((t) => clientImport(t.pkg, t.world));
  const stale = targets.map((t) => exportsPackage(t.pkg));
  const worlds = worldsOf(file);
  const simple = worlds.every(
    (world) => closeOnOwnLine(text, world) && pathImports(world).every(({ extern: { path } }) => !stale.some((s) => ofPackage(path, s)) && !wanted.includes(pathString(path))),
  );
  if (!simple) return targets.reduce((wired, t) => wireClientImport(wired, displayPath, t.pkg, t.world), text);
  const nl = lineEnding(text);
  // Each later line goes below the one before, indented like it: as the first one.
  return applyEdits(
    text,
    worlds.map((world) => {
      const first = insertBeforeClose(text, world, `import ${wanted[0]!};`, nl);
      const indent = /^[ \t]*/.exec(first.text)![0];
      return {
        ...first,
        text:
          first.text +
          wanted
            .slice(1)
            .map((w) => `${indent}import ${w};${nl}`)
            .join(''),
      };
    }),
  );
}

const closeOnOwnLine = (text: string, world: ast.World): boolean => {
  const close = world.closeBrace.start;
  return text.slice(text.lastIndexOf('\n', close - 1) + 1, close).trim() === '';
};

/** A new last line in the world, indented like its items; inline when the `}` shares a line with them. */
function insertBeforeClose(text: string, world: ast.World, line: string, nl: string): TextEdit {
  const close = world.closeBrace.start;
  const lineStartOffset = text.lastIndexOf('\n', close - 1) + 1;
  const ownLine = closeOnOwnLine(text, world);
  const last = world.items.at(-1);
  const indent = last ? indentationAt(text, last.span.start) : `${indentationAt(text, close)}  `;
  if (ownLine) return { start: lineStartOffset, end: lineStartOffset, text: `${indent || '  '}${line}${nl}` };
  return { start: close, end: close, text: `${/\s$/.test(text.slice(0, close)) ? '' : ' '}${line} ` };
}
