/**
 * The TypeScript declarations of a TS component (`src/generated/`), made the way its build makes
 * them: the component's build step that runs jco's `guest-types` (the common TS template's first
 * step) is read — not run — for its WIT folder, output folder and options, `${JCO_ASYNC_EXPORT_ARGS}`
 * is computed as Golem computes it (jco-args.ts), and the *app's own* installed
 * `@bytecodealliance/jco` generates the files through its package API (`types`, with `guest`),
 * from the WIT the run planned. The files are planned into the run's Plan like any other
 * generated output: written only when their bytes change; files jco no longer writes are removed
 * when the step's `rmdirs` clears that folder anyway.
 *
 * A stamp per component (`<tempDir>/ts-declarations/<ns_name>.json`: a hash of the inputs — the
 * WIT files, the step's command, jco's version — and a hash per output file) lets a run whose
 * inputs did not change skip jco altogether when the files are still as jco wrote them.
 */
import { mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { basename, dirname, extname, isAbsolute, join, resolve, sep } from 'node:path';
import type { App, AppComponent, BuildStep } from '../app/index.js';
import { sha256Hex } from '../builtins.js';
import type { Plan } from '../fs/plan.js';
import { splitWords, substituteVariables } from '../text/command-line.js';
import { readTree } from './file-tree.js';
import { jcoAsyncExportArgs } from './jco-args.js';
import { safeDirName } from './naming.js';

/** What jco's `types` is given (its `typesComponent` options). */
interface JcoTypesOptions {
  name: string;
  worldName?: string;
  guest: true;
  asyncMode?: string;
  asyncWasiExports?: boolean;
  asyncExports?: string[];
  asyncImports?: string[];
  feature?: string[];
  allFeatures?: boolean;
}

/** A component's `guest-types` build step, read. */
export interface GuestTypesStep {
  component: AppComponent;
  /** Absolute: the WIT folder jco reads. */
  wit: string;
  /** Absolute: where the declarations go. */
  outDir: string;
  /** The step's command line as written (`${JCO_ASYNC_EXPORT_ARGS}` not yet expanded). */
  command: string;
  /** The step's `rmdirs` clears `outDir`: files jco no longer writes are removed. */
  clearsOutDir: boolean;
}

const ASYNC_ARGS_VAR = 'JCO_ASYNC_EXPORT_ARGS';

/** The component's build step that runs `guest-types`, if it has one (a TS component). */
export function guestTypesStep(component: AppComponent): GuestTypesStep | undefined {
  for (const step of component.build) {
    const words = splitWords(step.command);
    const at = words?.indexOf('guest-types') ?? -1;
    if (!words || at < 0) continue;
    const args = words.slice(at + 1);
    const wit = args.find((w, i) => !w.startsWith('-') && !takesValue(args[i - 1]));
    const out = optionValue(args, ['-o', '--out-dir']);
    if (wit === undefined || out === undefined) return undefined;
    const outDir = resolve(step.dir, out);
    return { component, wit: resolve(step.dir, wit), outDir, command: step.command, clearsOutDir: clears(step, outDir) };
  }
  return undefined;
}

const VALUE_OPTIONS = new Set(['-o', '--out-dir', '--name', '-n', '--world-name', '--feature']);
const takesValue = (word: string | undefined): boolean => word !== undefined && VALUE_OPTIONS.has(word);
const clears = (step: BuildStep, dir: string): boolean => step.rmdirs.some((d) => resolve(step.dir, d) === dir);

function optionValue(args: string[], names: string[]): string | undefined {
  const at = args.findIndex((w) => names.includes(w));
  return at >= 0 ? args[at + 1] : undefined;
}

/**
 * The options jco's guest-types wrapper (and jco's own CLI) builds from these words, or the
 * reason they cannot be read.
 */
export function jcoOptions(words: string[], witPath: string): JcoTypesOptions | string {
  const options: JcoTypesOptions = { name: basename(witPath, extname(witPath)), guest: true };
  const list = (from: number): [string[], number] => {
    let end = from;
    while (end < words.length && !words[end]!.startsWith('-')) end++;
    return [words.slice(from, end), end];
  };
  let witSeen = false;
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!;
    switch (w) {
      case '-o':
      case '--out-dir':
        i++;
        break;
      case '--name':
        options.name = words[++i] ?? options.name;
        break;
      case '-n':
      case '--world-name': {
        const world = words[++i];
        if (world !== undefined) options.worldName = world;
        break;
      }
      case '-q':
      case '--quiet':
        break;
      case '--feature':
        options.feature = [...(options.feature ?? []), words[++i] ?? ''];
        break;
      case '--all-features':
        options.allFeatures = true;
        break;
      case '--async-mode': {
        // A bare `--async-mode` means `sync` (jco's preset).
        const mode = words[i + 1];
        options.asyncMode = mode === 'sync' || mode === 'jspi' ? mode : 'sync';
        if (mode === 'sync' || mode === 'jspi') i++;
        break;
      }
      case '--async-wasi-exports':
        options.asyncWasiExports = true;
        break;
      case '--async-exports':
      case '--async-imports': {
        const [names, end] = list(i + 1);
        const key = w === '--async-exports' ? 'asyncExports' : 'asyncImports';
        options[key] = [...(options[key] ?? []), ...names];
        i = end - 1;
        break;
      }
      default:
        if (w.startsWith('-') || witSeen) return `its guest-types step has '${w}', which create-golem-app does not know`;
        witSeen = true;
    }
  }
  return options;
}

/** What planning the declarations found, per TS component. */
export interface DeclarationsOutcome {
  /** Components whose declarations were generated into the plan. */
  generated: string[];
  /** Components whose inputs and files did not change (jco was not called). */
  upToDate: string[];
  /** TS components whose folder has no installed `@bytecodealliance/jco` (the app's packages are not installed). */
  missingPackages: string[];
  /** Components left alone, with the reason. */
  skipped: { component: string; reason: string }[];
  /** App-relative paths planned (written, unchanged or removed). */
  paths: string[];
  /** App-relative folders (with a trailing `/`) the paths are in, for grouped output. */
  folders: string[];
}

interface Stamp {
  /** The jco version that wrote the files. */
  jco: string;
  inputs: string;
  outputs: Record<string, string>;
}

/** `<tempDir>/ts-declarations/<ns_name>.json`: what made a component's declarations. */
export const declarationsStampPath = (tempDir: string, component: string): string => join(tempDir, 'ts-declarations', `${safeDirName(component)}.json`);

/**
 * Plans the declarations of the TS components among `components` (default: all) into `plan`,
 * from the WIT the plan holds. Nothing is written; jco runs on a private copy of that WIT.
 */
export async function planDeclarations(app: App, plan: Plan, components?: string[]): Promise<DeclarationsOutcome> {
  const outcome: DeclarationsOutcome = { generated: [], upToDate: [], missingPackages: [], skipped: [], paths: [], folders: [] };
  const chosen = components && components.length > 0 ? components.flatMap((n) => app.components.get(n) ?? []) : [...app.components.values()];
  const jco = findJco(app.root);
  for (const component of chosen) {
    const step = guestTypesStep(component);
    if (!step) continue;
    const name = component.name;
    const outRel = plan.relative(step.outDir);
    const witRel = plan.relative(step.wit);
    if (outRel === undefined || outRel === '' || witRel === undefined) {
      outcome.skipped.push({ component: name, reason: 'its guest-types step reads or writes outside the app' });
      continue;
    }
    const stampPath = declarationsStampPath(app.tempDir, name);
    if (!jco && !plan.isFile(stampPath)) {
      // Nothing to compare with and nothing to generate with: no need to read the WIT.
      outcome.missingPackages.push(name);
      continue;
    }
    const tree = readTree(plan, step.wit);
    // Golem computes the async arguments from the component's generatedWit, whatever the step reads.
    const generatedTree = step.wit === component.generatedWit ? tree : readTree(plan, component.generatedWit);
    const sorted = (t: Map<string, string>) => [...t].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    const inputs = (version: string) =>
      sha256Hex(JSON.stringify({ version: 1, jco: version, command: step.command, wit: sorted(tree), generated: tree === generatedTree ? [] : sorted(generatedTree) }));
    if (upToDate(plan, step, stampPath, inputs, jco?.version)) {
      outcome.upToDate.push(name);
      continue;
    }
    if (!jco) {
      outcome.missingPackages.push(name);
      continue;
    }
    const files = await runJco(jco, step, tree, generatedTree);
    if (typeof files === 'string') {
      outcome.skipped.push({ component: name, reason: files });
      continue;
    }
    const outputs: Record<string, string> = {};
    for (const [rel, bytes] of files) {
      outputs[rel] = sha256Hex(bytes);
      const path = `${outRel}/${rel}`;
      plan.write({ path, content: bytes, onExisting: 'replace', generated: true });
      outcome.paths.push(path);
    }
    if (step.clearsOutDir) {
      for (const rel of plan.walk(step.outDir)) {
        if (files.has(rel)) continue;
        plan.remove({ path: `${outRel}/${rel}`, generated: true, pruneUpTo: outRel });
        outcome.paths.push(`${outRel}/${rel}`);
      }
    }
    const stamp: Stamp = { jco: jco.version, inputs: inputs(jco.version), outputs };
    const stampRel = plan.relative(stampPath);
    if (stampRel !== undefined && stampRel !== '') {
      plan.write({ path: stampRel, content: Buffer.from(`${JSON.stringify(stamp, null, 2)}\n`), onExisting: 'replace', generated: true });
      outcome.paths.push(stampRel);
      outcome.folders.push(`${dirname(stampRel)}/`);
    }
    outcome.folders.push(`${outRel}/`);
    outcome.generated.push(name);
  }
  return outcome;
}

/**
 * The stamp says these inputs made the files that are there now (and, for a cleared folder, only
 * those), with the installed jco — or, when none is installed, with the one the stamp names.
 */
function upToDate(plan: Plan, step: GuestTypesStep, stampPath: string, inputs: (jco: string) => string, jco: string | undefined): boolean {
  let stamp: Stamp;
  try {
    stamp = JSON.parse(plan.readText(stampPath) ?? 'null') as Stamp;
  } catch {
    return false;
  }
  if (!stamp || typeof stamp.jco !== 'string' || stamp.inputs !== inputs(jco ?? stamp.jco) || typeof stamp.outputs !== 'object' || stamp.outputs === null) return false;
  const expected = Object.entries(stamp.outputs);
  if (expected.some(([rel, hash]) => rel.split('/').includes('..') || plan.read(join(step.outDir, rel)) === undefined || sha256Hex(plan.read(join(step.outDir, rel))!) !== hash))
    return false;
  return !step.clearsOutDir || plan.walk(step.outDir).every((rel) => rel in stamp.outputs);
}

interface Jco {
  version: string;
  entry: string;
}

/**
 * The app's own `@bytecodealliance/jco`, the one the build's jco wrapper imports
 * (`<app>/node_modules/@bytecodealliance/jco`, possibly a link), found with Node's resolution.
 */
function findJco(appRoot: string): Jco | undefined {
  let entry: string;
  let installed: string;
  try {
    installed = realpathSync(join(appRoot, 'node_modules', '@bytecodealliance', 'jco'));
    entry = createRequire(join(appRoot, 'package.json')).resolve('@bytecodealliance/jco');
  } catch {
    return undefined;
  }
  if (!entry.startsWith(installed + sep)) return undefined;
  for (let d = dirname(entry); d !== dirname(d); d = dirname(d)) {
    try {
      const manifest = JSON.parse(readFileSync(join(d, 'package.json'), 'utf8')) as { name?: string; version?: string };
      if (manifest.name === '@bytecodealliance/jco') return { version: String(manifest.version), entry };
    } catch {
      // no package.json here: keep looking upward
    }
  }
  return undefined;
}

type JcoModule = { types(witPath: string, options: JcoTypesOptions): Promise<Record<string, Uint8Array>> };
const loaded = new Map<string, Promise<JcoModule>>();

/** jco's `types` on a private copy of the planned WIT; the files by path relative to the output folder, or why not. */
async function runJco(jco: Jco, step: GuestTypesStep, tree: Map<string, string>, generatedTree: Map<string, string>): Promise<Map<string, Buffer> | string> {
  const stage = mkdtempSync(join(tmpdir(), 'create-golem-app-types-'));
  const place = (dir: string, files: Map<string, string>) => {
    for (const [rel, text] of files) {
      mkdirSync(dirname(join(dir, rel)), { recursive: true });
      writeFileSync(join(dir, rel), text);
    }
    return dir;
  };
  try {
    const wit = place(join(stage, 'wit', basename(step.wit)), tree);
    const generated = generatedTree === tree ? wit : place(join(stage, 'generated'), generatedTree);
    const line = splitWords(substituteVariables(step.command, { [ASYNC_ARGS_VAR]: jcoAsyncExportArgs(generated) })) ?? [];
    const words = line.slice(line.indexOf('guest-types') + 1);
    if (words.some((w) => w.includes('$'))) return 'its guest-types step uses a variable create-golem-app cannot know';
    const options = jcoOptions(words, step.wit);
    if (typeof options === 'string') return options;
    let module = loaded.get(jco.entry);
    if (!module) {
      module = import('../fs/import-file.js').then(({ importFile }) => importFile<JcoModule>(jco.entry));
      loaded.set(jco.entry, module);
    }
    const { types } = await module;
    if (typeof types !== 'function') return `the installed @bytecodealliance/jco ${jco.version} has no types function`;
    const files = await types(wit, options);
    const out = new Map<string, Buffer>();
    for (const [rel, bytes] of Object.entries(files)) {
      const parts = rel.split('/');
      if (isAbsolute(rel) || parts.some((p) => p === '' || p === '.' || p === '..')) return `jco named an output file '${rel}' outside its folder`;
      out.set(rel, Buffer.from(bytes));
    }
    return out;
  } catch (err) {
    return `jco ${jco.version} failed: ${(err instanceof Error ? err.message : String(err)).split('\n')[0]}`;
  } finally {
    rmSync(stage, { recursive: true, force: true });
  }
}
