/** Shared by the template tests: plan components into a real temp app and write them. */
import { cpSync, mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { applyPlan } from '../../src/fs/stage.js';
import { addToPlan, findComponentTemplate, loadBundledRegistry, planComponent, type PlannedFile, type Registry } from '../../src/templates/index.js';

export function tempApp(prefix = 'cga-tpl-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/** Plans components one after the other as `create` does (shared alreadyPlanned), then writes them. */
export async function createComponents(
  appRoot: string,
  components: Array<[template: string, name: string]>,
  registry: Registry = loadBundledRegistry(),
): Promise<PlannedFile[]> {
  const planned: PlannedFile[] = [];
  const paths = new Set<string>();
  for (const [id, name] of components) {
    const files = await planComponent({ appRoot, template: findComponentTemplate(registry, id), componentName: name, registry, alreadyPlanned: paths });
    addToPlan(planned, files);
    for (const f of files) paths.add(f.path);
  }
  applyPlan(appRoot, planned);
  return planned;
}

export const read = (root: string, path: string) => readFileSync(join(root, path), 'utf8');

/** A component's wit/ plus the app's wit/deps, the way golem-cli resolves it (a component's wit has no deps folder). */
export function witCheckDir(appRoot: string, componentWit: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'cga-witcheck-'));
  cpSync(join(appRoot, componentWit), dir, { recursive: true });
  mkdirSync(join(dir, 'deps'), { recursive: true });
  cpSync(join(appRoot, 'wit', 'deps'), join(dir, 'deps'), { recursive: true });
  return dir;
}
