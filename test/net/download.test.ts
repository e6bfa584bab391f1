/**
 * downloadToFile, the one download of the program (degit's snapshots; `wasm` dependencies later),
 * against local HTTP servers: the bytes land in the file; a server that never answers, or stops
 * in the middle, ends in "did not answer" with nothing left behind (an existing file untouched);
 * the size bound holds whether or not the size is announced; redirects are followed; proxies
 * from the environment are used unless NO_PROXY says otherwise.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer as createHttpServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { connect, type Socket } from 'node:net';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { UserError } from '../../src/errors.js';
import { downloadToFile } from '../../src/net/index.js';
import { tempDir } from '../helpers/cli.js';

const servers: Server[] = [];
const sockets = new Set<Socket>();
afterAll(() => {
  for (const s of sockets) s.destroy();
  for (const s of servers) s.close();
});

async function serve(handler: (req: IncomingMessage, res: ServerResponse) => void): Promise<{ url: string; server: Server }> {
  const server = createHttpServer(handler);
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  servers.push(server);
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  return { url: `http://127.0.0.1:${(server.address() as { port: number }).port}`, server };
}

/** A forward proxy (CONNECT tunnels and absolute-form requests) that records the hosts asked for. */
async function proxy(): Promise<{ url: string; asked: string[] }> {
  const asked: string[] = [];
  const { url, server } = await serve((req, res) => {
    asked.push(new URL(req.url!).host);
    const target = new URL(req.url!);
    const upstream = connect(Number(target.port), target.hostname, () => {
      upstream.write(`GET ${target.pathname} HTTP/1.1\r\nHost: ${target.host}\r\nConnection: close\r\n\r\n`);
    });
    upstream.pipe(res.socket!);
  });
  server.on('connect', (req: IncomingMessage, client: Socket) => {
    asked.push(req.url!);
    const [host, port] = req.url!.split(':');
    const upstream = connect(Number(port), host!, () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      upstream.pipe(client);
      client.pipe(upstream);
    });
    upstream.on('error', () => client.destroy());
  });
  return { url, asked };
}

const noProxy = {};
const failure = async (p: Promise<unknown>): Promise<UserError> => {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(UserError);
  return err as UserError;
};

describe('downloadToFile', () => {
  it('writes the bytes into the file (replacing it) and says how many', async () => {
    const { url } = await serve((_req, res) => res.end('snapshot bytes'));
    const dir = tempDir('cga-dl-');
    writeFileSync(join(dir, 'out.tgz'), 'old');
    expect(await downloadToFile(`${url}/a.tgz`, join(dir, 'out.tgz'), { maxBytes: 100, env: noProxy })).toBe(14);
    expect(readFileSync(join(dir, 'out.tgz'), 'utf8')).toBe('snapshot bytes');
    expect(readdirSync(dir)).toEqual(['out.tgz']);
  });

  it('a server that never answers: "did not answer", nothing written', async () => {
    const { url } = await serve(() => {});
    const dir = tempDir('cga-dl-');
    const err = await failure(downloadToFile(`${url}/a.tgz`, join(dir, 'out.tgz'), { maxBytes: 100, timeoutSeconds: 0.5, env: noProxy }));
    expect(err.message).toBe(`${new URL(url).host} did not answer within 0.5 s`);
    expect(err.code).toBe('E_TIMEOUT');
    expect(readdirSync(dir)).toEqual([]);
  });

  it('a server that stops in the middle: the partial file is removed, an existing file kept', async () => {
    const { url } = await serve((_req, res) => {
      res.writeHead(200, { 'content-length': '1000' });
      res.write('x'.repeat(100));
    });
    const dir = tempDir('cga-dl-');
    writeFileSync(join(dir, 'out.tgz'), 'the earlier copy');
    const err = await failure(downloadToFile(`${url}/a.tgz`, join(dir, 'out.tgz'), { maxBytes: 10_000, timeoutSeconds: 0.5, env: noProxy }));
    expect(err.code).toBe('E_TIMEOUT');
    expect(readdirSync(dir)).toEqual(['out.tgz']);
    expect(readFileSync(join(dir, 'out.tgz'), 'utf8')).toBe('the earlier copy');
  });

  it('a slow download that keeps receiving is not cut off (the timeout is for silence)', async () => {
    const { url } = await serve((_req, res) => {
      let sent = 0;
      const tick = setInterval(() => {
        res.write('y');
        if (++sent === 12) {
          clearInterval(tick);
          res.end();
        }
      }, 100);
    });
    const dir = tempDir('cga-dl-');
    expect(await downloadToFile(`${url}/slow`, join(dir, 'out'), { maxBytes: 100, timeoutSeconds: 0.8, env: noProxy })).toBe(12);
  });

  it('the size bound, announced or not: stopped, nothing kept', async () => {
    const { url } = await serve((req, res) => {
      if (req.url === '/announced') res.writeHead(200, { 'content-length': '5000' }).end('z'.repeat(5000));
      else {
        res.writeHead(200, { 'transfer-encoding': 'chunked' });
        for (let i = 0; i < 50; i++) res.write('z'.repeat(100));
        res.end();
      }
    });
    const dir = tempDir('cga-dl-');
    for (const path of ['/announced', '/streamed']) {
      const err = await failure(downloadToFile(`${url}${path}`, join(dir, 'out'), { maxBytes: 1024, env: noProxy }));
      expect(err.message).toBe(`download of ${url}${path} stopped: it is larger than 1 KiB`);
      expect(readdirSync(dir)).toEqual([]);
    }
  });

  it('HTTP errors, redirects (followed, at most 5), non-http URLs', async () => {
    const { url } = await serve((req, res) => {
      const n = Number(/^\/hop(\d+)$/.exec(req.url!)?.[1] ?? Number.NaN);
      if (req.url === '/missing') res.writeHead(404).end();
      else if (req.url === '/moved') res.writeHead(302, { location: '/final' }).end();
      else if (req.url === '/final') res.end('here');
      else if (!Number.isNaN(n)) res.writeHead(302, { location: `/hop${n + 1}` }).end();
    });
    const dir = tempDir('cga-dl-');
    expect((await failure(downloadToFile(`${url}/missing`, join(dir, 'f'), { maxBytes: 10, env: noProxy }))).message).toBe(
      `${new URL(url).host} answered HTTP 404 for ${url}/missing`,
    );
    expect(await downloadToFile(`${url}/moved`, join(dir, 'f'), { maxBytes: 10, env: noProxy })).toBe(4);
    expect((await failure(downloadToFile(`${url}/hop0`, join(dir, 'g'), { maxBytes: 10, env: noProxy }))).message).toBe(`cannot download ${url}/hop0: too many redirects`);
    expect((await failure(downloadToFile('file:///etc/hostname', join(dir, 'h'), { maxBytes: 10, env: noProxy }))).message).toMatch(/only http and https URLs are fetched/);
    expect(existsSync(join(dir, 'g')) || existsSync(join(dir, 'h'))).toBe(false);
  });

  it('a host that refuses the connection: one line', async () => {
    const err = await failure(downloadToFile('http://127.0.0.1:9/x', join(tempDir(), 'f'), { maxBytes: 10, env: noProxy }));
    expect(err.message).toBe('cannot reach 127.0.0.1:9 (ECONNREFUSED)');
  });

  it('goes through HTTP_PROXY / http_proxy, and around it for NO_PROXY hosts', async () => {
    const { url } = await serve((_req, res) => res.end('via'));
    const host = new URL(url).host;
    for (const name of ['HTTP_PROXY', 'http_proxy']) {
      const p = await proxy();
      expect(await downloadToFile(`${url}/p`, join(tempDir(), 'f'), { maxBytes: 10, env: { [name]: p.url } })).toBe(3);
      expect(p.asked.length).toBeGreaterThan(0);
      expect(p.asked.every((h) => h.includes(host))).toBe(true);
    }
    const bypassed = await proxy();
    expect(await downloadToFile(`${url}/p`, join(tempDir(), 'f'), { maxBytes: 10, env: { HTTP_PROXY: bypassed.url, NO_PROXY: 'example.com, 127.0.0.1' } })).toBe(3);
    expect(bypassed.asked).toEqual([]);
  });

  it('a proxy that never answers: "did not answer … through the proxy"', async () => {
    const silent = await serve(() => {});
    silent.server.on('connect', () => {});
    const err = await failure(downloadToFile('https://snapshots.example.com/a.tgz', join(tempDir(), 'f'), { maxBytes: 10, timeoutSeconds: 0.5, env: { HTTPS_PROXY: silent.url } }));
    expect(err.message).toBe(`snapshots.example.com did not answer within 0.5 s (through the proxy ${new URL(silent.url).host})`);
  });
});
