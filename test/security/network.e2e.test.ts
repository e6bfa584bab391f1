/**
 * Every network step has an inactivity timeout: a local TCP server that accepts connections and
 * never answers stands in for a dead git host, registry or proxy. Each run ends (well within
 * `--timeout` + 5 s: the process is killed past that, and the test fails) with exit 1 and one
 * line, `error: <host> did not answer within N s`, leaving nothing behind: no files, no git
 * processes. HTTPS_PROXY / HTTP_PROXY / NO_PROXY are honoured by git and by our downloads.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { createServer, type Server, type Socket } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BIN, listFiles, runCli, snapshotTree, tempDir } from '../helpers/cli.js';
import { cleanGit, errorLine, withoutTypeCheckNote } from './hostile.js';

const TIMEOUT = 2;
let server: Server;
let port = 0;
const sockets: Socket[] = [];

beforeAll(async () => {
  // Accepts, reads, never writes. (Connections are accepted by the kernel even while the test
  // process waits in spawnSync.)
  server = createServer((socket) => {
    sockets.push(socket);
    socket.on('error', () => {});
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  port = (server.address() as { port: number }).port;
});
afterAll(() => {
  for (const s of sockets) s.destroy();
  server.close();
});

const PROXY_VARS = ['http_proxy', 'HTTP_PROXY', 'https_proxy', 'HTTPS_PROXY', 'all_proxy', 'ALL_PROXY', 'no_proxy', 'NO_PROXY'];
const noProxies = Object.fromEntries(PROXY_VARS.map((k) => [k, undefined]));

/** The built CLI, killed if it outlives `--timeout` + 5 s (then `killed` is true and the test fails). */
function run(args: string[], options: { cwd: string; env?: Record<string, string | undefined> }) {
  const r = spawnSync(process.execPath, [BIN, ...args, '--timeout', String(TIMEOUT)], {
    cwd: options.cwd,
    env: { ...process.env, NO_COLOR: '1', npm_config_user_agent: undefined, ...cleanGit, ...noProxies, ...options.env },
    input: '',
    encoding: 'utf8',
    timeout: (TIMEOUT + 5) * 1000,
  });
  return { code: r.status, killed: r.signal !== null, stdout: r.stdout, stderr: r.stderr };
}

/** One line: `error: <host> did not answer within 2 s…`, exit 1, in time. */
function expectTimedOut(r: ReturnType<typeof run>, host: string, proxy?: string): void {
  expect(r.killed).toBe(false);
  expect(r.code).toBe(1);
  const through = proxy ? ` \\(through the proxy ${proxy.replace(/\./g, '\\.')}\\)` : '';
  expect(errorLine(r.stderr)).toMatch(new RegExp(`^error: ${host.replace(/\./g, '\\.')} did not answer within ${TIMEOUT} s${through}(\\.|$| Check)`));
  expect(r.stderr).toContain('wait longer with --timeout <seconds>');
}

/** No process is left talking to the dead server (git's transport helpers included). */
function expectNoStragglers(): void {
  const ps = execFileSync('ps', ['-eo', 'stat=,args='], { encoding: 'utf8' });
  expect(ps.split('\n').filter((l) => l.includes(`127.0.0.1:${port}`) && !l.startsWith('Z'))).toEqual([]);
}

describe('a git host that never answers', () => {
  it('create -t <git-over-http URL>', () => {
    const base = tempDir('cga-net-');
    const r = run(['app', '--yes', '--no-git', '-t', `http://127.0.0.1:${port}/team/templates.git//ts/counter#v1`], { cwd: base });
    expectTimedOut(r, `127.0.0.1:${port}`);
    expect(listFiles(base)).toEqual([]);
    expectNoStragglers();
  });

  it('add component <git URL>: the app is left as it was', () => {
    const base = tempDir('cga-net-');
    expect(runCli(['app', '--yes', '--no-git'], { cwd: base }).code).toBe(0);
    const app = join(base, 'app');
    const before = snapshotTree(app);
    const r = run(['add', 'component', `http://127.0.0.1:${port}/t.git`, 'app:other'], { cwd: app });
    expectTimedOut(r, `127.0.0.1:${port}`);
    expect(snapshotTree(app)).toEqual(before);
  });

  it.skipIf(spawnSync('ssh', ['-V']).status !== 0)('over ssh (ssh waits for a banner that never comes)', () => {
    const base = tempDir('cga-net-');
    const r = run(['app', '--yes', '--no-git', '-t', `ssh://git@127.0.0.1:${port}/t.git`], {
      cwd: base,
      env: { GIT_SSH_COMMAND: 'ssh -o BatchMode=yes -o StrictHostKeyChecking=no' },
    });
    expectTimedOut(r, `127.0.0.1:${port}`);
    expectNoStragglers();
  });
});

describe('a registry that never answers', () => {
  const home = () => {
    const base = tempDir('cga-net-home-');
    const env = { HOME: join(base, 'home'), XDG_CONFIG_HOME: join(base, 'config'), XDG_CACHE_HOME: join(base, 'cache') };
    for (const d of Object.values(env)) mkdirSync(d, { recursive: true });
    return { base, env };
  };

  it('registry add: nothing is remembered', () => {
    const { base, env } = home();
    const r = run(['registry', 'add', 'acme', `http://127.0.0.1:${port}/registry.git`], { cwd: base, env });
    expectTimedOut(r, `127.0.0.1:${port}`);
    expect(existsSync(join(env.XDG_CONFIG_HOME, 'create-golem-app', 'config.json'))).toBe(false);
    expect(listFiles(env.XDG_CACHE_HOME)).toEqual([]);
  });

  it('templates list --registry', () => {
    const { base, env } = home();
    expectTimedOut(run(['templates', 'list', '--registry', `http://127.0.0.1:${port}/registry.git`], { cwd: base, env }), `127.0.0.1:${port}`);
  });

  it('templates publish --registry', () => {
    const { base, env } = home();
    expect(runCli(['templates', 'init', 'tpl'], { cwd: base, env }).code).toBe(0);
    const r = run(['templates', 'publish', 'tpl', '--registry', `http://127.0.0.1:${port}/registry.git`], { cwd: base, env });
    expectTimedOut({ ...r, stderr: withoutTypeCheckNote(r.stderr) }, `127.0.0.1:${port}`);
  });
});

describe('proxies', () => {
  it("HTTPS_PROXY: degit's hosted sources (refs listed by git) through a proxy that never answers", () => {
    const base = tempDir('cga-net-');
    const r = run(['app', '--yes', '--no-git', '-t', 'github:owner/repo/templates/ts/counter'], {
      cwd: base,
      env: { HTTPS_PROXY: `http://127.0.0.1:${port}`, XDG_CACHE_HOME: tempDir('cga-net-cache-') },
    });
    expectTimedOut(r, 'github.com', `127.0.0.1:${port}`);
    expectNoStragglers();
  });

  it("https_proxy: degit's snapshot download (the ref known from degit's cache) through a proxy that never answers; no partial file", () => {
    const base = tempDir('cga-net-');
    const cache = tempDir('cga-net-cache-');
    const repoCache = join(cache, 'degit', 'github', 'owner', 'repo');
    mkdirSync(repoCache, { recursive: true });
    writeFileSync(join(repoCache, 'map.json'), JSON.stringify({ HEAD: '3'.repeat(40) }));
    const r = run(['app', '--yes', '--no-git', '-t', 'github:owner/repo/templates/ts/counter'], {
      cwd: base,
      // git may not speak https here, so listing refs fails at once and degit falls back to its map: the download is what waits.
      env: { https_proxy: `http://127.0.0.1:${port}`, XDG_CACHE_HOME: cache, GIT_ALLOW_PROTOCOL: 'file' },
    });
    expectTimedOut(r, 'github.com', `127.0.0.1:${port}`);
    expect(readdirSync(repoCache)).toEqual(['map.json']);
    expect(listFiles(base)).toEqual([]);
  });

  it('HTTP_PROXY (upper case, which git alone would ignore) reaches git for http URLs', () => {
    const base = tempDir('cga-net-');
    const r = run(['app', '--yes', '--no-git', '-t', 'http://templates.invalid/t.git'], { cwd: base, env: { HTTP_PROXY: `http://127.0.0.1:${port}` } });
    expectTimedOut(r, 'templates.invalid', `127.0.0.1:${port}`);
  });

  it('NO_PROXY sends a host around the proxy (here a closed port, which would fail at once)', () => {
    const base = tempDir('cga-net-');
    const r = run(['app', '--yes', '--no-git', '-t', `http://127.0.0.1:${port}/t.git`], {
      cwd: base,
      env: { HTTP_PROXY: 'http://127.0.0.1:9', NO_PROXY: 'localhost,127.0.0.1' },
    });
    expectTimedOut(r, `127.0.0.1:${port}`);
  });
});

describe('--timeout', () => {
  it('is checked before anything happens', () => {
    const base = tempDir('cga-net-');
    for (const value of ['soon', '0', '0.0', '1e3', '100000']) {
      const r = runCli(['app', '--yes', '--no-git', '--timeout', value], { cwd: base });
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(new RegExp(`^error: invalid --timeout '${value.replace(/[.+]/g, '\\$&')}': expected a number of seconds greater than 0`));
      expect(listFiles(base)).toEqual([]);
    }
    // An empty value is a usage error of the flag itself, as on every flag.
    const empty = runCli(['app', '--yes', '--no-git', '--timeout', ''], { cwd: base });
    expect(empty.code).toBe(2);
    expect(empty.stderr).toMatch(/^error: --timeout needs <seconds>, not an empty string\.\n/);
    expect(listFiles(base)).toEqual([]);
  });

  it('is offered by every command that can reach the network, with the default in its help', () => {
    for (const command of [[], ['add', 'component'], ['templates', 'list'], ['templates', 'publish'], ['registry', 'add']]) {
      const help = runCli([...command, '--help']).stdout;
      expect(help).toMatch(/--timeout <seconds> +give up on a host that sends nothing for this long \(default 60\)/);
    }
  });
});
