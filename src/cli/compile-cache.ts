/**
 * A V8 code cache for the bundles a command loads (dist/commands, dist/chunks): what V8 compiled
 * in one run is kept in a private folder under the system's temporary folder (as Node 22 keeps its
 * own compile cache: `<tmp>/create-golem-app-v8-<uid>/`) and handed back to V8 in the next, so a
 * command does not parse and compile the same code again. Not in the user's cache folder, which
 * holds only what the user fetched (a failed fetch leaves it empty). Node 22 does this itself
 * (module.enableCompileCache, used where it exists); Node 20 has no such API, so the CommonJS
 * bundles are compiled through vm.Script with its cachedData, as v8-compile-cache does. The
 * bundles' requires of one another are served by the same code (each file read and run once),
 * without Node's per-file lookup.
 *
 * Safe by construction: the folder is used only when it is a real folder of this user that no one
 * else may write (made with mode 0700; a link or someone else's folder means no cache); a cache
 * file is named after the bundle, the length and the CRC-32 of the source it was made from (V8
 * itself checks only the source's length; esbuild's chunk names carry a hash of their content too)
 * and starts with the CRC-32 of its data (V8 checks only the data's length outside debug
 * builds); it lives in a folder named after the Node version and architecture (V8
 * also refuses data of another V8 version or other flags); it is written whole and renamed into
 * place, so concurrent runs read an old or a new file, never half of one; and any failure (no
 * temporary folder, a full disk, refused or damaged data) only means compiling as usual.
 * NODE_DISABLE_COMPILE_CACHE=1 turns it off, as it does Node's own.
 */
import { lstatSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import Module from 'node:module';
import { tmpdir } from 'node:os';
import { basename, dirname, join, sep } from 'node:path';
import { Script } from 'node:vm';
import zlib from 'node:zlib';

const HASH_BYTES = 4;

interface Compiler {
  prototype: { _compile(this: CompiledModule, content: string, filename: string, ...rest: unknown[]): unknown };
  wrap(source: string): string;
  createRequire(filename: string): NodeJS.Require;
  enableCompileCache?: (dir: string) => unknown;
}
interface CompiledModule {
  exports: unknown;
}

/** The cache folder for this Node (V8) version and architecture, below the user's private folder. */
export function compileCacheDir(cacheRoot: string): string {
  return join(cacheRoot, `node-${process.versions.node}-${process.arch}`);
}

/** `<tmp>/create-golem-app-v8-<uid>`, made private; undefined when it is not a folder only this user can write. */
export function privateCacheRoot(): string | undefined {
  const uid = process.getuid?.();
  const root = join(tmpdir(), `create-golem-app-v8${uid === undefined ? '' : `-${uid}`}`);
  try {
    mkdirSync(root, { recursive: true, mode: 0o700 });
    const st = lstatSync(root);
    if (!st.isDirectory() || (uid !== undefined && (st.uid !== uid || (st.mode & 0o077) !== 0))) return undefined;
    return root;
  } catch {
    return undefined;
  }
}

// CRC-32, as Node 22's own compile cache checks its entries: a guard against a damaged or mismatched
// file, not against an attacker (the folder is this user's alone). Hashing with node:crypto instead
// cost about 4 ms a run (loading it, then SHA-256 over the sources and the data).
const checksum = (data: Buffer) => {
  const sum = Buffer.alloc(HASH_BYTES);
  sum.writeUInt32BE(zlib.crc32(data));
  return sum;
};

/** Caches the compiled code of every CommonJS module loaded from now on from under `bundleDir` (in `cacheRoot`, by default the private folder). */
export function enableCompileCache(bundleDir: string, cacheRoot: string | undefined = process.env.NODE_DISABLE_COMPILE_CACHE ? undefined : privateCacheRoot()): void {
  // zlib.crc32 is in Node 20.15 and later: an older Node runs without the cache.
  if (process.env.NODE_DISABLE_COMPILE_CACHE || cacheRoot === undefined || typeof zlib.crc32 !== 'function') return;
  const dir = compileCacheDir(cacheRoot);
  const compiler = Module as unknown as Compiler;
  if (typeof compiler.enableCompileCache === 'function') {
    compiler.enableCompileCache(dir);
    return;
  }
  const prefix = bundleDir.endsWith(sep) ? bundleDir : bundleDir + sep;
  const compile = compiler.prototype._compile;
  const made: { file: string; script: Script }[] = [];
  /** Our bundles by path, whichever loader reached them (requireFrom or Node's, through _compile). */
  const loaded = new Map<string, CompiledModule>();
  // A module with an import() (of a URL computed at run time: src/fs/import-file.ts) is Node's to
  // compile: in Node 20 the hook such an import needs is not kept in cached data.
  const cached = (filename: string, content: string): boolean => filename.startsWith(prefix) && !content.includes('import(');
  /** Runs a bundle's code in `module`, from cached code when there is some. */
  const run = (module: CompiledModule, content: string, filename: string): unknown => {
    // Named by content: two installs of one version share their files, and an edited bundle never meets stale data.
    const file = join(dir, `${basename(filename)}-${content.length}-${zlib.crc32(content).toString(16)}.v8`);
    const cachedData = cachedIn(file);
    const script = new Script(compiler.wrap(content), { filename, cachedData });
    if (!cachedData || script.cachedDataRejected) made.push({ file, script });
    const wrapper = script.runInThisContext({ displayErrors: true }) as (...args: unknown[]) => unknown;
    return wrapper.call(module.exports, module.exports, requireFrom(filename), module, filename, dirname(filename));
  };
  // A bundle's require of another bundle (`./chunk-….js`: esbuild's relative paths, always
  // within dist/) is served here, without Node's lookup (stat, realpath, package scope) of each
  // of the 20-odd files a command loads: about 3 ms of a scaffold. Anything else goes to Node.
  const requireFrom = (filename: string) => {
    let nodeRequire: NodeJS.Require | undefined;
    return (id: string): unknown => {
      nodeRequire ??= compiler.createRequire(filename);
      if (!id.startsWith('./') && !id.startsWith('../')) return nodeRequire(id);
      const target = join(dirname(filename), id);
      if (!target.startsWith(prefix) || !target.endsWith('.js')) return nodeRequire(id);
      const known = loaded.get(target);
      if (known) return known.exports;
      const content = readFileSync(target, 'utf8');
      if (!cached(target, content)) return nodeRequire(id);
      const module: CompiledModule = { exports: {} };
      loaded.set(target, module);
      run(module, content, target);
      return module.exports;
    };
  };
  compiler.prototype._compile = function (this: CompiledModule, content: string, filename: string, ...rest: unknown[]) {
    if (!cached(filename, content)) return compile.call(this, content, filename, ...rest);
    // Already loaded by the path above (Node's loader reached it from a module of its own): the same instance.
    const known = loaded.get(filename);
    if (known) {
      this.exports = known.exports;
      return;
    }
    loaded.set(filename, this);
    return run(this, content, filename);
  };
  // At exit, the code V8 compiled lazily during the run is in the data too.
  process.once('exit', () => {
    if (made.length > 0) save(dir, made);
  });
}

/** The data in `file` when it is whole (its checksum matches). */
function cachedIn(file: string): Buffer | undefined {
  try {
    const bytes = readFileSync(file);
    const data = bytes.subarray(HASH_BYTES);
    return data.length > 0 && checksum(data).equals(bytes.subarray(0, HASH_BYTES)) ? data : undefined;
  } catch {
    return undefined;
  }
}

function save(dir: string, made: { file: string; script: Script }[]): void {
  try {
    mkdirSync(dir, { recursive: true });
    prune(dir);
    for (const { file, script } of made) {
      const data = script.createCachedData();
      const staged = `${file}.${process.pid}.tmp`;
      writeFileSync(staged, Buffer.concat([checksum(data), data]));
      renameSync(staged, file);
    }
  } catch {
    // a cache we cannot write is only a slower next start
  }
}

/** A file or folder not written for this long is removed when a run saves: what is still in use is made again by the next run. */
const UNUSED_MS = 30 * 24 * 3600 * 1000;

/** Old files (bundles of earlier versions) and other Node versions' folders left unused, best effort. */
function prune(dir: string): void {
  const now = Date.now();
  const stale = (path: string) => now - statSync(path).mtimeMs > UNUSED_MS;
  const parent = dirname(dir);
  for (const name of readdirSync(parent)) {
    const other = join(parent, name);
    if (other !== dir && stale(other)) rmSync(other, { recursive: true, force: true });
  }
  for (const name of readdirSync(dir)) {
    const file = join(dir, name);
    if (stale(file)) rmSync(file, { force: true });
  }
}
