/**
 * Loading an app: the root golem.yaml, every document its `includes` globs match (Golem's
 * default is `**\/golem.yaml`), then Golem's validation — unknown keys, duplicate components,
 * templates and dependencies across documents, unknown dependency types and targets — each error
 * naming file:line:column. `overrides` lets an editor check its result before writing it.
 *
 * Loading stops at the first problem, except in collecting mode (`problems`, for `doctor`):
 * there each problem is reported and loading goes on without what it concerns (a document, a
 * key, a component, a dependency), so one run finds them all. What it returns is then the part
 * of the app that is sound: dependencies whose ends did not load are left out too.
 */
import { dirname, isAbsolute, join } from 'node:path';
import { resolveFrom } from '../fs/paths.js';
import { isMap, isSeq, type YAMLSeq } from 'yaml';
import { UserError, type SourceLocation } from '../errors.js';
import { findAppRoot, MANIFEST_FILE } from './find-root.js';
import { globFiles } from './glob.js';
import { DiskFiles } from '../fs/files.js';
import { ManifestCache, type ManifestDoc, type ManifestSource, nodeLocation, parseManifest } from './manifest-doc.js';
import { parseDependency } from './dependency.js';
import type { App, AppComponent, AppDependency, AppTemplate, BuildStep } from './model.js';
import { checkTemplate, readSteps, resolveComponent, type RawDefinition } from './resolve.js';
import { checkWritePaths } from './write-paths.js';
import { CliProfiles } from './cli-profiles.js';
import { attempt, closest, knownEntries, mapEntries, optionalString, type ProblemSink, seqItems, shapeError, stringList, stringValue, type Entry } from './shape.js';

export interface LoadOptions {
  /** `rootOrInside` is the root itself (from `--app`): no upward search. */
  explicitRoot?: boolean;
  /** Text to use instead of a file's bytes, by absolute path (an edit checked before it is written). */
  overrides?: ReadonlyMap<string, string>;
  /** Where golem.yaml files are read and parsed (a session's: each read once); default: the disk. */
  source?: ManifestSource;
  /** Collecting mode: every problem is handed here (each once) instead of the first being thrown. */
  problems?: ProblemSink;
}

const DEFAULT_INCLUDES = ['**/golem.yaml'];
const DEFAULT_TEMP_DIR = 'golem-temp';

const where = (l: SourceLocation) => `${l.file}:${l.line}:${l.column}`;

/** Entities that must be declared once across all documents (Golem: "defined in multiple sources"). */
class UniqueRegistry<T extends { location: SourceLocation }> {
  readonly items = new Map<string, T>();
  constructor(private readonly what: string) {}
  add(key: string, label: string, item: T): void {
    const first = this.items.get(key);
    if (first) {
      throw new UserError(`${this.what} ${label} is declared twice (first at ${where(first.location)})`, {
        code: 'E_MANIFEST',
        location: item.location,
        hint: 'Keep only one of the two declarations.',
      });
    }
    this.items.set(key, item);
  }
}

/** Everything declared across the documents, before templates are applied. */
interface Declarations {
  templates: UniqueRegistry<AppTemplate & { def: RawDefinition }>;
  components: UniqueRegistry<{ def: RawDefinition; location: SourceLocation }>;
  deps: UniqueRegistry<AppDependency>;
  tempDir?: { path: string; location: SourceLocation };
  witDeps: string[];
  customCommands: Record<string, BuildStep[]>;
  clean: string[];
  cleanLocations: SourceLocation[];
}

function collect(docs: ManifestDoc[], rootEntries: Map<string, Entry>, problems?: ProblemSink): Declarations {
  const step = <T>(run: () => T): T | undefined => attempt(problems, run);
  const [rootDoc] = docs;
  const d: Declarations = {
    templates: new UniqueRegistry('template'),
    components: new UniqueRegistry('component'),
    deps: new UniqueRegistry('dependency'),
    witDeps: [],
    customCommands: {},
    clean: [],
    cleanLocations: [],
  };
  const cliProfiles = new CliProfiles(problems);
  let includesAt: SourceLocation | undefined;
  let witDepsAt: SourceLocation | undefined;
  for (const m of docs) {
    const entries = m === rootDoc ? rootEntries : step(() => knownEntries(m, m.doc.contents, 'the manifest', undefined, problems));
    if (!entries) continue;
    cliProfiles.add(m, entries.get('profiles'));
    const dir = dirname(m.file);
    const abs = (p: string) => (isAbsolute(p) ? p : resolveFrom(dir, p));
    // golem-cli/src/model/app.rs `add_raw_app`: includes and witDeps may each come from one
    // document only ("… is defined in multiple sources"); an empty list does not count, and a
    // lone includes outside the root is ignored (discovery reads the root's).
    const includes = entries.get('includes');
    if (isNonEmptySeq(includes)) {
      step(() => {
        if (includesAt && m !== rootDoc) throw shapeError(m, includes!.keyNode, "'includes' is only allowed in the root golem.yaml", `The root is ${rootDoc!.file}.`);
        includesAt ??= nodeLocation(m, includes!.keyNode);
      });
    }
    const witDeps = entries.get('witDeps');
    if (isNonEmptySeq(witDeps)) {
      step(() => {
        if (witDepsAt) throw shapeError(m, witDeps!.keyNode, `witDeps is declared twice (first at ${where(witDepsAt)})`, 'Keep one witDeps list (usually in the root golem.yaml).');
        witDepsAt = nodeLocation(m, witDeps!.keyNode);
        d.witDeps.push(...stringList(m, witDeps!.value, 'witDeps').map(abs));
      });
    } else {
      step(() => stringList(m, witDeps?.value, 'witDeps'));
    }
    const td = entries.get('tempDir');
    if (td?.value != null) {
      step(() => {
        const location = nodeLocation(m, td.keyNode);
        if (d.tempDir) throw new UserError(`tempDir is declared twice (first at ${where(d.tempDir.location)})`, { code: 'E_MANIFEST', location, hint: 'Keep only one.' });
        d.tempDir = { path: abs(stringValue(m, td.value, 'tempDir')), location };
      });
    }
    step(() => {
      const clean = stringList(m, entries.get('clean')?.value, 'clean').map(abs);
      const locations = seqItems(m, entries.get('clean')?.value, 'clean').map((n) => nodeLocation(m, n));
      d.clean.push(...clean);
      d.cleanLocations.push(...locations);
    });
    for (const c of step(() => mapEntries(m, entries.get('customCommands')?.value, 'customCommands')) ?? []) {
      step(() => {
        if (d.customCommands[c.key]) throw shapeError(m, c.keyNode, `custom command '${c.key}' is declared twice`, 'Keep only one.');
        d.customCommands[c.key] = readSteps(m, c.value, `customCommands.${c.key}`, dir, (n, w) => stringValue(m, n, w));
      });
    }
    step(() => knownEntries(m, entries.get('httpApi')?.value, 'httpApi', undefined, problems)); // its keys only; API definitions are not modelled

    for (const t of step(() => mapEntries(m, entries.get('templates')?.value, 'templates')) ?? []) {
      const raw = isMap(t.value) ? (t.value.toJSON() as Record<string, unknown>) : {};
      step(() => d.templates.add(t.key, `'${t.key}'`, { name: t.key, manifestPath: m.file, raw, location: nodeLocation(m, t.keyNode), def: { name: t.key, m, entry: t } }));
    }
    for (const c of step(() => mapEntries(m, entries.get('components')?.value, 'components')) ?? []) {
      step(() => d.components.add(c.key, `'${c.key}'`, { def: { name: c.key, m, entry: c }, location: nodeLocation(m, c.keyNode) }));
    }
    for (const e of step(() => mapEntries(m, entries.get('dependencies')?.value, 'dependencies')) ?? []) {
      for (const item of step(() => seqItems(m, e.value, `dependencies of '${e.key}'`)) ?? []) {
        step(() => {
          const dep = parseDependency(m, e.key, item);
          const ref = dep.target ?? dep.path ?? dep.url;
          d.deps.add(`${dep.source}\0${dep.type}\0${ref}`, `${dep.source} → ${ref} (${dep.type})`, dep);
        });
      }
    }
  }
  cliProfiles.finish();
  return d;
}

const isNonEmptySeq = (entry: Entry | undefined): boolean => isSeq(entry?.value) && (entry!.value as YAMLSeq).items.length > 0;

/** Golem's `validate_dependency_targets`: callers and targets must be components of the app (collecting: those that are not are left out). */
function checkDependencyEnds(d: Declarations, problems?: ProblemSink): void {
  const known = [...d.components.items.keys()];
  const knownHint = (name: string) => {
    const guess = closest(name, known);
    return `${guess ? `Did you mean '${guess}'? ` : ''}Known components: ${known.join(', ') || '(none)'}.`;
  };
  for (const [key, dep] of d.deps.items) {
    if (attempt(problems, () => checkEnds(dep)) === undefined) d.deps.items.delete(key);
  }
  function checkEnds(dep: AppDependency): true {
    if (!d.components.items.has(dep.source)) {
      throw new UserError(`dependencies are declared for '${dep.source}', which is not a component of this app`, {
        code: 'E_MANIFEST',
        location: dep.location,
        hint: knownHint(dep.source),
      });
    }
    if (dep.target !== undefined && !d.components.items.has(dep.target)) {
      throw new UserError(`dependency target '${dep.target}' of '${dep.source}' is not a component of this app`, {
        code: 'E_MANIFEST',
        location: dep.location,
        hint: knownHint(dep.target),
      });
    }
    return true;
  }
}

function buildComponent(d: Declarations, name: string, def: RawDefinition, location: SourceLocation, problems?: ProblemSink): AppComponent {
  const e = knownEntries(def.m, def.entry.value, 'component', `component '${name}'`, problems);
  const templateName = optionalString(def.m, e.get('template'), `template of component '${name}'`);
  const template = templateName === undefined ? undefined : d.templates.items.get(templateName);
  if (templateName !== undefined && !template) {
    const names = [...d.templates.items.keys()];
    throw shapeError(def.m, e.get('template')!.value, `component '${name}' uses unknown template '${templateName}'`, `Known templates: ${names.join(', ') || '(none)'}.`);
  }
  const dir = dirname(def.m.file);
  const resolved = resolveComponent(def, template?.def, dir, problems);
  return {
    ...resolved.properties,
    name,
    dir,
    manifestPath: def.m.file,
    ...(templateName !== undefined ? { template: templateName } : {}),
    profiles: resolved.profiles,
    ...(resolved.defaultProfile !== undefined ? { defaultProfile: resolved.defaultProfile } : {}),
    raw: isMap(def.entry.value) ? (def.entry.value.toJSON() as Record<string, unknown>) : {},
    location,
  };
}

export function loadApp(rootOrInside: string, options: LoadOptions = {}): App {
  const source = options.source ?? new ManifestCache(new DiskFiles());
  const problems = options.problems && onceEach(options.problems);
  const step = <T>(run: () => T): T | undefined => attempt(problems, run);
  const overrides = options.overrides;
  const readManifest = (file: string): ManifestDoc => {
    const text = overrides?.get(file);
    return text === undefined ? source.manifest(file) : parseManifest(file, text);
  };
  const root = findAppRoot(rootOrInside, options.explicitRoot ? '.' : undefined, source);
  const rootFile = join(root, MANIFEST_FILE);
  const rootDoc = step(() => readManifest(rootFile));
  const rootEntries = rootDoc && step(() => knownEntries(rootDoc, rootDoc.doc.contents, 'the manifest', undefined, problems));
  // Collecting, a root that does not load leaves nothing else to go by.
  if (!rootDoc || !rootEntries) return emptyApp(root);
  const includesEntry = rootEntries.get('includes');
  const includes = (includesEntry?.value != null && step(() => stringList(rootDoc, includesEntry.value, 'includes'))) || DEFAULT_INCLUDES;
  const docs = [
    rootDoc,
    ...globFiles(source.files, root, includes)
      .filter((f) => f !== rootFile)
      .flatMap((f) => step(() => readManifest(f)) ?? []),
  ];

  const d = collect(docs, rootEntries, problems);
  checkDependencyEnds(d, problems);
  for (const t of d.templates.items.values()) step(() => checkTemplate(t.def, problems));
  const components = new Map<string, AppComponent>();
  for (const [name, c] of d.components.items) {
    const component = step(() => buildComponent(d, name, c.def, c.location, problems));
    if (component) components.set(name, component);
  }
  // Collecting: a component that did not load takes its dependencies along (their problems are its own).
  for (const [key, dep] of d.deps.items) if (!components.has(dep.source) || (dep.target !== undefined && !components.has(dep.target))) d.deps.items.delete(key);
  const app: App = {
    root,
    manifests: docs.map((m) => m.file),
    tempDir: d.tempDir?.path ?? join(root, DEFAULT_TEMP_DIR),
    witDeps: d.witDeps,
    customCommands: d.customCommands,
    clean: d.clean,
    locations: {
      ...(d.tempDir ? { tempDir: d.tempDir.location } : {}),
      clean: d.cleanLocations,
      ...(includesEntry ? { includes: nodeLocation(rootDoc, includesEntry.keyNode) } : {}),
    },
    components,
    templates: new Map([...d.templates.items].map(([k, { def: _def, ...t }]) => [k, t])),
    dependencies: [...d.deps.items.values()],
  };
  checkWritePaths(app, problems);
  return app;
}

/** A sink that hears each problem once (a template's problem is met again by every component using it). */
function onceEach(sink: ProblemSink): ProblemSink {
  const seen = new Set<string>();
  return (problem) => {
    const key = problem.format();
    if (seen.has(key)) return;
    seen.add(key);
    sink(problem);
  };
}

/** What a collecting load returns when the root golem.yaml does not load: no manifest loaded, nothing declared. */
function emptyApp(root: string): App {
  return {
    root,
    manifests: [],
    tempDir: join(root, DEFAULT_TEMP_DIR),
    witDeps: [],
    customCommands: {},
    clean: [],
    components: new Map(),
    templates: new Map(),
    dependencies: [],
  };
}
