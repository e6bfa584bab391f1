/**
 * The `types` check of `templates validate` (and of publish's validation) for TS templates: the
 * rendered sample app is completed as `create` would complete it (a caller's dependency on its
 * target, client generation), jco's TypeScript declarations of the component's generated WIT are
 * written to `src/generated` as its build writes them (`jco guest-types … -o src/generated`,
 * common-ts/golem.yaml), and the component's own tsconfig.json is type-checked with the user's
 * TypeScript. TypeScript and jco are the user's: resolved from the template folder, else the
 * current folder; when either is missing the check is reported skipped, with how to enable it.
 */
import { existsSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative, sep } from 'node:path';
import { addDependency } from '../../app/index.js';
import { AppSession } from '../../app/session.js';
import { UserError } from '../../errors.js';
import { commitPlan } from '../../fs/plan.js';
import { Generation, jcoAsyncExportArgs } from '../../rpc/index.js';
import { type CheckResult, type SampleApp, skipped } from '../../templates/publishing/index.js';

/** The packages the check needs, as a user installs them. */
const TYPESCRIPT = 'typescript';
const JCO = '@bytecodealliance/jco';
/** jco's library build (the same bindgen, without the CLI), accepted as well. */
const JCO_TRANSPILE = '@bytecodealliance/jco-transpile';

/** At most this many type errors are reported (the first ones say what is wrong). */
const MAX_REPORTED = 10;

/** `require.resolve` of `name` from `folder`, or undefined. */
function resolveFrom(folder: string, name: string): string | undefined {
  try {
    return createRequire(join(folder, 'package.json')).resolve(name);
  } catch {
    return undefined;
  }
}

interface Tool {
  /** The resolved entry file. */
  path: string;
  /** The `node_modules` folder it was found in. */
  nodeModules: string;
}

function findTool(folders: string[], names: string[]): Tool | undefined {
  for (const folder of folders) {
    for (const name of names) {
      const path = resolveFrom(folder, name);
      if (path) return { path, nodeModules: path.slice(0, path.lastIndexOf(`${sep}node_modules${sep}`) + `${sep}node_modules`.length) };
    }
  }
  return undefined;
}

/** Runs the `types` check on the sample app; `cwd` is the second place TypeScript and jco are looked for. */
export function templateTypeCheck(cwd: string): (sample: SampleApp) => Promise<CheckResult[]> {
  return async (sample) => {
    const folders = [...new Set([sample.templateDir, cwd])];
    const typescript = findTool(folders, [TYPESCRIPT]);
    const jco = findTool(folders, [JCO, JCO_TRANSPILE]);
    if (!typescript || !jco) {
      const missing = [typescript ? undefined : TYPESCRIPT, jco ? undefined : JCO].filter(Boolean).join(' and ');
      return [
        skipped(
          'types',
          `type-check skipped: ${missing} not found from the template folder or the current folder; to enable it, run 'npm install --save-dev typescript ${JCO} @types/node' in either`,
        ),
      ];
    }
    const componentDir = prepareSample(sample);
    await writeDeclarations(jco.path, join(componentDir, 'wit-generated'), join(componentDir, 'src', 'generated'));
    // The sample app sees the user's packages (@types/node, …) as an installed app would.
    if (!existsSync(join(sample.appDir, 'node_modules'))) symlinkSync(typescript.nodeModules, join(sample.appDir, 'node_modules'), 'dir');
    return typeErrors(typescript.path, componentDir, sample);
  };
}

/** The sample as `create` leaves it: a caller depends on its target, every client is generated. Returns the component's folder. */
function prepareSample(sample: SampleApp): string {
  const session = AppSession.open(sample.appDir, sample.appDir);
  if (sample.target) session.edit(addDependency(session.app, sample.component, sample.target, 'wasm-rpc', { source: session }));
  new Generation(() => session.app, session.plan).planInto();
  commitPlan(session.plan);
  return session.app.components.get(sample.component)!.dir;
}

type FileBytes = Record<string, Uint8Array>;
interface JcoApi {
  /** @bytecodealliance/jco: `types(witPath, opts)` is what `jco guest-types` runs (with `guest: true`). */
  types?: (witPath: string, opts: Record<string, unknown>) => Promise<FileBytes>;
  /** @bytecodealliance/jco-transpile. */
  generateGuestTypes?: (witPath: string, opts: Record<string, unknown>) => Promise<FileBytes>;
}

/**
 * `jco guest-types wit-generated --async-mode jspi --async-wasi-exports ${JCO_ASYNC_EXPORT_ARGS}
 * -o src/generated`, through jco's API. JCO_ASYNC_EXPORT_ARGS are `--async-imports` flags (Golem's
 * workaround for jco#622 in the jco 1.10.2 it pins, where they make the exports async); jco's
 * library build takes them as the `asyncExports` they mean.
 */
async function writeDeclarations(jcoEntry: string, generatedWit: string, outDir: string): Promise<void> {
  const { importFile } = await import('../../fs/import-file.js');
  const jco = await importFile<JcoApi>(jcoEntry);
  const asyncFunctions = jcoAsyncExportArgs(generatedWit)
    .split(' ')
    .filter((_, i) => i % 2 === 1);
  const options = { guest: true, asyncMode: 'jspi', asyncWasiExports: true };
  let files: FileBytes;
  if (jco.types) {
    files = await jco.types(generatedWit, { ...options, asyncImports: asyncFunctions });
  } else if (jco.generateGuestTypes) {
    // The library reads WIT through its WASI filesystem shim, which sees only what is opened for it.
    const shim = await importFile<{ _setPreopens(p: Record<string, string>): void }>(createRequire(jcoEntry).resolve('@bytecodealliance/preview2-shim/filesystem'));
    shim._setPreopens({ '/': '/' });
    files = await jco.generateGuestTypes(generatedWit, { ...options, asyncExports: asyncFunctions });
  } else {
    throw new UserError(`${jcoEntry} offers neither jco's types() nor generateGuestTypes()`, {
      code: 'E_TEMPLATE',
      hint: `Install ${JCO} 1.10.2, as Golem's TypeScript build uses.`,
    });
  }
  for (const [file, bytes] of Object.entries(files)) {
    mkdirSync(dirname(join(outDir, file)), { recursive: true });
    writeFileSync(join(outDir, file), bytes);
  }
}

interface TypeScriptApi {
  sys: object;
  getParsedCommandLineOfConfigFile(path: string, options: object, host: object): { fileNames: string[]; options: object; errors: Diagnostic[] } | undefined;
  createProgram(rootNames: string[], options: object): object;
  getPreEmitDiagnostics(program: object): readonly Diagnostic[];
  flattenDiagnosticMessageText(text: unknown, newLine: string): string;
  DiagnosticCategory: { Error: number };
}
interface Diagnostic {
  category: number;
  code: number;
  messageText: unknown;
  file?: { fileName: string; getLineAndCharacterOfPosition(at: number): { line: number; character: number } };
  start?: number;
}

/** `tsc --noEmit -p <component>/tsconfig.json`, with the errors at the template's own files. */
async function typeErrors(typescriptEntry: string, componentDir: string, sample: SampleApp): Promise<CheckResult[]> {
  const ts = createRequire(import.meta.url)(typescriptEntry) as TypeScriptApi;
  const tsconfig = join(componentDir, 'tsconfig.json');
  const componentRel = relative(sample.appDir, componentDir).split(sep).join('/');
  if (!existsSync(tsconfig)) return [skipped('types', `type-check skipped: the component has no tsconfig.json (${sample.place(`${componentRel}/tsconfig.json`)})`)];
  const configErrors: Diagnostic[] = [];
  const parsed = ts.getParsedCommandLineOfConfigFile(tsconfig, {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: (d: Diagnostic) => configErrors.push(d) });
  const diagnostics = parsed ? [...parsed.errors, ...ts.getPreEmitDiagnostics(ts.createProgram(parsed.fileNames, parsed.options))] : configErrors;
  const errors = diagnostics.filter((d) => d.category === ts.DiagnosticCategory.Error);
  if (errors.length === 0) return [{ check: 'types', ok: true, message: `${sample.component}'s sources type-check against jco's declarations of its WIT` }];
  return errors.slice(0, MAX_REPORTED).map((d) => {
    const message = `TS${d.code}: ${ts.flattenDiagnosticMessageText(d.messageText, ' ')}`;
    if (!d.file) return { check: 'types', ok: false, message };
    const { line, character } = d.file.getLineAndCharacterOfPosition(d.start ?? 0);
    const rel = relative(sample.appDir, d.file.fileName).split(sep).join('/');
    return { check: 'types', ok: false, message, file: rel.startsWith('..') ? d.file.fileName : sample.place(rel, line + 1, character + 1) };
  });
}
