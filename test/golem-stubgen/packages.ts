/**
 * "The same effective package" in two WIT sources, as golem's stubgen tests compare them
 * (`assert_has_same_wit_package`: both sides resolved, then rendered by wit-encoder, which sorts
 * every item and drops docs and comments). Here both sides are resolved by our toolkit the way
 * Golem reads WIT (`float32`/`float64` accepted) and rendered the same canonical way.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import {
  interfaceId,
  loadWitDir,
  packageIdString,
  parseWitFile,
  resolveWitFiles,
  type Function,
  type Interface,
  type Package,
  type Resolve,
  type Type,
  type TypeDef,
  type World,
  type WorldEntry,
} from '../../src/wit/index.js';
import { GOLEM_WIT } from '../../src/rpc/naming.js';
import { ROOT } from '../helpers/cli.js';

/** A WIT directory, or a single `.wit` file (a package on its own), resolved as Golem reads it. */
export function resolveWit(path: string): Resolve {
  if (statSync(path).isDirectory()) return loadWitDir(path, GOLEM_WIT);
  return resolveWitFiles({ source: path, files: [parseWitFile(path, readFileSync(path, 'utf8'), GOLEM_WIT)] }, []);
}

/**
 * wasi:io, wasi:clocks and golem:rpc as this project ships them in wit/deps (copies of the
 * golem-wit packages golem-cli embeds and writes into every client and caller).
 */
export function wasmRpcPackages(): Resolve {
  const deps = join(ROOT, 'wit', 'deps');
  const sources = (folder: string) => {
    const dir = join(deps, folder);
    const files = readdirSync(dir)
      .filter((f) => f.endsWith('.wit'))
      .sort()
      .map((f) => parseWitFile(join(dir, f), readFileSync(join(dir, f), 'utf8'), GOLEM_WIT));
    return { source: dir, files };
  };
  return resolveWitFiles(sources('golem-rpc'), [sources('io'), sources('clocks')]);
}

/** The package named `ns:name` (any version) or `ns:name@v`, rendered canonically; undefined when absent. */
export function canonicalPackage(resolve: Resolve, name: string): string | undefined {
  const pkg = resolve.packages.find((p) => packageIdString(p.name) === name || `${p.name.namespace}:${p.name.name}` === name);
  return pkg && renderPackage(pkg);
}

function renderPackage(pkg: Package): string {
  const out = [`package ${packageIdString(pkg.name)};`];
  for (const iface of [...pkg.interfaces].sort(byName)) out.push(...renderInterface(iface));
  for (const world of [...pkg.worlds].sort(byName)) out.push(...renderWorld(world));
  return out.join('\n');
}

function renderInterface(iface: Interface): string[] {
  const uses = iface.types
    .filter((t) => t.def.kind === 'use')
    .map(renderUse)
    .sort();
  const types = iface.types
    .filter((t) => t.def.kind !== 'use')
    .sort(byName)
    .map((t) => renderTypeDef(t, iface));
  const funcs = iface.functions
    .filter((f) => f.kind === 'freestanding')
    .sort(byName)
    .map((f) => `  ${renderFunc(f)}`);
  return [`interface ${iface.name ?? '<inline>'} {`, ...uses, ...types, ...funcs, '}'];
}

function renderUse(t: TypeDef): string {
  if (t.def.kind !== 'use') throw new Error('not a use');
  const target = t.def.target.name;
  return `  use ${interfaceId(t.def.from)}.{ ${target === t.name ? target : `${target} as ${t.name}`} };`;
}

function renderTypeDef(t: TypeDef, iface: Interface): string {
  const d = t.def;
  switch (d.kind) {
    case 'record':
      return `  record ${t.name} { ${d.fields.map((f) => `${f.name}: ${renderType(f.type)}`).join(', ')} }`;
    case 'variant':
      return `  variant ${t.name} { ${d.cases.map((c) => (c.type ? `${c.name}(${renderType(c.type)})` : c.name)).join(', ')} }`;
    case 'enum':
      return `  enum ${t.name} { ${d.cases.map((c) => c.name).join(', ')} }`;
    case 'flags':
      return `  flags ${t.name} { ${d.flags.map((f) => f.name).join(', ')} }`;
    case 'alias':
      return `  type ${t.name} = ${renderType(d.target)};`;
    case 'resource': {
      const funcs = iface.functions.filter((f) => f.resource === t).map((f) => `    ${renderFunc(f)}`);
      return [`  resource ${t.name} {`, ...funcs, '  }'].join('\n');
    }
    case 'use':
      return renderUse(t);
  }
}

function renderFunc(f: Function): string {
  const params = (f.kind === 'method' ? f.params.slice(1) : f.params).map((p) => `${p.name}: ${renderType(p.type)}`).join(', ');
  if (f.kind === 'constructor') return `constructor(${params});`;
  const result = f.result ? ` -> ${renderType(f.result)}` : '';
  return `${f.simpleName}: ${f.kind === 'static' ? 'static ' : ''}func(${params})${result};`;
}

function renderType(t: Type): string {
  switch (t.kind) {
    case 'primitive':
      return t.name;
    case 'id':
    case 'own':
      return t.def.name;
    case 'borrow':
      return `borrow<${t.def.name}>`;
    case 'list':
      return `list<${renderType(t.element)}>`;
    case 'option':
      return `option<${renderType(t.element)}>`;
    case 'tuple':
      return `tuple<${t.elements.map(renderType).join(', ')}>`;
    case 'result':
      return `result<${t.ok ? renderType(t.ok) : '_'}, ${t.err ? renderType(t.err) : '_'}>`;
  }
}

function renderWorld(world: World): string[] {
  const entry = (kind: string) => (e: WorldEntry) => {
    const item = e.item;
    if (item.kind === 'function') return `  ${kind} ${renderFunc(item.function)}`;
    if (item.kind === 'type') return `  ${kind} type ${item.type.name}`;
    return `  ${kind} ${e.key.kind === 'name' ? `${e.key.name}: ${renderInterface(item.interface).join(' ')}` : interfaceId(item.interface)};`;
  };
  return [`world ${world.name} {`, ...world.imports.map(entry('import')).sort(), ...world.exports.map(entry('export')).sort(), '}'];
}

const byName = (a: { name?: string }, b: { name?: string }) => ((a.name ?? '') < (b.name ?? '') ? -1 : (a.name ?? '') > (b.name ?? '') ? 1 : 0);
