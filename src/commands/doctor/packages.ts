/**
 * A TypeScript component's npm packages: every dependency its package.json and the app's root
 * package.json (the npm workspace) name must be found in a node_modules folder between the
 * component's folder and the app root, as Node resolves them when the build runs.
 */
import { dirname, join } from 'node:path';
import type { App } from '../../app/index.js';
import type { FileView } from '../../fs/files.js';
import { type Finding, finding } from './findings.js';

function dependencyNames(files: FileView, packageJson: string): string[] {
  const text = files.readText(packageJson);
  if (text === undefined) return [];
  try {
    const manifest = JSON.parse(text) as { dependencies?: unknown; devDependencies?: unknown };
    const names = (v: unknown) => (v && typeof v === 'object' ? Object.keys(v) : []);
    return [...names(manifest.dependencies), ...names(manifest.devDependencies)];
  } catch {
    return [];
  }
}

/** Folders from `dir` up to `root`, both included. */
function upTo(dir: string, root: string): string[] {
  const out = [dir];
  for (let d = dir; d !== root && dirname(d) !== d; d = dirname(d)) out.push(dirname(d));
  return out;
}

/** Warnings for TS components (of `components`) with packages that are not installed: one per set of missing packages. */
export function checkPackages(app: App, files: FileView, components: readonly string[]): Finding[] {
  const rootJson = join(app.root, 'package.json');
  const rootDeps = dependencyNames(files, rootJson);
  const groups = new Map<string, { names: string[]; missing: string[]; file: string }>();
  for (const name of components) {
    const component = app.components.get(name);
    if (!component) continue;
    const own = join(component.dir, 'package.json');
    const ownDeps = dependencyNames(files, own);
    const folders = upTo(component.dir, app.root);
    const missing = [...new Set([...ownDeps, ...rootDeps])].filter((pkg) => !folders.some((d) => files.isFile(join(d, 'node_modules', pkg, 'package.json'))));
    if (missing.length === 0) continue;
    // Packages of the workspace root are the app's: components missing only those share one finding.
    const file = missing.every((pkg) => rootDeps.includes(pkg)) ? rootJson : own;
    const key = `${file}\0${missing.join('\0')}`;
    const group = groups.get(key) ?? { names: [], missing, file };
    group.names.push(name);
    groups.set(key, group);
  }
  return [...groups.values()].map(({ names, missing, file }) => {
    const shown = missing.length > 3 ? `${missing.slice(0, 3).join(', ')} and ${missing.length - 3} more` : missing.join(', ');
    const whose = names.length === 1 ? names[0] : `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;
    return finding('warning', 'packages', `the npm packages of ${whose} are not installed (${shown})`, `Run npm install in ${app.root} (the app's npm workspace).`, { file });
  });
}
