/**
 * Downloading one URL into one file, for every download we make (degit's repository snapshots;
 * `wasm` dependencies by URL): through the proxy the environment names (proxy.ts), with the
 * inactivity timeout, a size bound, redirects followed (never from https down to http), written
 * to a temporary file beside the target and renamed into place — a failed or stopped download
 * leaves nothing behind. undici (HTTP client, proxy tunnelling) is loaded on first use.
 */
import { open, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { UserError } from '../errors.js';
import { type Env, hostOf, proxyFor, showProxy } from './proxy.js';
import { didNotAnswer, inactivityTimer, type NetworkOptions, timeoutSecondsOf } from './timeout.js';

export interface DownloadOptions extends NetworkOptions {
  /** The most bytes accepted; a larger download is stopped and removed. */
  maxBytes: number;
  /** Where proxy variables are read (default process.env). */
  env?: Env;
}

const MAX_REDIRECTS = 5;

const showSize = (bytes: number): string =>
  bytes >= 1024 * 1024 ? `${Number((bytes / 1024 / 1024).toFixed(1))} MiB` : bytes >= 1024 ? `${Number((bytes / 1024).toFixed(1))} KiB` : `${bytes} bytes`;

function tooLarge(url: string, maxBytes: number): UserError {
  return new UserError(`download of ${url} stopped: it is larger than ${showSize(maxBytes)}`, {
    code: 'E_NETWORK',
    hint: 'Check the address; nothing was kept.',
  });
}

function unreachable(url: string, err: unknown): UserError {
  const cause = (err as { cause?: { code?: string } }).cause;
  const code = (err as { code?: string }).code ?? cause?.code;
  const why = code && code !== 'UND_ERR_ABORTED' ? code : ((err as Error).message ?? String(err));
  return new UserError(`cannot reach ${hostOf(url)} (${why})`, { code: 'E_NETWORK', hint: 'Check the network connection, the address and the proxy settings.', cause: err });
}

/** Downloads `url` into `dest` (replacing it); resolves to the number of bytes written. */
export async function downloadToFile(url: string, dest: string, options: DownloadOptions): Promise<number> {
  // undici is CommonJS: bundled, its exports are the module's `default`.
  const { request, Agent, ProxyAgent } = (await import('undici')).default;
  const seconds = timeoutSecondsOf(options);
  const partial = join(dirname(dest), `.${basename(dest)}.${process.pid}.${Date.now().toString(36)}.partial`);
  let current = url;
  let proxy: string | undefined;
  const controller = new AbortController();
  const dispatchers: Array<{ close(): Promise<void>; destroy(): Promise<void> }> = [];
  // An abort does not end a proxy's unanswered CONNECT: on timeout the connections are destroyed
  // and the wait for an answer is given up (`expired`).
  let expire: (reason: Error) => void = () => {};
  const expired = new Promise<never>((_, reject) => {
    expire = reject;
  });
  expired.catch(() => undefined);
  const timer = inactivityTimer(seconds * 1000, () => {
    controller.abort();
    expire(new Error('timed out'));
    for (const d of dispatchers) void d.destroy().catch(() => undefined);
  });
  try {
    for (let redirects = 0; ; redirects++) {
      const target = new URL(current);
      if (target.protocol !== 'https:' && target.protocol !== 'http:') {
        throw new UserError(`cannot download ${current}: only http and https URLs are fetched`, { code: 'E_NETWORK' });
      }
      proxy = proxyFor(current, options.env);
      const dispatcher = proxy ? new ProxyAgent({ uri: proxy }) : new Agent();
      dispatchers.push(dispatcher);
      const response = await Promise.race([request(current, { method: 'GET', dispatcher, signal: controller.signal, headers: { 'user-agent': 'create-golem-app' } }), expired]);
      timer.touch();
      const { statusCode, headers, body } = response;
      if (statusCode >= 300 && statusCode < 400 && headers.location) {
        await body.dump();
        const next = new URL(String(headers.location), current);
        if (redirects >= MAX_REDIRECTS) throw new UserError(`cannot download ${url}: too many redirects`, { code: 'E_NETWORK' });
        if (target.protocol === 'https:' && next.protocol !== 'https:') {
          throw new UserError(`cannot download ${url}: it redirects from https to ${next.protocol.slice(0, -1)}`, { code: 'E_NETWORK' });
        }
        current = next.href;
        continue;
      }
      if (statusCode >= 400) {
        await body.dump();
        throw new UserError(`${hostOf(current)} answered HTTP ${statusCode} for ${current}`, { code: 'E_NETWORK', hint: 'Check the address.' });
      }
      const announced = Number(headers['content-length']);
      if (Number.isFinite(announced) && announced > options.maxBytes) {
        await body.dump().catch(() => undefined);
        throw tooLarge(url, options.maxBytes);
      }
      const file = await open(partial, 'wx');
      let bytes = 0;
      try {
        for await (const chunk of body as AsyncIterable<Buffer>) {
          timer.touch();
          bytes += chunk.length;
          if (bytes > options.maxBytes) {
            controller.abort();
            throw tooLarge(url, options.maxBytes);
          }
          await file.write(chunk);
        }
      } finally {
        await file.close();
      }
      await rename(partial, dest);
      return bytes;
    }
  } catch (err) {
    await rm(partial, { force: true });
    if (timer.fired) throw didNotAnswer(hostOf(current), seconds, proxy && showProxy(proxy));
    if (UserError.is(err)) throw err;
    throw unreachable(current, err);
  } finally {
    timer.stop();
    await Promise.all(dispatchers.map((d) => (timer.fired ? d.destroy() : d.close()).catch(() => undefined)));
  }
}
