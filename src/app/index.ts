/**
 * The application model of a Golem 1.2.5 app and the careful golem.yaml editor.
 *
 *   const app = loadApp(findAppRoot(cwd, flags.app), { explicitRoot: true });
 *   const edit = addDependency(app, 'example:caller', 'example:provider', 'wasm-rpc');
 *   writeEdits([edit], { verify: (texts) => loadApp(app.root, { explicitRoot: true, overrides: texts }) });
 */
export type {
  App,
  AppComponent,
  AppDependency,
  AppTemplate,
  BuildStep,
  ComponentProperties,
  ComponentType,
  DependencyType,
  Edit,
  RpcDependencyType,
  SourceLocation,
} from './model.js';
export { DEPENDENCY_TYPES } from './model.js';
export { findAppRoot, nearestManifestDir, MANIFEST_FILE } from './find-root.js';
export { loadApp, type LoadOptions } from './load.js';
export { addDependency, type AddDependencyOptions } from './edit/add-dependency.js';
export { addComponentEntry, type ComponentEntry } from './edit/add-component.js';
export { writeEdits, type WriteOptions } from './edit/write.js';
export { renderTemplateValue } from './jinja.js';
