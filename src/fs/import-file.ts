/**
 * Imports the module at an absolute path found at run time (an app's or a template's own
 * @bytecodealliance/jco). Callers load this module with import() so that it stays a chunk of its
 * own: a bundle with an import() of a computed URL is compiled by Node itself, never from our V8
 * code cache (src/cli/compile-cache.ts), whose data cannot carry Node 20's dynamic-import hook.
 */
import { pathToFileURL } from 'node:url';

export function importFile<T>(path: string): Promise<T> {
  return import(pathToFileURL(path).href) as Promise<T>;
}
