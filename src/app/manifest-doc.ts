/**
 * One golem.yaml as text plus its parsed `yaml` document and a line counter, so every node can be
 * turned into file:line:column and every edit can be spliced into the original bytes.
 */
import { isAlias, isMap, isPair, isSeq, LineCounter, parseDocument, type Document, type Node } from 'yaml';
import { UserError, type SourceLocation } from '../errors.js';
import type { FileView } from '../fs/files.js';

export interface ManifestDoc {
  /** Absolute path. */
  file: string;
  text: string;
  doc: Document.Parsed;
  lines: LineCounter;
}

/** Golem's YAML reader (serde_yaml) refuses documents nested deeper than this; so do we, before anything walks them. */
const MAX_DEPTH = 128;

const tooDeep = (file: string, line: number, column: number) =>
  new UserError(`golem.yaml nests collections more than ${MAX_DEPTH} levels deep`, {
    code: 'E_MANIFEST',
    location: { file, line, column },
    hint: 'Flatten the manifest; Golem reads at most 128 levels.',
  });

/** The first collection nested deeper than MAX_DEPTH, or the first alias (walked without recursion). */
function unreadableNode(doc: Document.Parsed): { node: Node; alias: boolean } | undefined {
  const stack: [unknown, number][] = [[doc.contents, 1]];
  while (stack.length > 0) {
    const [node, depth] = stack.pop()!;
    if (isAlias(node)) return { node, alias: true };
    if (isMap(node) || isSeq(node)) {
      if (depth > MAX_DEPTH) return { node, alias: false };
      // Pushed last to first, so the first problem in the file is found first.
      for (let i = node.items.length - 1; i >= 0; i--) {
        const item: unknown = node.items[i];
        if (isPair(item)) stack.push([item.value, depth + 1], [item.key, depth + 1]);
        else stack.push([item, depth + 1]);
      }
    }
  }
  return undefined;
}

/** Parses a golem.yaml; a YAML syntax error (or a duplicate key, which serde rejects too) is a UserError. */
export function parseManifest(file: string, text: string): ManifestDoc {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, uniqueKeys: true });
  // The parser reports its own stack overflow on absurd nesting as a syntax error.
  const overflow = doc.errors.find((e) => /Maximum call stack size exceeded/.test(e.message));
  if (overflow) throw tooDeep(file, overflow.linePos?.[0]?.line ?? 1, overflow.linePos?.[0]?.col ?? 1);
  const error = doc.errors[0];
  if (error) {
    const [start] = error.linePos ?? [];
    const raw = error.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
    // The library's wording names its own API; say what is wrong with the file instead.
    const message = error.code === 'MULTIPLE_DOCS' ? 'a second document starts here (a golem.yaml holds one)' : raw;
    throw new UserError(`invalid YAML: ${message}`, {
      code: 'E_MANIFEST',
      location: { file, line: start?.line ?? 1, column: start?.col ?? 1 },
      hint: 'Fix the syntax of this golem.yaml.',
    });
  }
  const unreadable = unreadableNode(doc);
  if (unreadable) {
    const { line, col } = lines.linePos(unreadable.node.range?.[0] ?? 0);
    if (!unreadable.alias) throw tooDeep(file, line, col);
    // serde_yaml resolves aliases, but every reader and edit here works on the nodes as written:
    // an alias would be misread as a plain word, and an edit could not keep both copies in step.
    throw new UserError(`YAML alias '*${String((unreadable.node as { source?: unknown }).source)}' is not supported in golem.yaml by create-golem-app`, {
      code: 'E_MANIFEST',
      location: { file, line, column: col },
      hint: 'Write the value out in full instead of the alias.',
    });
  }
  return { file, text, doc, lines };
}

/** The 1-based position of a character offset. */
export function locationAt(m: ManifestDoc, offset: number): SourceLocation {
  const { line, col } = m.lines.linePos(offset);
  return { file: m.file, line, column: col };
}

/** Where a node starts (the document start when the node has no range, e.g. an absent value). */
export function nodeLocation(m: ManifestDoc, node: Node | null | undefined): SourceLocation {
  return locationAt(m, node?.range?.[0] ?? 0);
}

/** Where loading and editing get golem.yaml documents: read through a FileView, each parsed once per text. */
export interface ManifestSource {
  readonly files: FileView;
  /** The parsed golem.yaml at `file` (absolute): a UserError when it cannot be read or is not valid YAML. */
  manifest(file: string): ManifestDoc;
}

/** A ManifestSource over `files`: a document is parsed again only when its text changed (an edit). */
export class ManifestCache implements ManifestSource {
  constructor(
    readonly files: FileView,
    private readonly docs = new Map<string, ManifestDoc>(),
  ) {}

  /** The same parsed documents, read through other files (a document whose text is unchanged is not parsed again). */
  over(files: FileView): ManifestCache {
    return new ManifestCache(files, this.docs);
  }

  manifest(file: string): ManifestDoc {
    const text = this.files.readText(file);
    if (text === undefined) {
      throw new UserError(`cannot read ${file}: it is missing or not a readable file`, { code: 'E_MANIFEST', hint: 'Check that the file exists and is readable.' });
    }
    const hit = this.docs.get(file);
    if (hit?.text === text) return hit;
    const doc = parseManifest(file, text);
    this.docs.set(file, doc);
    return doc;
  }
}
