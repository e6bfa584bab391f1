/** The commands that work on templates and registries, loaded together. */
export * as registryAdd from './registry-add.js';
export * as registryList from './registry-list.js';
export * as registryRemove from './registry-remove.js';
export * as templatesInit from './templates-init.js';
export * as templatesList from './templates-list.js';
export * as templatesPublish from './templates-publish.js';
export * as templatesValidate from './templates-validate.js';
