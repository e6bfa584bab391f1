/**
 * Downloading one URL into one file, for every download we make (degit's repository snapshots;
 * `wasm` dependencies by URL): through the proxy the environment names (proxy.ts), with the
 * inactivity timeout, a size bound, redirects followed (never from https down to http), written
 * to a temporary file beside the target and renamed into place — a failed or stopped download
 * leaves nothing behind. Node's own http/https client does the requests; the proxy agents
 * (https-proxy-agent's CONNECT tunnel, http-proxy-agent's absolute-form requests) are loaded only
 * when a proxy is used.
 */
import type { Agent, IncomingMessage } from 'node:http';
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
  const why = code && code !== 'ABORT_ERR' ? code : ((err as Error).message ?? String(err));
  return new UserError(`cannot reach ${hostOf(url)} (${why})`, { code: 'E_NETWORK', hint: 'Check the network connection, the address and the proxy settings.', cause: err });
}

/** The agent for a request to `target` through `proxy`: the socket to the proxy ends with `signal` too (a CONNECT the proxy never answers). */
async function proxyAgent(target: URL, proxy: string, signal: AbortSignal): Promise<Agent> {
  if (target.protocol === 'https:') {
    const { HttpsProxyAgent } = await import('https-proxy-agent');
    return new HttpsProxyAgent(proxy, { signal });
  }
  const { HttpProxyAgent } = await import('http-proxy-agent');
  return new HttpProxyAgent(proxy, { signal });
}

async function directAgent(target: URL): Promise<Agent> {
  const { Agent } = target.protocol === 'https:' ? await import('node:https') : await import('node:http');
  return new Agent({ keepAlive: false });
}

/** One GET through `agent`: resolves with the response once its headers arrived. */
async function get(target: URL, agent: Agent, signal: AbortSignal): Promise<IncomingMessage> {
  const { request } = target.protocol === 'https:' ? await import('node:https') : await import('node:http');
  return new Promise((resolve, reject) => {
    const req = request(target, { agent, signal, headers: { 'user-agent': 'create-golem-app' } }, resolve);
    req.on('error', reject);
    req.end();
  });
}

/** Downloads `url` into `dest` (replacing it); resolves to the number of bytes written. */
export async function downloadToFile(url: string, dest: string, options: DownloadOptions): Promise<number> {
  const seconds = timeoutSecondsOf(options);
  const partial = join(dirname(dest), `.${basename(dest)}.${process.pid}.${Date.now().toString(36)}.partial`);
  let current = url;
  let proxy: string | undefined;
  const controller = new AbortController();
  // Agents of our own, without keep-alive (Node's global agent keeps connections open for reuse): closed at the end.
  const agents: Agent[] = [];
  const timer = inactivityTimer(seconds * 1000, () => controller.abort());
  try {
    for (let redirects = 0; ; redirects++) {
      const target = new URL(current);
      if (target.protocol !== 'https:' && target.protocol !== 'http:') {
        throw new UserError(`cannot download ${current}: only http and https URLs are fetched`, { code: 'E_NETWORK' });
      }
      proxy = proxyFor(current, options.env);
      const agent = proxy ? await proxyAgent(target, proxy, controller.signal) : await directAgent(target);
      agents.push(agent);
      const response = await get(target, agent, controller.signal);
      timer.touch();
      const { statusCode = 0, headers } = response;
      if (statusCode >= 300 && statusCode < 400 && headers.location) {
        response.resume();
        const next = new URL(String(headers.location), current);
        if (redirects >= MAX_REDIRECTS) throw new UserError(`cannot download ${url}: too many redirects`, { code: 'E_NETWORK' });
        if (target.protocol === 'https:' && next.protocol !== 'https:') {
          throw new UserError(`cannot download ${url}: it redirects from https to ${next.protocol.slice(0, -1)}`, { code: 'E_NETWORK' });
        }
        current = next.href;
        continue;
      }
      if (statusCode >= 400) {
        response.resume();
        throw new UserError(`${hostOf(current)} answered HTTP ${statusCode} for ${current}`, { code: 'E_NETWORK', hint: 'Check the address.' });
      }
      const announced = Number(headers['content-length']);
      if (Number.isFinite(announced) && announced > options.maxBytes) throw tooLarge(url, options.maxBytes);
      const file = await open(partial, 'wx');
      let bytes = 0;
      try {
        for await (const chunk of response as AsyncIterable<Buffer>) {
          timer.touch();
          bytes += chunk.length;
          if (bytes > options.maxBytes) throw tooLarge(url, options.maxBytes);
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
    controller.abort(); // nothing of this download stays open: a body not read to its end, a proxy's socket
    for (const agent of agents) agent.destroy();
  }
}
