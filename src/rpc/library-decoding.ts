/**
 * The binaries of an app's `wasm` dependencies by `path` or `url`, decoded into the WIT packages
 * they name before generation plans anything (generation is synchronous; finding a decoder,
 * downloading and decoding are not). golem-cli 1.2.5 does the same work in
 * `create_generated_base_wit` (golem-cli/src/app/build/gen_rpc.rs) through
 * `resolve_binary_component_source` (app/context.rs) and `RemoteComponents` (app/remote_components.rs).
 *
 * - A `path` is relative to the app root (Golem switches to it before reading the manifests).
 * - A `url` is downloaded once into our cache (`<cache>/wasm/<key>/component.wasm`, key from the
 *   URL), through src/net (timeout, proxy, size bound), staged and renamed under the cache
 *   folder's lock: a failed or interrupted download leaves nothing. A copy Golem downloaded
 *   (`<tempDir>/remote_components/<base64 url>.wasm`) is used as it is. `--offline` uses only
 *   cached copies.
 * - Nothing is loaded for an app without such dependencies. A binary that cannot be had or
 *   decoded is an error only when generation needs its WIT (another component's broken
 *   dependency does not stop this one's generation).
 */
import { existsSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { App } from '../app/index.js';
import { dependencyRuleProblem } from '../app/dependency-rules.js';
import { UserError } from '../errors.js';
import { cacheKey, defaultCacheDir, publish, withStaging } from '../fs/cache.js';
import { downloadToFile } from '../net/index.js';
import { silentReporter } from '../report.js';
import { type DecodedLibrary, isBinaryDependency, Libraries, type LibraryOptions, libraryKey } from './libraries.js';
import { findDecoder, noDecoder } from './wasm-decoder.js';

/** The largest component a URL may deliver. */
export const MAX_COMPONENT_BYTES = 256 * 1024 * 1024;

/** Fetches and decodes the binaries of every `wasm` path/url dependency of `app`. */
export async function decodeLibraries(app: App, options: LibraryOptions = {}): Promise<Libraries> {
  const deps = app.dependencies.filter(isBinaryDependency);
  const decoded = new Map<string, DecodedLibrary | UserError>();
  const decoder = findDecoder(app.root, options.env);
  for (const dep of deps) {
    const key = libraryKey(app, dep);
    if (decoded.has(key)) continue;
    try {
      const problem = dependencyRuleProblem(dep.source, dep, app);
      if (problem) throw new UserError(problem.message, { code: 'E_APP', location: dep.location, hint: problem.hint });
      if (!decoder) throw noDecoder(dep.path ?? dep.url!);
      const file = dep.url !== undefined ? await componentFromUrl(app, dep.url, options) : resolve(app.root, dep.path!);
      decoded.set(key, { file, decoder, packages: await decoder.decode(file) });
    } catch (err) {
      if (!UserError.is(err)) throw err;
      // Said where the dependency is declared, unless the error already points somewhere.
      decoded.set(key, err.location ? err : new UserError(err.message, { code: err.code, hint: err.hint, location: dep.location, cause: err }));
    }
  }
  return new Libraries(decoded);
}

/** Golem's own download of `url` (`<tempDir>/remote_components/<base64>.wasm`), if there is one. */
function golemCopy(app: App, url: string): string | undefined {
  const file = join(app.tempDir, 'remote_components', `${Buffer.from(url).toString('base64')}.wasm`);
  return existsSync(file) ? file : undefined;
}

/** The cached copy of `url`, downloaded first when there is none. */
async function componentFromUrl(app: App, url: string, options: LibraryOptions): Promise<string> {
  const golem = golemCopy(app, url);
  if (golem) return golem;
  const dir = join(options.cacheDir ?? defaultCacheDir(), 'wasm');
  const target = join(dir, cacheKey(url));
  const file = join(target, 'component.wasm');
  if (existsSync(file)) return file;
  if (options.offline) {
    throw new UserError(`offline mode is enabled, but the remote component '${url}' is not downloaded yet`, {
      code: 'E_NETWORK',
      hint: 'Run once without --offline to download it.',
    });
  }
  const report = options.report ?? silentReporter;
  const { staging, result: fetched } = await withStaging(dir, async (staging) => {
    if (existsSync(file)) return false; // another run downloaded it while this one waited for the lock
    await report.task(`Downloading remote WASM component: ${url}`, () =>
      downloadToFile(url, join(staging, 'component.wasm'), { maxBytes: MAX_COMPONENT_BYTES, timeoutSeconds: options.timeoutSeconds, env: options.env }),
    );
    writeFileSync(join(staging, 'url'), `${url}\n`);
    return true;
  });
  if (fetched) publish(staging, target, false);
  else rmSync(staging, { recursive: true, force: true });
  return file;
}
