/**
 * Node built-ins that take milliseconds to load and that most runs never use: `node:crypto` (about
 * 2.7 ms) and `node:child_process` (about 2.4 ms, with net and dgram) are loaded on first use, not
 * when a bundle that mentions them is loaded (a static import would load them at start-up: issue
 * 12's scaffold time). Synchronous, for callers that are.
 */
import { createRequire } from 'node:module';

const load = createRequire(import.meta.url);

export const childProcess = (): typeof import('node:child_process') => load('node:child_process');

/** The SHA-256 of `data`, in hex. */
export function sha256Hex(data: string | Uint8Array): string {
  return (load('node:crypto') as typeof import('node:crypto')).createHash('sha256').update(data).digest('hex');
}
