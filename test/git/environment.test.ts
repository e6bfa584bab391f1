/**
 * The environment of every git process we start: without what git itself lists as
 * repository-local (`git rev-parse --local-env-vars`), with the user's ssh, askpass, credential
 * and proxy setup; and the proxy rules shared with our downloads.
 */
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { gitEnvironment } from '../../src/git/index.js';
import { hostOf, proxyFor, proxyVariables } from '../../src/net/index.js';
import { parseTimeoutSeconds } from '../../src/net/timeout.js';

describe('gitEnvironment', () => {
  const listed = execFileSync('git', ['rev-parse', '--local-env-vars'], { encoding: 'utf8' }).trim().split('\n');

  it('drops every variable git lists as repository-local, and the GIT_CONFIG_KEY/VALUE pairs', () => {
    expect(listed).toEqual(expect.arrayContaining(['GIT_DIR', 'GIT_WORK_TREE', 'GIT_INDEX_FILE', 'GIT_CONFIG_PARAMETERS', 'GIT_CONFIG_COUNT', 'GIT_OBJECT_DIRECTORY']));
    const polluted = Object.fromEntries([...listed, 'GIT_CONFIG_KEY_0', 'GIT_CONFIG_VALUE_0', 'GIT_CONFIG_KEY_12'].map((name) => [name, '/somewhere/else']));
    const env = gitEnvironment({ PATH: '/usr/bin', ...polluted });
    expect(Object.keys(env).filter((k) => k in polluted)).toEqual([]);
    expect(env.PATH).toBe('/usr/bin');
  });

  it("keeps the user's own setup, adds no prompting and the allowed protocols", () => {
    const own = {
      GIT_SSH_COMMAND: 'ssh -i ~/.ssh/deploy',
      GIT_SSH: '/usr/bin/ssh',
      GIT_ASKPASS: '/usr/lib/ssh/askpass',
      SSH_AUTH_SOCK: '/run/user/1000/ssh-agent',
      GIT_CONFIG_GLOBAL: '/home/u/.gitconfig-work',
      GIT_CONFIG_NOSYSTEM: '1',
      HTTPS_PROXY: 'http://proxy:3128',
      NO_PROXY: '.internal',
      HOME: '/home/u',
    };
    const env = gitEnvironment(own);
    expect(env).toMatchObject(own);
    expect(env).toMatchObject({ GIT_TERMINAL_PROMPT: '0', GIT_ALLOW_PROTOCOL: 'file:git:http:https:ssh' });
    expect(gitEnvironment({ GIT_ALLOW_PROTOCOL: 'https' }).GIT_ALLOW_PROTOCOL).toBe('https');
  });

  it('spells the proxy variables as curl reads them (http_proxy only in lower case)', () => {
    expect(gitEnvironment({ HTTP_PROXY: 'http://p:1', HTTPS_PROXY: 'http://p:2', NO_PROXY: 'a.b' })).toMatchObject({
      http_proxy: 'http://p:1',
      https_proxy: 'http://p:2',
      no_proxy: 'a.b',
    });
    expect(proxyVariables({ http_proxy: 'http://lower:1', HTTP_PROXY: 'http://upper:1' })).toEqual({ http_proxy: 'http://lower:1' });
  });
});

describe('proxy rules', () => {
  it.each([
    ['https://github.com/o/r.git', { HTTPS_PROXY: 'http://p:1' }, 'http://p:1'],
    ['https://github.com/o/r.git', { HTTP_PROXY: 'http://p:1' }, undefined],
    ['http://git.example.com/r.git', { HTTP_PROXY: 'http://p:1' }, 'http://p:1'],
    ['http://git.example.com/r.git', { http_proxy: 'http://lower:1', HTTP_PROXY: 'http://upper:1' }, 'http://lower:1'],
    ['https://git.example.com/r.git', { HTTPS_PROXY: 'http://p:1', NO_PROXY: 'example.com' }, undefined],
    ['https://git.example.com/r.git', { HTTPS_PROXY: 'http://p:1', NO_PROXY: '.example.com' }, undefined],
    ['https://notexample.com/r.git', { HTTPS_PROXY: 'http://p:1', NO_PROXY: 'example.com' }, 'http://p:1'],
    ['https://git.example.com/r.git', { HTTPS_PROXY: 'http://p:1', no_proxy: '*' }, undefined],
    ['https://git.example.com:8443/r.git', { HTTPS_PROXY: 'http://p:1', NO_PROXY: 'git.example.com:443' }, 'http://p:1'],
    ['https://git.example.com/r.git', { HTTPS_PROXY: 'http://p:1', NO_PROXY: 'git.example.com:443' }, undefined],
    ['ssh://git@host/r.git', { HTTPS_PROXY: 'http://p:1', HTTP_PROXY: 'http://p:1' }, undefined],
  ])('%s with %j → %s', (url, env, expected) => {
    expect(proxyFor(url, env)).toBe(expected);
  });

  it('names hosts as messages show them', () => {
    expect(hostOf('https://github.com/o/r.git')).toBe('github.com');
    expect(hostOf('http://127.0.0.1:8080/r.git')).toBe('127.0.0.1:8080');
    expect(hostOf('ssh://git@git.example.com:2222/r.git')).toBe('git.example.com:2222');
    expect(hostOf('git@github.com:o/r.git')).toBe('github.com');
    expect(hostOf('/srv/git/r.git')).toBe('/srv/git/r.git');
  });
});

describe('--timeout values', () => {
  it('positive seconds, fractions allowed, at most a day', () => {
    expect(parseTimeoutSeconds('60')).toBe(60);
    expect(parseTimeoutSeconds('0.5')).toBe(0.5);
    for (const bad of ['0', '-1', 'x', '1e3', '', '86401']) expect(() => parseTimeoutSeconds(bad)).toThrow(/invalid --timeout/);
  });
});
