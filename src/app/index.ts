/**
 * The application model of a Golem 1.2.5 app and the careful golem.yaml editor. Commands work
 * over an AppSession (session.ts): the app loaded once, edits planned and re-validated in memory.
 *
 *   const session = AppSession.open(cwd, flags.app);
 *   session.edit(addDependency(session.app, 'example:caller', 'example:provider', 'wasm-rpc', { source: session }));
 *   session.app; // the edited app, checked before anything is written
 *   commitPlan(session.plan);
 */
export type { App, AppComponent, AppDependency, BuildStep, ComponentType, DependencyType, Edit, RpcDependencyType } from './model.js';
export { DEPENDENCY_TYPES } from './model.js';
export { findAppRoot, nearestManifestDir } from './find-root.js';
export { loadApp } from './load.js';
export { addDependency } from './edit/add-dependency.js';
export { type DependencyRequest, type DependencyRule, type DependencyRuleProblem, dependencyRuleProblem, targetTypeFits, validDependencyTypes } from './dependency-rules.js';
export { addComponentEntry } from './edit/add-component.js';
export { type DependencyRef, describeRef, findDependencies, removeDependencies } from './edit/remove-dependency.js';
export { renderTemplateValue } from './jinja.js';
