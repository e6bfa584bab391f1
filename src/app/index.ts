/**
 * The application model of a Golem 1.2.5 app and the careful golem.yaml editor. Commands work
 * over an AppSession (session.ts): the app loaded once, edits planned and re-validated in memory.
 *
 *   const session = AppSession.open(cwd, flags.app);
 *   session.edit(addDependency(session.app, 'example:caller', 'example:provider', 'wasm-rpc', { source: session }));
 *   session.app; // the edited app, checked before anything is written
 *   commitPlan(session.plan);
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
export { renderTemplateValue } from './jinja.js';
