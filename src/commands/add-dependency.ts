/**
 * `add dependency <component> <target>`: validate the names and the type against the app,
 * write the dependency into the right golem.yaml (checked by re-loading the app before the
 * write), print what changed, then generate the caller's clients. If generation fails, the
 * golem.yaml edit is undone so the command changes nothing.
 */
import { relative } from 'node:path';
import { addDependency, findAppRoot, loadApp, writeEdits, type App, type Edit, type RpcDependencyType } from '../app/index.js';
import { closest } from '../app/shape.js';
import { UserError } from '../errors.js';
import { generate, type GenerateSummary } from '../rpc/index.js';
import type { Reporter } from '../report.js';

export interface AddDependencyInput {
  /** Where to look for the app (a folder inside it). */
  cwd: string;
  /** `--app <dir>`. */
  app?: string;
  component: string;
  /** One dependency per target (the interactive prompt may pick several). */
  targets: string[];
  /** `--type`, default `wasm-rpc`. */
  type?: string;
  /** `--manifest`, only `root`. */
  manifest?: string;
}

export interface AddDependencyResult {
  app: App;
  edits: Edit[];
  clients?: GenerateSummary;
}

const TYPES: readonly RpcDependencyType[] = ['wasm-rpc', 'static-wasm-rpc'];

/** Why a `--type` value is refused, per known mistake. */
const TYPE_ADVICE: Record<string, string> = {
  'wasm-rpc-static': "Use 'static-wasm-rpc': Golem's JSON schema spells it 'wasm-rpc-static', but the Golem CLI only accepts 'static-wasm-rpc'.",
  wasm: "A 'wasm' dependency links a WASM file by path or url; add it to golem.yaml by hand. This command writes worker-to-worker dependencies.",
};

export function parseDependencyType(value: string | undefined): RpcDependencyType {
  if (value === undefined) return 'wasm-rpc';
  if ((TYPES as readonly string[]).includes(value)) return value as RpcDependencyType;
  const guess = closest(value, TYPES);
  throw new UserError(`unknown --type '${value}'`, {
    hint: TYPE_ADVICE[value] ?? `${guess ? `Did you mean '${guess}'? ` : ''}Use one of: ${TYPES.join(', ')}.`,
  });
}

function parseManifestChoice(value: string | undefined): 'root' | undefined {
  if (value === undefined || value === 'root') return value;
  throw new UserError(`unknown --manifest '${value}'`, { hint: "The only choice is 'root' (write into the root golem.yaml); leave it out to use the component's own." });
}

export async function runAddDependency(input: AddDependencyInput, report: Reporter): Promise<AddDependencyResult> {
  const type = parseDependencyType(input.type);
  const manifest = parseManifestChoice(input.manifest);
  const root = findAppRoot(input.cwd, input.app);
  let app = loadApp(root, { explicitRoot: true });
  if (type === 'static-wasm-rpc') report.info('note: Golem marks static-wasm-rpc as deprecated, and building its client needs a Rust toolchain (cargo).');

  const written: Edit[] = [];
  const undo = () => {
    for (const edit of [...written].reverse()) writeEdits([{ ...edit, before: edit.after, after: edit.before }]);
  };
  try {
    for (const target of input.targets) {
      // Each edit is planned on the files as the previous one left them.
      const edit = addDependency(app, input.component, target, type, manifest ? { manifest } : {});
      const file = relative(input.cwd, edit.file) || edit.file;
      const what = `${input.component} → ${target} (${type})`;
      if (edit.status === 'unchanged') {
        report.info(`${what} is already declared in ${file}; nothing changed.`);
        continue;
      }
      writeEdits([edit], { verify: (texts) => loadApp(root, { explicitRoot: true, overrides: texts }) });
      written.push(edit);
      report.step(`${edit.status === 'added' ? 'Added' : 'Updated'} dependency ${what} in ${file}`);
      const mark = edit.status === 'added' ? '+' : '~';
      for (const line of edit.lines) report.info(`  ${String(line.line).padStart(4)} ${mark} ${line.text}`);
      app = loadApp(root, { explicitRoot: true });
    }
    if (written.length === 0) return { app, edits: written };
    const clients = await generate(app, { components: [input.component] }, report);
    return { app, edits: written, clients };
  } catch (err) {
    // All or nothing: every golem.yaml goes back to how it was.
    if (written.length > 0) {
      undo();
      report.warn(`nothing was changed: ${written.map((e) => relative(input.cwd, e.file) || e.file).join(', ')} restored.`);
    }
    throw err;
  }
}
