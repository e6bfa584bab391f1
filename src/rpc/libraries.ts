/**
 * The binaries of an app's `wasm` dependencies by `path` or `url`, decoded into the WIT packages
 * they name before generation plans anything (generation is synchronous; finding a decoder,
 * downloading and decoding are not): what generation reads of them. The decoding itself is in
 * library-decoding.ts, loaded only for an app that has such dependencies (the scaffold and most
 * apps never load the decoders or the download code).
 */
import { resolve } from 'node:path';
import type { App, AppDependency } from '../app/index.js';
import type { NetworkOptions } from '../net/index.js';
import type { Reporter } from '../report.js';
import { UserError } from '../errors.js';
import type { DecodedPackage, WasmDecoder } from './wasm-decoder.js';

export interface LibraryOptions extends NetworkOptions {
  /** Use only cached downloads. */
  offline?: boolean;
  /** Our cache folder (default `$XDG_CACHE_HOME/create-golem-app`). */
  cacheDir?: string;
  /** Where PATH and the proxy variables are read (default process.env). */
  env?: NodeJS.ProcessEnv;
  report?: Reporter;
}

/** A `wasm` dependency on a binary (not on a library component of the app). */
export const isBinaryDependency = (dep: AppDependency): boolean => dep.type === 'wasm' && (dep.path !== undefined || dep.url !== undefined);

export interface DecodedLibrary {
  /** The binary read (absolute). */
  file: string;
  decoder: WasmDecoder;
  packages: DecodedPackage[];
}

/** Which binary a dependency names: one decoding per file or URL. */
export const libraryKey = (app: App, dep: AppDependency): string => (dep.url !== undefined ? `url:${dep.url}` : `path:${resolve(app.root, dep.path!)}`);

export class Libraries {
  static readonly none = new Libraries(new Map());

  constructor(private readonly decoded: Map<string, DecodedLibrary | UserError>) {}

  /** The decoded binary of a `wasm` path/url dependency; its error when it could not be had. */
  of(app: App, dep: AppDependency): DecodedLibrary {
    const found = this.decoded.get(libraryKey(app, dep));
    if (!found) throw new UserError(`internal: the wasm dependency ${dep.path ?? dep.url} of ${dep.source} was not decoded before generation`, { code: 'E_INTERNAL' });
    if (UserError.is(found)) throw found;
    return found;
  }
}
