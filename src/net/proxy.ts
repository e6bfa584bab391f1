/**
 * Proxies, as curl (and so git's HTTP transport) reads them: `https_proxy`/`HTTPS_PROXY` for
 * https, `http_proxy`/`HTTP_PROXY` for http, `no_proxy`/`NO_PROXY` for the hosts reached
 * directly (`*`, host names, `.domain` suffixes, optional `:port`). Our own downloads follow the
 * same rules, and git gets the variables in the lowercase spelling curl honours for every scheme.
 */
export type Env = Readonly<Record<string, string | undefined>>;

const pick = (env: Env, name: string): string | undefined => env[name.toLowerCase()] || env[name.toUpperCase()] || undefined;

/** `host[:port]` of a git remote or URL (`https://h/x`, `ssh://u@h:22/x`, `u@h:x`), or the text itself for a local path. */
export function hostOf(remote: string): string {
  const scp = /^[\w.-]+@([\w.-]+):(?!\/\/)/.exec(remote);
  if (scp) return scp[1]!;
  try {
    const url = new URL(remote);
    if (url.protocol === 'file:' || !url.host) return remote;
    return url.host;
  } catch {
    return remote;
  }
}

/** Whether NO_PROXY sends `host` (with `port`) around the proxy. */
export function bypassesProxy(hostname: string, port: string, noProxy: string | undefined): boolean {
  if (!noProxy) return false;
  const host = hostname.toLowerCase().replace(/^\[|\]$/g, '');
  for (const raw of noProxy.split(/[\s,]+/)) {
    const entry = raw.trim().toLowerCase();
    if (!entry) continue;
    if (entry === '*') return true;
    const [, name = '', entryPort] = /^(.*?)(?::(\d+))?$/.exec(entry.replace(/^\[|\]$/g, '')) ?? [];
    if (entryPort !== undefined && entryPort !== port) continue;
    const domain = name.replace(/^\*?\./, '');
    if (host === domain || host.endsWith(`.${domain}`)) return true;
  }
  return false;
}

/** The proxy URL that a request to `target` goes through, or undefined (no proxy, NO_PROXY, or not http(s)). */
export function proxyFor(target: string, env: Env = process.env): string | undefined {
  let url: URL;
  try {
    url = new URL(target);
  } catch {
    return undefined;
  }
  const scheme = url.protocol === 'https:' ? 'https_proxy' : url.protocol === 'http:' ? 'http_proxy' : undefined;
  const proxy = scheme && pick(env, scheme);
  if (!proxy) return undefined;
  const port = url.port || (url.protocol === 'https:' ? '443' : '80');
  return bypassesProxy(url.hostname, port, pick(env, 'no_proxy')) ? undefined : proxy;
}

/** A proxy URL as shown in messages: its host, without credentials. */
export function showProxy(proxy: string): string {
  try {
    return new URL(proxy).host || proxy;
  } catch {
    return proxy.replace(/^.*@/, '');
  }
}

/**
 * The proxy variables for a child process (git): the lowercase spellings set from the uppercase
 * ones when only those are given, since curl reads `http_proxy` in lowercase only.
 */
export function proxyVariables(env: Env = process.env): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of ['http_proxy', 'https_proxy', 'no_proxy']) {
    const value = pick(env, name);
    if (value) out[name] = value;
  }
  return out;
}
