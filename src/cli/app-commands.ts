/**
 * The commands that work on an existing app, loaded together (one module and the chunks they
 * share): they use the same domain code. create has a module of its own (commands.ts).
 */
export * as addComponent from './add-component.js';
export * as addDependency from './add-dependency.js';
export * as doctor from './doctor.js';
export * as generate from './generate.js';
export * as graph from './graph.js';
export * as list from './list.js';
export * as removeComponent from './remove-component.js';
export * as removeDependency from './remove-dependency.js';
