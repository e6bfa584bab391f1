/**
 * One app of the build tier, from nothing to built components: scaffold it with the CLI, apply
 * the CLI commands a user would run next (e.g. `add dependency`), generate its WIT as `golem app
 * build` does first, swap pins the local registry cannot serve, install, build.
 */
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, beforeEach, expect, it } from 'vitest';
import type { App } from '../../../src/app/index.js';
import { buildApp, installApp, substituteUnservedPins, type BuiltComponent } from './app-build.js';
import { cliHasCommand, cliOk, createApp, type ScaffoldSpec } from './scaffold.js';

export interface TierAppSpec extends ScaffoldSpec {
  /** Files copied into the app right after it is created (app-relative path → absolute source), e.g. a provider's own WIT. */
  files?: Record<string, string>;
  /** CLI commands to run inside the app after creating it, e.g. `['add', 'dependency', 'a:b', 'a:b']`. */
  afterwards?: string[][];
}

export interface TierApp {
  dir: string;
  app: App;
  built: Map<string, BuiltComponent>;
}

/** Prints progress to stderr (vitest shows it live), so a slow tier is never silent. */
export const progress = (line: string) => process.stderr.write(`[build tier] ${line}\n`);

/** Commands the spec needs that `--help` does not list yet. */
export function missingCommands(spec: TierAppSpec): string[] {
  const needed = [...(spec.afterwards ?? []).map((argv) => argv.slice(0, 2).join(' ')), 'generate'];
  return [...new Set(needed)].filter((command) => !cliHasCommand(command));
}

const GUARD_TEST = 'the CLI offers the commands this app needs';

/**
 * For a `describe` whose app needs CLI commands that `--help` does not list: one failing test
 * names them, and the block's other tests are skipped instead of failing obscurely.
 */
export function guardCommands(missing: string[]): void {
  if (missing.length === 0) return;
  it(GUARD_TEST, () => expect(missing).toEqual([]));
  beforeEach((context) => {
    if (context.task.name !== GUARD_TEST) context.skip();
  });
}

export function workRoot(): { dir: string; dispose: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'cga-build-'));
  return { dir, dispose: () => (process.env.BUILD_TIER_KEEP ? progress(`kept ${dir}`) : rmSync(dir, { recursive: true, force: true })) };
}

export function prepareTierApp(root: string, name: string, spec: TierAppSpec): TierApp {
  progress(`${name}: scaffolding ${spec.components.map((c) => `${c.name} (${c.template})`).join(', ')}`);
  const dir = createApp(root, name, spec);
  for (const [path, source] of Object.entries(spec.files ?? {})) copyFileSync(source, join(dir, path));
  for (const argv of spec.afterwards ?? []) {
    progress(`${name}: create-golem-app ${argv.join(' ')}`);
    cliOk(argv, dir);
  }
  cliOk(['generate'], dir);
  const swapped = substituteUnservedPins(dir);
  if (swapped.length) progress(`${name}: package.json pins swapped for this registry: ${swapped.join(', ')}`);
  const { seconds } = installApp(dir);
  progress(`${name}: npm install ${seconds.toFixed(1)} s`);
  const { app, built } = buildApp(dir, { log: progress });
  return { dir, app, built: new Map(built.map((b) => [b.component.name, b])) };
}

/** Builds the app once for the `describe` it is called in (see `guardCommands` for a CLI that lacks a command). */
export function builtOnce(root: string, name: string, spec: TierAppSpec): () => TierApp {
  const missing = missingCommands(spec);
  let app: TierApp | undefined;
  beforeAll(() => {
    if (missing.length === 0) app = prepareTierApp(root, name, spec);
  });
  guardCommands(missing);
  return () => {
    if (!app) throw new Error(`${name} was not built`);
    return app;
  };
}
