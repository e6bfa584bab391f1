/**
 * The manifest's CLI profiles (top-level `profiles:`), checked as golem-cli 1.2.5 checks them
 * (golem-cli/src/model/app_raw.rs `Profile`, golem-cli/src/model/app.rs
 * `add_raw_app_profiles_only`): known keys and value kinds, each profile declared once across the
 * documents, at most one `default: true`, and the builtin `local` / `cloud` profiles take no
 * `url` / `workerUrl` (nor may `local` be made a cloud profile). We do not use them further.
 */
import { isScalar, type Node } from 'yaml';
import type { ManifestDoc } from './manifest-doc.js';
import { attempt, knownEntries, mapEntries, type Entry, type ProblemSink, shapeError, stringValue } from './shape.js';

const BOOLEAN_KEYS = ['default', 'cloud', 'autoConfirm', 'redeployWorkers', 'redeployHttpApi', 'redeployAll'];
/** golem-cli/src/model/mod.rs `Format`: the variant names and their lower-case aliases. */
const FORMATS = ['Json', 'Yaml', 'Text', 'json', 'yaml', 'text'];

interface Declared {
  name: string;
  m: ManifestDoc;
  keyNode: Node;
  isDefault: boolean;
}

export class CliProfiles {
  private readonly declared = new Map<string, Declared>();

  constructor(private readonly problems?: ProblemSink) {}

  /** Reads one document's `profiles` entry. */
  add(m: ManifestDoc, profiles: Entry | undefined): void {
    for (const p of attempt(this.problems, () => mapEntries(m, profiles?.value, 'profiles')) ?? []) {
      attempt(this.problems, () => this.addOne(m, p));
    }
  }

  /** After every document: at most one default profile. */
  finish(): void {
    const defaults = [...this.declared.values()].filter((d) => d.isDefault);
    if (defaults.length > 1) {
      attempt(this.problems, () => {
        throw shapeError(
          defaults[1]!.m,
          defaults[1]!.keyNode,
          `only one profile can be the default; marked default: ${defaults.map((d) => d.name).join(', ')}`,
          'Keep default: true on one of them.',
        );
      });
    }
  }

  private addOne(m: ManifestDoc, p: Entry): void {
    const first = this.declared.get(p.key);
    if (first) throw shapeError(m, p.keyNode, `profile '${p.key}' is declared twice (first in ${first.m.file})`, 'Keep only one of the two declarations.');
    const e = knownEntries(m, p.value, 'cliProfile', `profile '${p.key}'`, this.problems);
    const what = (k: string) => `${k} of profile '${p.key}'`;
    const value = (k: string) => {
      const v = e.get(k)?.value;
      return v == null || (isScalar(v) && v.value == null) ? undefined : v;
    };
    for (const k of BOOLEAN_KEYS) {
      const v = value(k);
      if (v && !(isScalar(v) && typeof v.value === 'boolean')) throw shapeError(m, v, `${what(k)} must be true or false`);
    }
    for (const k of ['project', 'buildProfile']) if (value(k)) stringValue(m, value(k), what(k));
    for (const k of ['url', 'workerUrl']) {
      const v = value(k);
      if (v && !URL.canParse(stringValue(m, v, what(k)))) throw shapeError(m, v, `${what(k)} is not a valid URL`, 'Write an absolute URL, e.g. http://localhost:9881.');
    }
    const format = value('format');
    if (format && !FORMATS.includes(stringValue(m, format, what('format')))) throw shapeError(m, format, `unknown ${what('format')}`, 'Use one of: json, yaml, text.');

    const flag = (k: string) => isScalar(value(k)) && (value(k) as { value: unknown }).value === true;
    const local = p.key === 'local';
    const cloud = p.key === 'cloud' || flag('cloud') || value('project') !== undefined;
    if (local || cloud) {
      for (const k of ['url', 'workerUrl']) {
        if (value(k))
          throw shapeError(
            m,
            e.get(k)!.keyNode,
            `${k} is not allowed for the ${local ? "builtin 'local'" : 'cloud'} profile '${p.key}'`,
            'Remove it (only custom, non-cloud profiles set their URLs).',
          );
      }
    }
    if (local && cloud) throw shapeError(m, p.keyNode, "the builtin profile 'local' cannot be a cloud profile", "Remove 'cloud: true' and 'project', or use another profile name.");
    this.declared.set(p.key, { name: p.key, m, keyNode: p.keyNode, isDefault: flag('default') });
  }
}
