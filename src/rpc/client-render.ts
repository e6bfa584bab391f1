/**
 * Renders a client package (`client.wit`) from a stub definition exactly as golem-cli 1.2.5
 * does with wit-encoder (docs/client-generation.md §0 printing rules, §C3 order, §C5 aliases), except
 * where Golem would write invalid WIT: a used type whose name clashes with a generated name is
 * aliased too, and two generated items with one name stop with an error naming both.
 */
import { UserError } from '../errors.js';
import {
  CLIENT_FIXED_USES,
  GOLEM_RPC_CANCELLATION_TOKEN,
  GOLEM_RPC_COMPONENT_ID,
  GOLEM_RPC_WORKER_ID,
  WASI_CLOCKS_DATETIME,
  WASI_IO_POLLABLE,
  blockingName,
  clientInterfaceName,
  clientPackage,
  clientWorldName,
  escapeIdent,
  futureResultName,
  packageId,
  scheduleName,
  usedTypeAlias,
} from './naming.js';
import type { SourceRef, StubDefinition, StubEntity, StubFunction, StubParam, StubType, UsedType } from './stub-model.js';

const INDENT = '  ';

/** The text of `client.wit`. */
export function renderClient(def: StubDefinition): string {
  const aliases = assignAliases(def);
  const typeName = (id: string): string => aliases.get(id) ?? def.typeNames.get(id) ?? id;
  const ty = (t: StubType): string => renderType(t, typeName);
  const iface = clientInterfaceName(def.world);
  const in1 = INDENT;
  const in2 = INDENT + INDENT;

  const out: string[] = [`package ${packageId(clientPackage(def.target))};`, '', `interface ${escapeIdent(iface)} {`];
  for (const [target, names] of mergedUses(def.usedTypes, aliases)) {
    const list = names.map(([n, a]) => (a ? `${escapeIdent(n)} as ${escapeIdent(a)}` : escapeIdent(n))).join(', ');
    out.push(`${in1}use ${target}.{ ${list} };`);
  }
  for (const entity of def.entities) {
    for (const fn of entity.functions) {
      if (!fn.result) continue;
      out.push(
        `${in1}resource ${escapeIdent(futureName(entity, fn))} {`,
        `${in2}subscribe: func() -> ${WASI_IO_POLLABLE};`,
        `${in2}get: func() -> option<${ty(fn.result)}>;`,
        `${in1}}`,
      );
    }
  }
  for (const entity of def.entities) renderEntity(def, entity, ty, out);
  out.push('}', '', `world ${escapeIdent(clientWorldName(def.world))} {`, `${in1}export ${escapeIdent(iface)};`, '}', '');
  return out.join('\n');
}

/** One entity resource: constructor, `custom`, then the blocking / async / scheduled triple per function. */
function renderEntity(def: StubDefinition, entity: StubEntity, ty: (t: StubType) => string, out: string[]): void {
  const in1 = INDENT;
  const in2 = INDENT + INDENT;
  const name = escapeIdent(entity.name);
  const params = (ps: StubParam[]) => ps.map((p) => `${escapeIdent(p.name)}: ${ty(p.type)}`).join(', ');
  const ctor = params(entity.constructorParams);
  const [ctorFirst, customFirst] = def.ephemeral ? ['', `component-id: ${GOLEM_RPC_COMPONENT_ID}`] : ['worker-name: string', `worker-id: ${GOLEM_RPC_WORKER_ID}`];
  const join = (a: string, b: string) => (a && b ? `${a}, ${b}` : a || b);
  out.push(`${in1}resource ${name} {`, `${in2}constructor(${join(ctorFirst, ctor)});`, `${in2}custom: static func(${join(customFirst, ctor)}) -> ${name};`);
  for (const fn of entity.functions) {
    const func = fn.isStatic ? 'static func' : 'func';
    const ps = params(fn.params);
    const result = fn.result ? ty(fn.result) : undefined;
    out.push(
      `${in2}${escapeIdent(blockingName(fn.name))}: ${func}(${ps})${result ? ` -> ${result}` : ''};`,
      `${in2}${escapeIdent(fn.name)}: ${func}(${ps})${result ? ` -> ${escapeIdent(futureName(entity, fn))}` : ''};`,
      `${in2}${escapeIdent(scheduleName(fn.name))}: ${func}(${join(ps, `scheduled-for: ${WASI_CLOCKS_DATETIME}`)}) -> ${GOLEM_RPC_CANCELLATION_TOKEN};`,
    );
  }
  out.push(`${in1}}`);
}

const futureName = (entity: StubEntity, fn: StubFunction): string => futureResultName(fn.name, entity.isResource ? entity.name : undefined);

/** Anonymous types inline, named ones by (alias) name; `own<R>` is just `R` (wit-encoder form). */
function renderType(t: StubType, typeName: (id: string) => string): string {
  const r = (x: StubType) => renderType(x, typeName);
  switch (t.kind) {
    case 'primitive':
      return t.name;
    case 'ref':
    case 'own':
      return escapeIdent(typeName(t.id));
    case 'borrow':
      return `borrow<${escapeIdent(typeName(t.id))}>`;
    case 'list':
      return `list<${r(t.element)}>`;
    case 'option':
      return `option<${r(t.element)}>`;
    case 'tuple':
      return `tuple<${t.elements.map(r).join(', ')}>`;
    case 'result':
      if (t.ok && t.err) return `result<${r(t.ok)}, ${r(t.err)}>`;
      if (t.ok) return `result<${r(t.ok)}>`;
      if (t.err) return `result<_, ${r(t.err)}>`;
      return 'result';
  }
}

/** The name of each used type inside the client interface: its own, or the alias §C5 gives it. */
export function clientTypeNames(def: StubDefinition): Map<string, string> {
  const aliases = assignAliases(def);
  return new Map(def.usedTypes.map((u) => [u.id, aliases.get(u.id) ?? u.name]));
}

/** Names the client itself defines (fixed `use` aliases, futures, entity resources), each with what defines it. */
function generatedNames(def: StubDefinition): Map<string, { what: string; at?: () => SourceRef | undefined }> {
  const names = new Map<string, { what: string; at?: () => SourceRef | undefined }>();
  for (const fixed of [WASI_IO_POLLABLE, WASI_CLOCKS_DATETIME, GOLEM_RPC_COMPONENT_ID, GOLEM_RPC_WORKER_ID, GOLEM_RPC_CANCELLATION_TOKEN]) {
    names.set(fixed, { what: 'the fixed client imports' });
  }
  const claim = (name: string, what: string, at: (() => SourceRef | undefined) | undefined) => {
    const previous = names.get(name);
    if (previous === undefined) {
      names.set(name, { what, at });
      return;
    }
    const where = previous.at?.();
    throw new UserError(
      `cannot generate the client of ${packageId(def.target)}: ${what} and ${previous.what}${where ? ` (${where.file}:${where.line})` : ''} both become \`${name}\` in the client (Golem 1.2.5 writes invalid WIT here, golem issue #1935)`,
      { location: at?.(), hint: "Rename one of them in the target component's WIT." },
    );
  };
  for (const entity of def.entities) claim(entity.name, `\`${entity.name}\``, entity.location);
  for (const entity of def.entities) {
    for (const fn of entity.functions) {
      if (fn.result) claim(futureName(entity, fn), `the result of \`${entity.name}.${fn.name}\``, fn.location);
    }
  }
  return names;
}

/**
 * Golem aliases every used type whose name is shared by another used type (docs/client-generation.md §C5). We also alias
 * one that clashes with a name the client generates, where Golem writes a duplicate definition.
 */
function assignAliases(def: StubDefinition): Map<string, string> {
  const generated = generatedNames(def);
  const idsByName = new Map<string, Set<string>>();
  for (const u of def.usedTypes) {
    const ids = idsByName.get(u.name) ?? new Set<string>();
    ids.add(u.id);
    idsByName.set(u.name, ids);
  }
  const aliases = new Map<string, string>();
  for (const u of def.usedTypes) {
    if (idsByName.get(u.name)!.size > 1 || generated.has(u.name)) aliases.set(u.id, usedTypeAlias(u.owner, u.name));
  }
  return aliases;
}

/** `use` lines: the three fixed ones, then used types sorted by (owner, name, alias), one line per owner. */
function mergedUses(used: UsedType[], aliases: Map<string, string>): [string, [string, string?][]][] {
  const groups = new Map<string, [string, string?][]>();
  for (const [target, names] of CLIENT_FIXED_USES)
    groups.set(
      target,
      names.map(([n, a]) => [n, a]),
    );
  const sorted = used
    .map((u) => ({ target: u.ownerInterfaceId, name: u.name, alias: aliases.get(u.id) }))
    .sort((a, b) => cmp(a.target, b.target) || cmp(a.name, b.name) || cmp(a.alias ?? '', b.alias ?? ''));
  for (const u of sorted) {
    const group = groups.get(u.target) ?? [];
    group.push([u.name, u.alias]);
    groups.set(u.target, group);
  }
  return [...groups];
}

const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
