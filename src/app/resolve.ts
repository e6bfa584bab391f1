/**
 * Applying templates to components the way Golem 1.2.5 does (model/app.rs `resolve_component`):
 * the template's properties are rendered for the component's name (`{{ component_name | … }}`),
 * then the component's own properties override them key by key. With build profiles, the
 * common properties of template and component are merged into each of the template's
 * profiles, and `defaultProfile` comes from the component or else the template.
 */
import { isAbsolute } from 'node:path';
import { resolveFrom } from '../fs/paths.js';
import { isScalar, isSeq, type Node } from 'yaml';
import { UserError } from '../errors.js';
import { renderTemplateValue } from './jinja.js';
import { nodeLocation, type ManifestDoc } from './manifest-doc.js';
import type { BuildStep, ComponentProperties, ComponentType } from './model.js';
import { knownEntries, mapEntries, type ProblemSink, seqItems, shapeError, stringValue, type Entry } from './shape.js';

const COMPONENT_TYPES: readonly ComponentType[] = ['durable', 'ephemeral', 'library'];
const NOT_PROPERTIES = new Set(['template', 'profiles', 'defaultProfile']);

/** A property value and where it came from; template values are rendered, the component's are not. */
interface PropertySource {
  entry: Entry;
  m: ManifestDoc;
  fromTemplate: boolean;
  /** For the keys Golem extends (EXTENDED_KEYS): the values of earlier layers, first first. */
  earlier?: PropertySource[];
}
type Properties = Map<string, PropertySource>;

/** A parsed `components.<name>` or `templates.<name>` mapping. */
export interface RawDefinition {
  name: string;
  m: ManifestDoc;
  entry: Entry;
}

interface Split {
  common: Properties;
  profiles: Map<string, { props: Properties; node: Node | null }>;
  defaultProfile?: { name: string; node: Node | null };
}

/** `problems`: a collecting load's sink (unknown keys are reported there and left out). */
function split(def: RawDefinition, kind: 'component' | 'template', fromTemplate: boolean, problems?: ProblemSink): Split {
  const what = `${kind} '${def.name}'`;
  const entries = knownEntries(def.m, def.entry.value, kind, what, problems);
  const asProps = (map: Map<string, Entry>): Properties => new Map([...map].filter(([k]) => !NOT_PROPERTIES.has(k)).map(([k, entry]) => [k, { entry, m: def.m, fromTemplate }]));
  const profiles = new Map<string, { props: Properties; node: Node | null }>();
  for (const p of mapEntries(def.m, entries.get('profiles')?.value, `profiles of ${what}`)) {
    profiles.set(p.key, { props: asProps(knownEntries(def.m, p.value, 'profile', `profile '${p.key}' of ${what}`, problems)), node: p.keyNode });
  }
  const dp = entries.get('defaultProfile');
  const defaultProfile = dp && dp.value != null ? { name: stringValue(def.m, dp.value, `defaultProfile of ${what}`), node: dp.value } : undefined;
  return { common: asProps(entries), profiles, defaultProfile };
}

const isNull = (node: Node | null): boolean => node == null || (isScalar(node) && node.value == null);

/** Keys whose later values extend the earlier ones (maps by name, lists appended) instead of replacing them. */
const EXTENDED_KEYS = new Set(['customCommands', 'env', 'files', 'plugins']);

const isEmptyList = (node: Node | null): boolean => isSeq(node) && node.items.length === 0;

/**
 * Later layers (template, template profile, component, component profile) override earlier ones
 * as golem-cli/src/model/app_raw.rs `merge_with_overrides` does: key by key; a key written empty
 * (`sourceWit:`, `build: []`) overrides nothing; customCommands, env, files and plugins are
 * extended, not replaced.
 */
function merge(...layers: (Properties | undefined)[]): Properties {
  const out: Properties = new Map();
  for (const layer of layers) {
    for (const [k, v] of layer ?? []) {
      const prev = out.get(k);
      if (prev && (isNull(v.entry.value) || isEmptyList(v.entry.value))) continue;
      out.set(k, prev && EXTENDED_KEYS.has(k) ? { ...v, earlier: [...(prev.earlier ?? []), prev] } : v);
    }
  }
  return out;
}

/** Every layer's value of an extended key, first first. */
const layersOf = (src: PropertySource | undefined): PropertySource[] => (src ? [...(src.earlier ?? []), src] : []);

/** Golem's profile rules for a definition: `defaultProfile` only with profiles, and then required and known. */
function checkProfiles(def: RawDefinition, s: Split, what: string): void {
  if (s.profiles.size === 0) {
    if (s.defaultProfile) throw shapeError(def.m, s.defaultProfile.node, `defaultProfile of ${what} is not allowed without profiles`, 'Remove it or add profiles.');
    return;
  }
  if (!s.defaultProfile) {
    throw new UserError(`${what} has profiles but no defaultProfile`, {
      code: 'E_MANIFEST',
      location: nodeLocation(def.m, def.entry.keyNode),
      hint: `Add defaultProfile: one of ${[...s.profiles.keys()].join(', ')}.`,
    });
  }
  checkDefaultIn(def.m, s.defaultProfile, s.profiles, what);
}

function checkDefaultIn(m: ManifestDoc, dp: { name: string; node: Node | null }, profiles: Map<string, unknown>, what: string): void {
  if (!profiles.has(dp.name)) {
    throw shapeError(m, dp.node, `defaultProfile '${dp.name}' of ${what} is not one of its profiles`, `Known profiles: ${[...profiles.keys()].join(', ')}.`);
  }
}

/** Validates a template on its own (Golem checks templates even when no component uses them). */
export function checkTemplate(def: RawDefinition, problems?: ProblemSink): void {
  checkProfiles(def, split(def, 'template', true, problems), `template '${def.name}'`);
}

export interface ResolvedProperties {
  properties: ComponentProperties;
  profiles: Record<string, ComponentProperties>;
  defaultProfile?: string;
}

/** Resolves one component (with its template, if any) into its final properties, paths absolute against `dir`. */
export function resolveComponent(def: RawDefinition, template: RawDefinition | undefined, dir: string, problems?: ProblemSink): ResolvedProperties {
  const what = `component '${def.name}'`;
  const own = split(def, 'component', false, problems);
  const convert = (props: Properties) => toProperties(props, def, dir);

  if (template) {
    const t = split(template, 'template', true, problems);
    if (t.profiles.size === 0) return { properties: convert(merge(t.common, own.common)), profiles: {} };
    const profiles: Record<string, ComponentProperties> = {};
    for (const [name, tp] of t.profiles) {
      profiles[name] = convert(merge(t.common, tp.props, own.common, own.profiles.get(name)?.props));
    }
    const dp = own.defaultProfile ?? t.defaultProfile!;
    checkDefaultIn(own.defaultProfile ? def.m : template.m, dp, t.profiles, what);
    return { properties: profiles[dp.name]!, profiles, defaultProfile: dp.name };
  }

  checkProfiles(def, own, what);
  if (own.profiles.size === 0) return { properties: convert(own.common), profiles: {} };
  const profiles: Record<string, ComponentProperties> = {};
  for (const [name, p] of own.profiles) profiles[name] = convert(merge(own.common, p.props));
  return { properties: profiles[own.defaultProfile!.name]!, profiles, defaultProfile: own.defaultProfile!.name };
}

/**
 * golem-cli/src/model/app.rs `validate_resolved_component_properties` ("Property sourceWit is
 * empty or undefined"): these must be set and non-empty. Left out entirely we read Golem's
 * template defaults instead (a known difference, see README); written but empty, or `~`, is
 * Golem's error.
 */
const REQUIRED_PROPERTIES = ['sourceWit', 'generatedWit', 'componentWasm'] as const;

/** Reads the merged property map into the model, rendering template values for the component's name. */
function toProperties(props: Properties, def: RawDefinition, dir: string): ComponentProperties {
  const componentName = def.name;
  const text = (src: PropertySource, node: Node | null | undefined, what: string): string => {
    const raw = stringValue(src.m, node, what);
    if (!src.fromTemplate) return raw;
    try {
      return renderTemplateValue(raw, componentName);
    } catch (err) {
      throw shapeError(src.m, node, `cannot render ${what} for '${componentName}': ${(err as Error).message}`);
    }
  };
  const str = (key: string) => {
    const src = props.get(key);
    return src && src.entry.value != null ? text(src, src.entry.value, key) : undefined;
  };
  const list = (src: PropertySource, node: Node | null | undefined, what: string) => seqItems(src.m, node, what).map((item) => text(src, item, `an entry of ${what}`));
  const path = (p: string) => (isAbsolute(p) ? p : resolveFrom(dir, p));
  const steps = (src: PropertySource, node: Node | null | undefined, what: string): BuildStep[] => readSteps(src.m, node, what, dir, (n, w) => text(src, n, w));

  for (const key of REQUIRED_PROPERTIES) {
    const src = props.get(key);
    if (!src) continue;
    if (isNull(src.entry.value) || str(key) === '') {
      throw shapeError(src.m, src.entry.value ?? src.entry.keyNode, `${key} of component '${componentName}' is empty`, `Golem requires a path here; remove the key or write one.`);
    }
  }

  const componentType = (str('componentType') ?? 'durable') as ComponentType;
  if (!COMPONENT_TYPES.includes(componentType)) {
    const src = props.get('componentType')!;
    throw shapeError(src.m, src.entry.value, `unknown componentType '${componentType}'`, `Use one of: ${COMPONENT_TYPES.join(', ')}.`);
  }
  const at = (key: string) => props.get(key);
  const customCommands: Record<string, BuildStep[]> = {};
  for (const cc of layersOf(at('customCommands')))
    for (const e of mapEntries(cc.m, cc.entry.value, 'customCommands')) customCommands[e.key] = steps(cc, e.value, `customCommands.${e.key}`);
  const env: Record<string, string> = {};
  for (const envSrc of layersOf(at('env'))) {
    for (const e of mapEntries(envSrc.m, envSrc.entry.value, 'env')) {
      // golem-cli/src/model/app.rs `validate_and_normalize_env`: only uppercase names.
      if (e.key.toUpperCase() !== e.key) {
        throw shapeError(
          envSrc.m,
          e.keyNode,
          `environment variable name '${e.key}' of component '${componentName}' is not uppercase`,
          `Golem allows only uppercase names: use '${e.key.toUpperCase()}'.`,
        );
      }
      env[e.key] = text(envSrc, e.value, `env.${e.key}`);
    }
  }
  const raw = (key: string) => layersOf(at(key)).flatMap((src) => seqItems(src.m, src.entry.value, key).map((n) => n.toJSON() as unknown));
  const componentWasm = str('componentWasm');
  const linkedWasm = str('linkedWasm');
  const build = at('build');
  const clean = at('clean');
  const locations: ComponentProperties['locations'] = {};
  for (const key of ['generatedWit', 'componentWasm', 'linkedWasm', 'clean'] as const) {
    const src = props.get(key);
    if (src && src.entry.value != null) locations[key] = nodeLocation(src.m, src.entry.value);
  }
  return {
    sourceWit: path(str('sourceWit') ?? 'wit'),
    generatedWit: path(str('generatedWit') ?? 'wit-generated'),
    ...(componentWasm !== undefined ? { componentWasm: path(componentWasm) } : {}),
    ...(linkedWasm !== undefined ? { linkedWasm: path(linkedWasm) } : {}),
    build: build ? steps(build, build.entry.value, 'build') : [],
    customCommands,
    clean: clean ? list(clean, clean.entry.value, 'clean') : [],
    componentType,
    env,
    files: raw('files'),
    plugins: raw('plugins'),
    locations,
  };
}

/**
 * A list of `externalCommand`s (`build`, `customCommands.<name>`); `dir` is resolved against
 * `baseDir`, and every string goes through `text` (which renders template values).
 */
export function readSteps(
  m: ManifestDoc,
  node: Node | null | undefined,
  what: string,
  baseDir: string,
  text: (node: Node | null | undefined, what: string) => string,
): BuildStep[] {
  return seqItems(m, node, what).map((item) => {
    const c = knownEntries(m, item, 'command', `a step of ${what}`);
    const command = c.get('command');
    if (!command) throw shapeError(m, item, `a step of ${what} has no 'command'`);
    const field = (k: string) => seqItems(m, c.get(k)?.value, `${k} of a step of ${what}`).map((n) => text(n, `an entry of ${k}`));
    const stepDir = c.get('dir')?.value != null ? text(c.get('dir')!.value, 'dir') : '.';
    return {
      command: text(command.value, 'command'),
      dir: isAbsolute(stepDir) ? stepDir : resolveFrom(baseDir, stepDir),
      rmdirs: field('rmdirs'),
      mkdirs: field('mkdirs'),
      sources: field('sources'),
      targets: field('targets'),
    };
  });
}
