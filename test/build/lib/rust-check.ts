/**
 * The Rust side of the build tier, without a crates registry (none is reachable here): cargo
 * itself parses every Cargo.toml of the workspace (`cargo metadata --no-deps --offline` reads the
 * manifests and resolves nothing), rustfmt parses every `.rs` file and says whether it is
 * formatted, and the binding paths a component's `src/lib.rs` uses are compared with the module
 * paths wit-bindgen derives from the component's generated world.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** `[package.metadata.component]` as cargo-component reads it. */
export interface ComponentMetadata {
  target?: { path?: string; dependencies?: Record<string, { path: string }> };
  bindings?: { with?: Record<string, string> };
}

/** A dependency as cargo reads it: `req` `*` and a `git+…` source for git dependencies. */
export interface CargoDependency {
  name: string;
  req: string;
  source: string | null;
}

export interface CargoCrate {
  name: string;
  manifestPath: string;
  component?: ComponentMetadata;
  dependencies: CargoDependency[];
}

/** Every crate of the app's Cargo workspace, as cargo reads them; throws cargo's own error. */
export function cargoWorkspaceCrates(appDir: string): CargoCrate[] {
  const r = spawnSync('cargo', ['metadata', '--no-deps', '--offline', '--format-version', '1', '--manifest-path', join(appDir, 'Cargo.toml')], {
    encoding: 'utf8',
    maxBuffer: 64 << 20,
  });
  if (r.error) throw new Error(`cannot run cargo (needed to read Cargo.toml files): ${r.error.message}`);
  if (r.status !== 0) throw new Error(`cargo cannot read the workspace of ${appDir}:\n${r.stderr}`);
  const metadata = JSON.parse(r.stdout) as {
    packages: { name: string; manifest_path: string; metadata: { component?: ComponentMetadata } | null; dependencies: CargoDependency[] }[];
  };
  return metadata.packages.map((p) => ({
    name: p.name,
    manifestPath: p.manifest_path,
    component: p.metadata?.component,
    dependencies: p.dependencies.map(({ name, req, source }) => ({ name, req, source })),
  }));
}

/** Folders no template writes Rust into: build output, packages, generated WIT. */
const NOT_SOURCES = new Set(['target', 'node_modules', 'golem-temp', 'wit-generated', '.git']);

/** Every `.rs` file of the app, app-relative and sorted. */
export function rustSources(appDir: string): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(join(appDir, dir), { withFileTypes: true })) {
      const path = dir ? `${dir}/${entry.name}` : entry.name;
      if (entry.isDirectory() && !NOT_SOURCES.has(entry.name)) walk(path);
      else if (entry.isFile() && entry.name.endsWith('.rs')) out.push(path);
    }
  };
  walk('');
  return out.sort();
}

/**
 * rustfmt's verdict on Rust source given on stdin (so the files a `mod` line names need not
 * exist): undefined when it parses and is formatted, else why not. On stdin `--check` prints
 * the diff and still exits 0; a parse error exits non-zero.
 */
export function rustfmtProblem(source: string): string | undefined {
  const r = spawnSync('rustfmt', ['--check', '--edition', '2021', '--color', 'never'], { input: source, encoding: 'utf8' });
  if (r.error) throw new Error(`cannot run rustfmt (needed to check the Rust sources): ${r.error.message}`);
  if (r.status !== 0) return `does not parse:\n${r.stderr.trim()}`;
  if (r.stdout.trim()) return `is not rustfmt-clean:\n${r.stdout.trim()}`;
  return undefined;
}

/** Checks every `.rs` file of the app with rustfmt; throws naming each bad file and why. Returns the files checked. */
export function checkRustSources(appDir: string): string[] {
  const files = rustSources(appDir);
  const problems = files.flatMap((file) => {
    const problem = rustfmtProblem(readFileSync(join(appDir, file), 'utf8'));
    return problem ? [`${file} ${problem}`] : [];
  });
  if (problems.length) throw new Error(`Rust sources of ${appDir}:\n${problems.join('\n')}`);
  return files;
}

const snake = (name: string) => name.replace(/-/g, '_');

/**
 * wit-bindgen's Rust module for a world item `ns:pkg/iface[@ver]`: `ns::pkg::iface`, under
 * `exports::` for exports (one version per package here, so no version suffix).
 */
export function bindingModule(item: string, direction: 'import' | 'export'): string {
  const m = /^([^:]+):([^/]+)\/([^@]+)/.exec(item);
  if (!m) throw new Error(`not an interface path: ${item}`);
  const path = `${snake(m[1]!)}::${snake(m[2]!)}::${snake(m[3]!)}`;
  return direction === 'export' ? `exports::${path}` : path;
}

/** wit-bindgen's Rust module of every interface a printed world imports or exports (`import ns:pkg/iface@v;` → `ns::pkg::iface`). */
export function worldBindingModules(printedWorld: string): string[] {
  return [...printedWorld.matchAll(/^\s*(import|export) ([a-z0-9-]+:[a-z0-9-]+\/[a-z0-9-]+)(@[^;]+)?;/gm)].map(([, kind, item]) =>
    bindingModule(item!, kind as 'import' | 'export'),
  );
}

/** The `bindings::a::b::c` (or `bindings::exports::a::b::c`) interface modules Rust code refers to. */
export function bindingPathsIn(rust: string): string[] {
  const found = rust.matchAll(/\bbindings::((?:exports::)?[a-z_][a-z0-9_]*::[a-z_][a-z0-9_]*::[a-z_][a-z0-9_]*)/g);
  return [...new Set([...found].map((m) => m[1]!))];
}

/** The `package ns:name[@ver];` names declared by the .wit files of a folder. */
export function declaredPackages(dir: string): string[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.wit'))
    .flatMap((f) => [...readFileSync(join(dir, f), 'utf8').matchAll(/^\s*package\s+([^;@\s]+)(?:@[^;\s]+)?\s*;/gm)].map((m) => m[1]!));
}
