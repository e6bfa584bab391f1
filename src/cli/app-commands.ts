/**
 * The commands that work on an app, loaded together (one module and the chunks they share):
 * they use the same domain code, so the create path reads few files.
 */
export * as addComponent from './add-component.js';
export * as addDependency from './add-dependency.js';
export * as create from './create.js';
export * as generate from './generate.js';
