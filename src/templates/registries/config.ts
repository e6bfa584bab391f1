/**
 * The user's added registries, remembered in `$XDG_CONFIG_HOME/create-golem-app/config.json`
 * (`~/.config/create-golem-app/config.json` when XDG_CONFIG_HOME is unset):
 *
 *   { "registries": { "acme": "github:acme/golem-templates", "team": "/srv/git/templates.git" } }
 *
 * Unknown keys are kept, so later versions can add settings without losing them here. A change
 * is one transaction on the config folder (its own lock: two runs never lose each other's
 * registry; read and written under it).
 */
import { parseJson } from '../../text/json.js';
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { UserError } from '../../errors.js';
import { DiskFiles, readRegularText } from '../../fs/files.js';
import { osError } from '../../fs/os-errors.js';
import { commitPlan, Plan } from '../../fs/plan.js';
import { Transaction } from '../../fs/transaction.js';
import { assertRegistryName } from './names.js';

export interface AddedRegistry {
  name: string;
  /** Git URL, `github:owner/repo`, or an absolute local path. */
  source: string;
}

interface ConfigFile {
  registries?: Record<string, string>;
  [key: string]: unknown;
}

export type Env = Readonly<Record<string, string | undefined>>;

export function configPath(env: Env = process.env): string {
  const base = env.XDG_CONFIG_HOME && isAbsolute(env.XDG_CONFIG_HOME) ? env.XDG_CONFIG_HOME : join(env.HOME || homedir(), '.config');
  return join(base, 'create-golem-app', 'config.json');
}

function readConfig(file: string): ConfigFile {
  if (!existsSync(file)) return {};
  let text: string;
  try {
    text = readRegularText(file);
  } catch (err) {
    throw osError(err) ?? err;
  }
  const parsed = parseJson(text, file);
  if ('error' in parsed) {
    throw new UserError(`not valid JSON: ${parsed.error.message}`, {
      code: 'E_REGISTRY',
      location: parsed.error.location,
      hint: 'Fix or delete the file; it only lists added registries.',
    });
  }
  const raw = parsed.value;
  const config = raw as ConfigFile;
  const registries = config?.registries;
  const valid =
    typeof raw === 'object' &&
    raw !== null &&
    !Array.isArray(raw) &&
    (registries === undefined ||
      (typeof registries === 'object' && registries !== null && !Array.isArray(registries) && Object.values(registries).every((s) => typeof s === 'string')));
  if (!valid) {
    throw new UserError(`${file}: expected {"registries": {"<name>": "<source>"}}`, { code: 'E_REGISTRY', hint: 'Fix or delete the file; it only lists added registries.' });
  }
  return config;
}

/** Reads the config and writes what `change` makes of it, under the config folder's lock; `change` may throw (nothing is written). */
function updateConfig<T>(env: Env, change: (config: ConfigFile, file: string) => { config: ConfigFile; result: T }): T {
  const file = configPath(env);
  const dir = dirname(file);
  const tx = Transaction.beginSync(dir, { create: true });
  try {
    const { config, result } = change(readConfig(file), file);
    const plan = new Plan(dir, new DiskFiles(), tx);
    plan.edit(file, `${JSON.stringify(config, null, 2)}\n`);
    commitPlan(plan);
    tx.finish();
    return result;
  } catch (err) {
    tx.abort();
    throw err;
  }
}

export function listRegistries(env: Env = process.env): AddedRegistry[] {
  return Object.entries(readConfig(configPath(env)).registries ?? {}).map(([name, source]) => ({ name, source }));
}

/**
 * Local paths are remembered absolute, so the registry works from any folder later. A
 * `//sub/dir` or `#ref` suffix is kept as written; URLs and `github:` shorthands are unchanged.
 */
export function normalizeSource(source: string, cwd: string): string {
  const isUrl = /^[a-z][a-z0-9+.-]*:/i.test(source) && !/^[A-Za-z]:[\\/]/.test(source);
  if (isUrl || /^[\w.-]+@[\w.-]+:/.test(source)) return source;
  const [, path = '', suffix = ''] = /^(.*?)((?:\/\/|#).*)?$/s.exec(source) ?? [];
  const explicit = /^(\.{1,2}([\\/]|$)|[\\/]|~([\\/]|$))/.test(path);
  if (!explicit && !existsSync(resolve(cwd, path))) return source;
  const absolute = path === '~' || path.startsWith('~/') ? join(homedir(), path.slice(2)) : resolve(cwd, path);
  return absolute + suffix;
}

export function addRegistry(entry: AddedRegistry, env: Env = process.env): void {
  assertRegistryName(entry.name);
  updateConfig(env, (config) => {
    const existing = config.registries?.[entry.name];
    if (existing !== undefined && existing !== entry.source) {
      throw new UserError(`registry '${entry.name}' is already added (${existing})`, {
        code: 'E_REGISTRY',
        hint: `Run 'create-golem-app registry remove ${entry.name}' first, or choose another name.`,
      });
    }
    return { config: { ...config, registries: { ...config.registries, [entry.name]: entry.source } }, result: undefined };
  });
}

export function removeRegistry(name: string, env: Env = process.env): AddedRegistry {
  return updateConfig(env, (config) => {
    const source = config.registries?.[name];
    if (source === undefined) {
      const known = Object.keys(config.registries ?? {});
      throw new UserError(`no registry named '${name}'`, { code: 'E_REGISTRY', hint: known.length ? `Added registries: ${known.join(', ')}.` : 'No registries are added.' });
    }
    const { [name]: _removed, ...rest } = config.registries!;
    return { config: { ...config, registries: rest }, result: { name, source } };
  });
}
