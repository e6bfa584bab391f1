/** Shared by the template tests: plan components into a real temp app and write them. */
import { cpSync, mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { commitPlan, Plan, type PlannedWrite } from '../../src/fs/plan.js';
import { addToPlan, findComponentTemplate, loadBundledRegistry, planComponent, type Registry } from '../../src/templates/index.js';

export function tempApp(prefix = 'cga-tpl-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/** Plans components one after the other into one plan as `create` does, then writes them. */
export async function createComponents(appRoot: string, components: Array<[template: string, name: string]>, registry: Registry = loadBundledRegistry()): Promise<PlannedWrite[]> {
  const plan = new Plan(appRoot);
  for (const [id, name] of components) {
    addToPlan(plan, await planComponent({ into: plan, template: findComponentTemplate(registry, id), componentName: name, registry }));
  }
  commitPlan(plan);
  return plan.files;
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
