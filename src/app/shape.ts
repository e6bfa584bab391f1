/**
 * Reading golem.yaml nodes with Golem's rules: the Rust structs behind the manifest use
 * `deny_unknown_fields`, so an unknown key is an error (named with file:line:column and the
 * nearest known key); wrong value kinds are errors too. Key tables follow Golem's JSON schema 1.2.5.
 */
import { isMap, isScalar, isSeq, type Node, type Pair, type Scalar, type YAMLMap, type YAMLSeq } from 'yaml';
import { UserError } from '../errors.js';
import { nodeLocation, type ManifestDoc } from './manifest-doc.js';
import { editDistance } from '../text/distance.js';

const COMPONENT_PROPERTIES = ['sourceWit', 'generatedWit', 'componentWasm', 'linkedWasm', 'build', 'customCommands', 'clean', 'componentType', 'files', 'plugins', 'env'];

/** Known keys per kind of mapping. */
export const KNOWN_KEYS = {
  'the manifest': ['includes', 'tempDir', 'witDeps', 'templates', 'components', 'dependencies', 'customCommands', 'clean', 'httpApi', 'profiles'],
  component: ['template', 'profiles', 'defaultProfile', ...COMPONENT_PROPERTIES],
  template: ['profiles', 'defaultProfile', ...COMPONENT_PROPERTIES],
  profile: COMPONENT_PROPERTIES,
  command: ['command', 'dir', 'rmdirs', 'mkdirs', 'sources', 'targets'],
  dependency: ['type', 'target', 'path', 'url'],
  httpApi: ['definitions', 'deployments'],
  /** A root `profiles.<name>` (CLI profile; golem-cli/src/model/app_raw.rs `Profile`, camelCase). */
  cliProfile: ['default', 'cloud', 'project', 'url', 'workerUrl', 'format', 'buildProfile', 'autoConfirm', 'redeployWorkers', 'redeployHttpApi', 'redeployAll'],
} as const;
export type MapKind = keyof typeof KNOWN_KEYS;

export interface Entry {
  key: string;
  keyNode: Scalar;
  value: Node | null;
  pair: Pair<Scalar, Node | null>;
}

function kindName(node: Node): string {
  if (isMap(node)) return 'a mapping';
  if (isSeq(node)) return 'a list';
  return `'${String((node as Scalar).source ?? (node as Scalar).value)}'`;
}

export function shapeError(m: ManifestDoc, node: Node | null | undefined, message: string, hint?: string): UserError {
  return new UserError(message, { code: 'E_MANIFEST', location: nodeLocation(m, node), hint });
}

/** Entries of a mapping node (`null` = an empty value, allowed). */
export function mapEntries(m: ManifestDoc, node: Node | null | undefined, what: string): Entry[] {
  if (node == null || (isScalar(node) && node.value == null)) return [];
  if (!isMap(node)) throw shapeError(m, node, `${what} must be a mapping, found ${kindName(node)}`);
  return (node as YAMLMap<unknown, unknown>).items.map((pair) => {
    const keyNode = pair.key as Node;
    if (!isScalar(keyNode) || typeof keyNode.value !== 'string') {
      throw shapeError(m, keyNode, `keys in ${what} must be plain strings`);
    }
    return { key: keyNode.value, keyNode, value: (pair.value as Node | null) ?? null, pair: pair as Pair<Scalar, Node | null> };
  });
}

/** The closest candidate within a small edit distance, if any. */
export function closest(word: string, candidates: readonly string[]): string | undefined {
  let best: { c: string; d: number } | undefined;
  for (const c of candidates) {
    const d = editDistance(word, c);
    if (d <= Math.max(2, Math.floor(c.length / 3)) && (!best || d < best.d)) best = { c, d };
  }
  return best?.c;
}

/**
 * Where a collecting load (`doctor`) hands the problems it steps over; without one, loading
 * throws the first problem (what every other command sees).
 */
export type ProblemSink = (problem: UserError) => void;

/**
 * Runs one step of loading. Without a sink its error propagates (the first problem stops the
 * load); with one, a UserError is reported and the step yields undefined.
 */
export function attempt<T>(problems: ProblemSink | undefined, step: () => T): T | undefined {
  if (!problems) return step();
  try {
    return step();
  } catch (err) {
    if (!UserError.is(err)) throw err;
    problems(err);
    return undefined;
  }
}

/**
 * Entries of a mapping whose keys must all be known (Golem's `deny_unknown_fields`). With
 * `problems`, each unknown key is reported there and left out, and the known ones are returned.
 */
export function knownEntries(m: ManifestDoc, node: Node | null | undefined, kind: MapKind, what: string = kind, problems?: ProblemSink): Map<string, Entry> {
  const known: readonly string[] = KNOWN_KEYS[kind];
  const out = new Map<string, Entry>();
  for (const entry of mapEntries(m, node, what)) {
    if (!known.includes(entry.key)) {
      const guess = closest(entry.key, known);
      const problem = shapeError(
        m,
        entry.keyNode,
        `unknown key '${entry.key}' in ${what}`,
        guess ? `Did you mean '${guess}'? (Golem rejects unknown keys.)` : `Golem rejects unknown keys; known keys: ${known.join(', ')}.`,
      );
      if (!problems) throw problem;
      problems(problem);
      continue;
    }
    out.set(entry.key, entry);
  }
  return out;
}

/**
 * A string property. Like serde_yaml 0.9 (golem-cli's manifest reader), a number or boolean where a
 * string is expected is read as its text (golem's tests/app/plugins.rs writes plugin `parameters`
 * as `x: 1`; env values and the like are read the same way).
 */
export function stringValue(m: ManifestDoc, node: Node | null | undefined, what: string): string {
  if (isScalar(node) && typeof node.value === 'string') return node.value;
  if (isScalar(node) && (typeof node.value === 'number' || typeof node.value === 'boolean')) return typeof node.source === 'string' ? node.source : String(node.value);
  throw shapeError(m, node, `${what} must be a string${node ? `, found ${kindName(node)}` : ''}`);
}

export function optionalString(m: ManifestDoc, entry: Entry | undefined, what: string): string | undefined {
  return entry === undefined || entry.value == null ? undefined : stringValue(m, entry.value, what);
}

export function seqItems(m: ManifestDoc, node: Node | null | undefined, what: string): Node[] {
  if (node == null || (isScalar(node) && node.value == null)) return [];
  if (!isSeq(node)) throw shapeError(m, node, `${what} must be a list, found ${kindName(node)}`);
  return (node as YAMLSeq<Node>).items;
}

export function stringList(m: ManifestDoc, node: Node | null | undefined, what: string): string[] {
  return seqItems(m, node, what).map((item) => stringValue(m, item, `each entry of ${what}`));
}
