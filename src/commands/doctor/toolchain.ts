/**
 * The tools an app's languages need, looked up on PATH as a build would find them (each asked
 * for its version, with a timeout): the Golem CLI for every app, compared with the release the
 * apps follow (the first semver of `golem --version`); Node.js 20 or later and npm for
 * TypeScript/JavaScript components; for Rust, cargo-component (Golem 1.2.5 builds with 0.20.0)
 * and the wasm32-wasip1 target (`rustup target list --installed`), as golem-cli/src/diagnose.rs
 * checks them. Problems are warnings: the app itself may be fine.
 */
import { execFile } from 'node:child_process';
import { compareSemver } from '../../text/semver.js';
import { GOLEM_CLI_VERSION } from '../../templates/index.js';
import { type Finding, finding } from './findings.js';

export interface ToolStatus {
  /** `golem`, `node`, `npm`, `cargo-component`, `wasm32-wasip1`. */
  tool: string;
  /** What needs it. */
  neededFor: string;
  found: boolean;
  /** The version it reported (for the target: the target's name when installed), or null. */
  version: string | null;
}

const NODE_MAJOR = 20;
const CARGO_COMPONENT_VERSION = '0.20.0';
const TARGET = 'wasm32-wasip1';
const TIMEOUT_MS = 15_000;

/** The program's output (stdout and stderr), or undefined when there is no such program. */
function run(command: string, args: string[]): Promise<string | undefined> {
  return new Promise((resolve) => {
    execFile(command, args, { timeout: TIMEOUT_MS, windowsHide: true, shell: process.platform === 'win32', encoding: 'utf8' }, (err, stdout, stderr) => {
      const code = (err as NodeJS.ErrnoException | null)?.code;
      resolve(code === 'ENOENT' || code === 'EACCES' ? undefined : `${stdout}\n${stderr}`);
    });
  });
}

/** The first semver-looking version in a program's output (`golem-cli 1.2.5`, `v20.11.1`). */
export function firstVersion(output: string): string | undefined {
  return /(\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?)/.exec(output)?.[1];
}

/** Checks the tools that `languages` (of the app's components) need; every app needs golem. */
export async function checkToolchain(languages: ReadonlySet<string>): Promise<{ tools: ToolStatus[]; findings: Finding[] }> {
  const checks: Promise<[ToolStatus, Finding[]]>[] = [checkGolem()];
  if (languages.has('ts') || languages.has('js')) checks.push(checkNode(), checkNpm());
  if (languages.has('rust')) checks.push(checkCargoComponent(), checkWasmTarget());
  const done = await Promise.all(checks);
  return { tools: done.map(([t]) => t), findings: done.flatMap(([, f]) => f) };
}

const warn = (message: string, hint: string): Finding[] => [finding('warning', 'toolchain', message, hint)];

async function checkGolem(): Promise<[ToolStatus, Finding[]]> {
  const install = `Install golem ${GOLEM_CLI_VERSION}: https://github.com/golemcloud/golem-cli/releases/tag/v${GOLEM_CLI_VERSION}`;
  const output = await run('golem', ['--version']);
  const status: ToolStatus = { tool: 'golem', neededFor: 'golem app build and deploy', found: output !== undefined, version: null };
  if (output === undefined) return [status, warn('the Golem CLI (golem) is not on PATH', `${install}.`)];
  const version = firstVersion(output);
  status.version = version ?? null;
  if (version === undefined) return [status, warn(`cannot tell the version of golem from 'golem --version'`, `This app is made for golem ${GOLEM_CLI_VERSION}.`)];
  if (compareSemver(version, GOLEM_CLI_VERSION) === 0) return [status, []];
  const relation = compareSemver(version, GOLEM_CLI_VERSION) > 0 ? 'newer' : 'older';
  return [
    status,
    warn(
      `golem ${version} is on PATH, ${relation} than ${GOLEM_CLI_VERSION}, the release this app's layout and golem.yaml follow`,
      `${install} (or build with a golem that matches).`,
    ),
  ];
}

async function checkNode(): Promise<[ToolStatus, Finding[]]> {
  const output = await run('node', ['--version']);
  const version = output === undefined ? undefined : firstVersion(output);
  const status: ToolStatus = { tool: 'node', neededFor: 'TypeScript components', found: output !== undefined, version: version ?? null };
  const install = `Install Node.js ${NODE_MAJOR} or later: https://nodejs.org`;
  if (output === undefined) return [status, warn('node is not on PATH: TypeScript components build with Node.js', `${install}.`)];
  if (version === undefined) return [status, warn("cannot tell the version of node from 'node --version'", `${install}.`)];
  if (Number(version.split('.')[0]) < NODE_MAJOR) return [status, warn(`node ${version} is too old: TypeScript components need Node.js ${NODE_MAJOR} or later`, `${install}.`)];
  return [status, []];
}

async function checkNpm(): Promise<[ToolStatus, Finding[]]> {
  const output = await run('npm', ['--version']);
  const status: ToolStatus = { tool: 'npm', neededFor: 'TypeScript components', found: output !== undefined, version: (output && firstVersion(output)) ?? null };
  if (output === undefined) return [status, warn("npm is not on PATH: a TypeScript app's packages are installed with it", 'npm comes with Node.js: https://nodejs.org.')];
  return [status, []];
}

async function checkCargoComponent(): Promise<[ToolStatus, Finding[]]> {
  const install = `cargo install --force --locked cargo-component@${CARGO_COMPONENT_VERSION}`;
  const output = await run('cargo-component', ['--version']);
  const version = output === undefined ? undefined : firstVersion(output);
  const status: ToolStatus = { tool: 'cargo-component', neededFor: 'Rust components', found: output !== undefined, version: version ?? null };
  if (output === undefined) return [status, warn('cargo-component is not on PATH: Rust components build with cargo component build', `Install it: ${install}`)];
  if (version !== CARGO_COMPONENT_VERSION) {
    return [
      status,
      warn(
        `cargo-component ${version ?? '(version unknown)'} is on PATH; Golem ${GOLEM_CLI_VERSION} builds with cargo-component ${CARGO_COMPONENT_VERSION}`,
        `Install that version: ${install}`,
      ),
    ];
  }
  return [status, []];
}

async function checkWasmTarget(): Promise<[ToolStatus, Finding[]]> {
  const output = await run('rustup', ['target', 'list', '--installed']);
  const installed = output?.split(/\r?\n/).some((line) => line.trim() === TARGET) === true;
  const status: ToolStatus = { tool: TARGET, neededFor: 'Rust components', found: installed, version: installed ? TARGET : null };
  if (output === undefined)
    return [status, warn(`rustup is not on PATH: cannot check the Rust target ${TARGET}`, `Install Rust with rustup (https://rustup.rs), then: rustup target add ${TARGET}`)];
  if (!installed) return [status, warn(`the Rust target ${TARGET} is not installed: Rust components build for it`, `Install it: rustup target add ${TARGET}`)];
  return [status, []];
}
