/**
 * Where the tool and Golem's build write or delete, checked once on every loaded app (from disk
 * or from a session's planned bytes, so template-created manifests are checked too), for every
 * profile, after `{{ }}` rendering:
 *
 * - `generatedWit` (the tool replaces its contents), `componentWasm`, `linkedWasm`, `clean`
 *   entries and `tempDir` resolve inside the app folder, and none of them is the folder itself;
 * - `generatedWit` does not hold the component's own folder, its golem.yaml, its `sourceWit`,
 *   or anything its build reads as source (a build source equal to generatedWit is fine: Golem's
 *   templates build from `wit-generated`);
 * - `tempDir` holds no component and no golem.yaml.
 *
 * Keys that are only read (`includes`, `witDeps`, build sources) may point outside: Golem allows
 * `witDeps: [../shared-wit]`, and nothing is ever written there. Checks here are on the text of
 * the paths; the transaction (fs/transaction.ts) checks real paths, links resolved.
 */
import { dirname, isAbsolute, relative, sep } from 'node:path';
import { isPlainAbsolute, resolveFrom } from '../fs/paths.js';
import { type SourceLocation, UserError } from '../errors.js';
import type { App, AppComponent, ComponentProperties } from './model.js';
import { attempt, type ProblemSink } from './shape.js';

/** `path` is `dir` or below it. */
const within = (dir: string, path: string): boolean => {
  // The common case without `relative`'s two resolves: the same answer on the text.
  if (isPlainAbsolute(dir) && isPlainAbsolute(path)) return path === dir || path.startsWith(`${dir}/`);
  const rel = relative(dir, path);
  return rel === '' || (!rel.startsWith(`..${sep}`) && rel !== '..' && !isAbsolute(rel));
};

/** The fixed part of a glob (`src/**\/*.ts` → `src`). */
function globBase(path: string): string {
  const parts = path.split(/[\\/]/);
  const first = parts.findIndex((p) => /[*?[{]/.test(p));
  return first < 0 ? path : parts.slice(0, first).join(sep) || sep;
}

function refuse(what: string, problem: string, location: SourceLocation, hint: string): never {
  throw new UserError(`${what} ${problem}`, { code: 'E_MANIFEST', location, hint: `Nothing was written. ${hint}` });
}

function checkProfile(app: App, c: AppComponent, props: ComponentProperties, profile: string | undefined): void {
  const { root } = app;
  const of = (key: string) => `${key} of component '${c.name}'${profile ? ` (profile '${profile}')` : ''}`;
  const at = (key: keyof NonNullable<ComponentProperties['locations']>) => props.locations?.[key] ?? c.location;
  const shown = (path: string) => relative(root, path) || '.';
  const inside = (key: 'generatedWit' | 'componentWasm' | 'linkedWasm' | 'clean', path: string, hint: string) => {
    if (!within(root, path)) refuse(of(key), `resolves to ${path}, outside the app folder ${root}`, at(key), hint);
    if (path === root) refuse(of(key), 'is the app folder itself', at(key), hint);
  };

  const g = props.generatedWit;
  const keep = "Give it a folder of its own inside the component, e.g. 'wit-generated'.";
  inside('generatedWit', g, keep);
  if (within(g, c.dir)) refuse(of('generatedWit'), `(${shown(g)}) would hold the component's own folder ${shown(c.dir)}`, at('generatedWit'), keep);
  if (within(g, props.sourceWit)) refuse(of('generatedWit'), `(${shown(g)}) would hold its sourceWit ${shown(props.sourceWit)}`, at('generatedWit'), keep);
  const steps = [...props.build, ...Object.values(props.customCommands).flat()];
  for (const step of steps) {
    for (const source of step.sources) {
      const base = globBase(isAbsolute(source) ? source : resolveFrom(step.dir, source));
      if (base !== g && within(g, base)) refuse(of('generatedWit'), `(${shown(g)}) would hold ${shown(base)}, which the build reads as source`, at('generatedWit'), keep);
    }
  }
  const build = 'Keep build outputs inside the app folder.';
  if (props.componentWasm !== undefined) inside('componentWasm', props.componentWasm, build);
  if (props.linkedWasm !== undefined) inside('linkedWasm', props.linkedWasm, build);
  for (const entry of props.clean) inside('clean', isAbsolute(entry) ? entry : resolveFrom(c.dir, entry), "Keep 'clean' entries inside the app folder.");
}

/**
 * Throws the first write path of `app` that would leave the app or overwrite what is not
 * generated; collecting (`problems`), reports the first of the app's own paths and of each component.
 */
export function checkWritePaths(app: App, problems?: ProblemSink): void {
  attempt(problems, () => checkAppPaths(app));
  for (const c of app.components.values()) {
    attempt(problems, () => {
      const profiles = Object.entries(c.profiles);
      if (profiles.length === 0) checkProfile(app, c, c, undefined);
      for (const [name, props] of profiles) checkProfile(app, c, props, name);
    });
  }
}

function checkAppPaths(app: App): void {
  const { root } = app;
  const tempAt = app.locations?.tempDir ?? { file: app.manifests[0] ?? root, line: 1, column: 1 };
  const tempHint = "Keep tempDir inside the app folder, in a folder of its own (Golem's default is 'golem-temp').";
  if (!within(root, app.tempDir)) refuse('tempDir', `resolves to ${app.tempDir}, outside the app folder ${root}`, tempAt, tempHint);
  if (app.tempDir === root) refuse('tempDir', 'is the app folder itself', tempAt, tempHint);
  for (const manifest of app.manifests) {
    if (within(app.tempDir, dirname(manifest))) refuse('tempDir', `(${relative(root, app.tempDir)}) would hold ${relative(root, manifest)}`, tempAt, tempHint);
  }
  (app.clean ?? []).forEach((entry, i) => {
    const at = app.locations?.clean?.[i] ?? tempAt;
    if (!within(root, entry) || entry === root) refuse("an entry of 'clean'", `(${entry}) is not inside the app folder ${root}`, at, "Keep 'clean' entries inside the app folder.");
  });
}
