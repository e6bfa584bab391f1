/**
 * What a caller template needs to know about its target: the client model (names of the
 * generated client, its resources, their constructors and functions), read from the target's
 * WIT exactly as client generation reads it. Shared by `create` and `add component`.
 */
import type { AppComponent } from '../../app/index.js';
import { clientTypeNames, type Generation, type StubDefinition, type StubType } from '../../rpc/index.js';
import { clientNames, type CallerTarget, type ClientModel } from '../../templates/index.js';
import { clientFunction, clientParam, clientResource, type ClientNamedType } from '../../templates/rendering/client-model.js';

/** WIT text of a client signature type. */
function witType(t: StubType, names: Map<string, string>): string {
  switch (t.kind) {
    case 'primitive':
      return t.name;
    case 'ref':
    case 'own':
      return names.get(t.id) ?? t.id;
    case 'borrow':
      return `borrow<${names.get(t.id) ?? t.id}>`;
    case 'list':
      return `list<${witType(t.element, names)}>`;
    case 'option':
      return `option<${witType(t.element, names)}>`;
    case 'tuple':
      return `tuple<${t.elements.map((e) => witType(e, names)).join(', ')}>`;
    case 'result':
      return `result<${t.ok ? witType(t.ok, names) : '_'}${t.err ? `, ${witType(t.err, names)}` : ''}>`;
  }
}

/** The client model of a stub definition, as templates see it. */
export function clientModelFromStub(target: string, def: StubDefinition): ClientModel {
  const params = (ps: { name: string; type: StubType }[]) => ps.map((p) => clientParam(p.name, witType(p.type, def.typeNames), p.type));
  const inClient = clientTypeNames(def);
  const types = new Map<string, ClientNamedType>();
  for (const [id, info] of def.typeInfo ?? []) {
    const { package: pkg, interface: iface } = info.owner;
    const clientName = inClient.get(id) ?? (info.def.kind === 'resource' ? info.def.entity : undefined);
    types.set(id, {
      name: info.name,
      ...(clientName !== undefined ? { clientName } : {}),
      owner: { namespace: pkg.namespace, package: pkg.name, ...(pkg.version ? { version: pkg.version } : {}), interface: iface },
      def: info.def,
    });
  }
  return {
    ...clientNames(target, def.world, def.target.version),
    ephemeral: def.ephemeral,
    resources: def.entities.map((e) =>
      clientResource(
        e.name,
        params(e.constructorParams),
        e.functions.map((f) => clientFunction(f.name, params(f.params), f.result && { text: witType(f.result, def.typeNames), shape: f.result }, f.isStatic)),
      ),
    ),
    types,
  };
}

/** The caller-template target for `target`, from its WIT as the run's generation resolves it (once). */
export function callerTarget(generation: Generation, target: AppComponent): CallerTarget {
  return { componentName: target.name, client: clientModelFromStub(target.name, generation.stub(target)) };
}
