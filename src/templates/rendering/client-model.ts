/**
 * What a caller template knows about its target: the generated client's names and, per client
 * resource, its constructor and functions with their parameters and results — as WIT text for
 * templates, and as type shapes (with every named type they reach) for the example calls
 * (caller-example.ts). It is filled from client generation (src/rpc) by the command that
 * creates a caller; `counterClientModel` derives it for the bundled counter provider when no WIT
 * is at hand.
 */
import { toCamel as camel, toPascal as pascal, toSnake as snake } from '../../text/case.js';
import type { SignatureType, SignatureTypeDef } from '../../wit/signature.js';
import { nameForms } from './names.js';

/** A type in a client signature; `ref`/`own`/`borrow` name a `ClientModel.types` entry by id. */
export type ClientType = SignatureType;

/** A named type: `alias` is `type x = y` or a `use`d name; `resource.entity` names its client resource. */
export type ClientTypeDef = SignatureTypeDef;

export interface ClientNamedType {
  /** WIT name in its owner interface. */
  name: string;
  /** Its name inside the client interface when the client `use`s it (an alias where names clash). */
  clientName?: string;
  owner: { namespace: string; package: string; version?: string; interface: string };
  def: ClientTypeDef;
}

export interface ClientParam {
  /** WIT name, kebab-case. */
  name: string;
  camel: string;
  snake: string;
  /** WIT type text, e.g. `u64`, `list<string>`. */
  type: string;
  shape: ClientType;
}

export interface ClientFunction {
  name: string;
  camel: string;
  snake: string;
  params: ClientParam[];
  /** The WIT result type, when the function returns a value. */
  result?: string;
  resultShape?: ClientType;
  returnsValue: boolean;
  /** A static function of a resource (called on the class, not on a client). */
  isStatic: boolean;
}

export interface ClientResource {
  /** Client resource name (the target interface or resource), kebab-case. */
  name: string;
  pascal: string;
  snake: string;
  camel: string;
  constructorParams: ClientParam[];
  functions: ClientFunction[];
}

export interface ClientModel {
  /** `ns:name-client` */
  clientPackage: string;
  /** `<target-world>-client` */
  clientInterface: string;
  /** TS import specifier of the client interface: `ns:name-client/<world>-client[@v]`. */
  tsModule: string;
  /** Rust module path below `bindings`: `ns::name_client::<world>_client`. */
  rustModule: string;
  ephemeral: boolean;
  resources: ClientResource[];
  /** Every named type the signatures reach, by id. */
  types: ReadonlyMap<string, ClientNamedType>;
}

export function clientParam(name: string, type: string, shape: ClientType): ClientParam {
  return { name, camel: camel(name), snake: snake(name), type, shape };
}

export function clientFunction(name: string, params: ClientParam[], result?: { text: string; shape: ClientType }, isStatic = false): ClientFunction {
  return {
    name,
    camel: camel(name),
    snake: snake(name),
    params,
    ...(result ? { result: result.text, resultShape: result.shape } : {}),
    returnsValue: result !== undefined,
    isStatic,
  };
}

export function clientResource(name: string, constructorParams: ClientParam[], functions: ClientFunction[]): ClientResource {
  return { name, pascal: pascal(name), snake: snake(name), camel: camel(name), constructorParams, functions };
}

/** Names of the client of `target` (`ns:name`, world `world`, package version `version`), as golem-cli 1.2.5 names them. */
export function clientNames(target: string, world: string, version?: string): Pick<ClientModel, 'clientPackage' | 'clientInterface' | 'tsModule' | 'rustModule'> {
  const [ns = '', name = ''] = target.split(':');
  const clientInterface = `${world}-client`;
  return {
    clientPackage: `${ns}:${name}-client`,
    clientInterface,
    tsModule: `${ns}:${name}-client/${clientInterface}${version ? `@${version}` : ''}`,
    rustModule: `${snake(ns)}::${snake(name)}_client::${snake(clientInterface)}`,
  };
}

/** The client model of a counter provider made from the bundled `default` templates. */
export function counterClientModel(target: string, ephemeral = false): ClientModel {
  const forms = nameForms(target);
  const u64: ClientType = { kind: 'primitive', name: 'u64' };
  return {
    ...clientNames(target, forms.kebab),
    ephemeral,
    resources: [clientResource(`${forms.kebab}-api`, [], [clientFunction('add', [clientParam('value', 'u64', u64)]), clientFunction('get', [], { text: 'u64', shape: u64 })])],
    types: new Map(),
  };
}
