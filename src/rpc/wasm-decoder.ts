/**
 * Decoding a component binary into the WIT packages it names, as golem-cli does with
 * wit-parser's `decoding::decode` (golem-cli/src/wasm_rpc_stubgen/wit_generate.rs
 * `extract_wasm_interface_as_wit_dep`). We write no decoder of our own: the first of these that
 * is installed does it, found only when an app has a `wasm` dependency by path or url.
 *
 *  1. `wasm-tools` on PATH (`component wit --out-dir`): every package of the decoded component,
 *     each printed on its own as Golem prints it.
 *  2. `@bytecodealliance/jco` installed in the app (its package API), or
 *     `@bytecodealliance/jco-transpile` in the app or among the global npm packages (its
 *     `wasm-tools` entry): their `componentWit` prints the component's world only, so they name
 *     the packages the component imports and exports but cannot print them. Packages the app's
 *     witDeps hold are taken from there (as Golem does for them anyway); any other needs (1).
 */
import { accessSync, constants, mkdtempSync, readdirSync, readFileSync, realpathSync, rmSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join } from 'node:path';
import { childProcess } from '../builtins.js';
import { UserError } from '../errors.js';
import { parseWitText } from '../wit/index.js';
import { GOLEM_WIT, packageId, type PackageRef } from './naming.js';
import { declaredPackage, foreignPackageRefs } from './wit-tree.js';

/** One package a component names; `text` is a standalone WIT file of it, when the decoder prints packages. */
export interface DecodedPackage {
  ref: PackageRef;
  id: string;
  text?: string;
}

export interface WasmDecoder {
  /** How the decoder is named in messages (`wasm-tools 1.x`, `@bytecodealliance/jco 1.35.0`). */
  name: string;
  /** Whether it prints the packages themselves (or only the component's world). */
  printsPackages: boolean;
  /** The component's packages, its own root package (`root:component`) included. */
  decode(file: string): Promise<DecodedPackage[]>;
}

/** The line for an app with `wasm` dependencies and no decoder. */
export const INSTALL_DECODER_HINT = 'Install wasm-tools and put it on PATH (cargo install --locked wasm-tools, or a release binary of github.com/bytecodealliance/wasm-tools).';

export function noDecoder(binary: string): UserError {
  return new UserError(`no WebAssembly component decoder is installed to read the WIT of ${binary}`, {
    code: 'E_DECODER',
    hint: INSTALL_DECODER_HINT,
  });
}

const firstLine = (err: unknown): string => (err instanceof Error ? err.message : String(err)).split('\n').find((l) => l.trim() !== '') ?? 'unknown error';

function cannotDecode(file: string, decoder: string, err: unknown): UserError {
  return new UserError(`cannot decode ${file} as a WebAssembly component (${decoder}: ${firstLine(err)})`, {
    code: 'E_DECODER',
    hint: 'Check that the file is a component (not a core module), e.g. with wasm-tools validate.',
  });
}

/**
 * The file's bytes, when it starts as a component does (`\0asm`, then version 0x0d and layer 1);
 * a core module or anything else is refused as wit-parser's decoder refuses it.
 */
function readComponent(file: string, decoder: string): Buffer {
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch (err) {
    throw cannotDecode(file, decoder, new Error((err as NodeJS.ErrnoException).code ?? String(err)));
  }
  const magic = bytes.subarray(0, 4).equals(Buffer.from([0, 0x61, 0x73, 0x6d]));
  if (!magic) throw cannotDecode(file, decoder, new Error('not a WebAssembly binary'));
  if (bytes.readUInt16LE(6) !== 1) throw cannotDecode(file, decoder, new Error('a core module, not a component'));
  return bytes;
}

/** One parsed WIT text as a decoded package, or undefined when it declares none. */
function packageOf(text: string, where: string): DecodedPackage | undefined {
  const file = parseWitText(text, where, GOLEM_WIT);
  const ref = declaredPackage({ source: where, files: [file] });
  return ref && { ref, id: packageId(ref), text };
}

/** An executable named `name` in one of the PATH folders. */
function onPath(name: string, env: NodeJS.ProcessEnv): string | undefined {
  const exts = process.platform === 'win32' ? (env.PATHEXT ?? '.EXE;.CMD;.BAT').split(';') : [''];
  for (const dir of (env.PATH ?? '').split(delimiter)) {
    if (!dir) continue;
    for (const ext of exts) {
      const candidate = join(dir, name + ext);
      try {
        if (!statSync(candidate).isFile()) continue;
        accessSync(candidate, constants.X_OK);
        return candidate;
      } catch {
        // not here
      }
    }
  }
  return undefined;
}

function run(program: string, args: string[]): Promise<string> {
  return new Promise((done, fail) => {
    childProcess().execFile(program, args, { maxBuffer: 64 * 1024 * 1024, windowsHide: true }, (err, stdout, stderr) => {
      if (err) fail(new Error(String(stderr).trim() || err.message));
      else done(String(stdout));
    });
  });
}

function wasmTools(program: string): WasmDecoder {
  return {
    name: 'wasm-tools',
    printsPackages: true,
    async decode(file) {
      readComponent(file, 'wasm-tools');
      const out = mkdtempSync(join(tmpdir(), 'create-golem-app-wit-'));
      try {
        await run(program, ['component', 'wit', '--out-dir', out, file]).catch((err) => {
          throw cannotDecode(file, 'wasm-tools', err);
        });
        const packages: DecodedPackage[] = [];
        const walk = (dir: string) => {
          for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
            const path = join(dir, entry.name);
            if (entry.isDirectory()) walk(path);
            else if (entry.isFile() && entry.name.endsWith('.wit')) {
              const pkg = packageOf(readFileSync(path, 'utf8'), `${file} (${entry.name})`);
              if (pkg) packages.push(pkg);
            }
          }
        };
        walk(out);
        return packages;
      } finally {
        rmSync(out, { recursive: true, force: true });
      }
    },
  };
}

type ComponentWit = (bytes: Uint8Array) => Promise<string> | string;

/** jco's `componentWit`: the component's world (`package root:component; world root { … }`) and the packages it names. */
function worldOnly(name: string, load: () => Promise<ComponentWit>): WasmDecoder {
  let loaded: Promise<ComponentWit> | undefined;
  return {
    name,
    printsPackages: false,
    async decode(file) {
      const bytes = readComponent(file, name);
      loaded ??= load();
      let text: string;
      try {
        text = await (await loaded)(bytes);
      } catch (err) {
        const payload = (err as { payload?: unknown }).payload;
        throw cannotDecode(file, name, typeof payload === 'string' ? payload : err);
      }
      const root = packageOf(text, file);
      if (!root) throw cannotDecode(file, name, new Error('no package in its world'));
      const file_ = parseWitText(text, file, GOLEM_WIT);
      const named = foreignPackageRefs([file_]).map((id) => ({ ref: refOf(id), id }));
      return [root, ...named];
    },
  };
}

function refOf(id: string): PackageRef {
  const m = /^([^:]+):([^@]+)(?:@(.+))?$/.exec(id)!;
  return m[3] ? { namespace: m[1]!, name: m[2]!, version: m[3] } : { namespace: m[1]!, name: m[2]! };
}

/** `name`'s version from its package.json above `entry`. */
function versionAbove(entry: string, name: string): string | undefined {
  for (let d = dirname(entry); d !== dirname(d); d = dirname(d)) {
    try {
      const manifest = JSON.parse(readFileSync(join(d, 'package.json'), 'utf8')) as { name?: string; version?: string };
      if (manifest.name === name) return manifest.version;
    } catch {
      // keep looking upward
    }
  }
  return undefined;
}

function resolveFrom(base: string, specifier: string): string | undefined {
  try {
    return createRequire(join(base, 'package.json')).resolve(specifier);
  } catch {
    return undefined;
  }
}

/** The global npm packages folder (`<prefix>/lib/node_modules`, `%APPDATA%\npm\node_modules`). */
function globalModules(env: NodeJS.ProcessEnv): string[] {
  const prefix = env.npm_config_prefix || env.NPM_CONFIG_PREFIX || dirname(dirname(realpathSync(process.execPath)));
  return [process.platform === 'win32' ? join(prefix, 'node_modules') : join(prefix, 'lib', 'node_modules')];
}

function jcoModule(entry: string, pick: (m: Record<string, unknown>) => unknown): () => Promise<ComponentWit> {
  return async () => {
    const m = await (await import('../fs/import-file.js')).importFile<Record<string, unknown>>(entry);
    const fn = pick(m);
    if (typeof fn !== 'function') throw new Error('it has no componentWit function');
    return fn as ComponentWit;
  };
}

const TRANSPILE_TOOLS = '@bytecodealliance/jco-transpile/wasm-tools';

/** The decoder to use for this app, or undefined when none is installed. */
export function findDecoder(appRoot: string, env: NodeJS.ProcessEnv = process.env): WasmDecoder | undefined {
  const program = onPath('wasm-tools', env);
  if (program) return wasmTools(program);
  const jco = resolveFrom(appRoot, '@bytecodealliance/jco');
  if (jco) {
    const version = versionAbove(jco, '@bytecodealliance/jco');
    return worldOnly(
      `@bytecodealliance/jco${version ? ` ${version}` : ''}`,
      jcoModule(jco, (m) => m.componentWit),
    );
  }
  const transpile = [resolveFrom(appRoot, TRANSPILE_TOOLS), ...globalModules(env).map((g) => resolveFrom(join(g, '@bytecodealliance', 'jco-transpile'), TRANSPILE_TOOLS))].find(
    (entry) => entry !== undefined,
  );
  if (transpile) {
    const version = versionAbove(transpile, '@bytecodealliance/jco-transpile');
    return worldOnly(
      `@bytecodealliance/jco-transpile${version ? ` ${version}` : ''}`,
      jcoModule(transpile, (m) => m.componentWit),
    );
  }
  return undefined;
}
