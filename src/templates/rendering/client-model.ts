/**
 * What a caller template knows about its target: the generated client's names and, per client
 * resource, its constructor and functions with their parameters and whether each returns a
 * value. It is filled from client generation (src/rpc) by the command that creates a caller;
 * `counterClientModel` derives it for the bundled counter provider when no WIT is at hand.
 */
import { toCamel as camel, toPascal as pascal, toSnake as snake } from '../../text/case.js';
import { nameForms } from './names.js';

export interface ClientParam {
  /** WIT name, kebab-case. */
  name: string;
  camel: string;
  snake: string;
  /** WIT type text, e.g. `u64`, `list<string>`. */
  type: string;
}

export interface ClientFunction {
  name: string;
  camel: string;
  snake: string;
  params: ClientParam[];
  /** The WIT result type, when the function returns a value. */
  result?: string;
  returnsValue: boolean;
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
  /** TS import specifier of the client interface: `ns:name-client/<world>-client`. */
  tsModule: string;
  /** Rust module path below `bindings`: `ns::name_client::<world>_client`. */
  rustModule: string;
  ephemeral: boolean;
  resources: ClientResource[];
}

export function clientParam(name: string, type: string): ClientParam {
  return { name, camel: camel(name), snake: snake(name), type };
}

export function clientFunction(name: string, params: ClientParam[], result?: string): ClientFunction {
  return { name, camel: camel(name), snake: snake(name), params, ...(result ? { result } : {}), returnsValue: result !== undefined };
}

export function clientResource(name: string, constructorParams: ClientParam[], functions: ClientFunction[]): ClientResource {
  return { name, pascal: pascal(name), snake: snake(name), camel: camel(name), constructorParams, functions };
}

/** Names of the client of `target` (`ns:name`, world `world`), as golem-cli 1.2.5 names them. */
export function clientNames(target: string, world: string): Pick<ClientModel, 'clientPackage' | 'clientInterface' | 'tsModule' | 'rustModule'> {
  const [ns = '', name = ''] = target.split(':');
  const clientInterface = `${world}-client`;
  return {
    clientPackage: `${ns}:${name}-client`,
    clientInterface,
    tsModule: `${ns}:${name}-client/${clientInterface}`,
    rustModule: `${snake(ns)}::${snake(name)}_client::${snake(clientInterface)}`,
  };
}

/** The client model of a counter provider made from the bundled `default` templates. */
export function counterClientModel(target: string, ephemeral = false): ClientModel {
  const forms = nameForms(target);
  return {
    ...clientNames(target, forms.kebab),
    ephemeral,
    resources: [clientResource(`${forms.kebab}-api`, [], [clientFunction('add', [clientParam('value', 'u64')]), clientFunction('get', [], 'u64')])],
  };
}
