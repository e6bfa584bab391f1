/**
 * `add component <template> <ns:name> [--target <component>]`: find the app (from the current
 * folder upward, or --app), resolve the template (registry id, `<registry>/<lang>/<name>`,
 * folder path or remote spec), plan the common template (when its skip-if-exists file is
 * missing) and the component, write the plan as one transaction, and for caller templates
 * write the dependency on the target and generate the clients. A failure after the first write
 * undoes everything this command wrote.
 */
import { relative } from 'node:path';
import { addDependency, findAppRoot, loadApp, writeEdits, type Edit } from '../app/index.js';
import { requireComponent } from '../app/edit/add-dependency.js';
import { UserError } from '../errors.js';
import { applyPlan, type AppliedPlan } from '../fs/stage.js';
import { generate } from '../rpc/index.js';
import { addToPlan, planComponent, validateComponentName, type TemplateEntry } from '../templates/index.js';
import type { Reporter } from '../report.js';
import { callerTarget } from './shared/caller-target.js';
import { resolveTemplate } from './shared/resolve-template.js';

export interface AddComponentInput {
  /** Where to look for the app (a folder inside it). */
  cwd: string;
  /** `--app <dir>`. */
  app?: string;
  template: string;
  name: string;
  /** `--target`: the component a caller template calls. */
  target?: string;
  /** Existing components that should call the new one (a wasm-rpc dependency each). */
  callers?: string[];
  offline?: boolean;
  /** `--registry <source>`: one more template registry for this command. */
  registry?: string;
}

export interface AddComponentResult {
  root: string;
  template: TemplateEntry;
  files: { path: string; action: string }[];
}

export async function runAddComponent(input: AddComponentInput, report: Reporter): Promise<AddComponentResult> {
  const invalid = validateComponentName(input.name);
  if (invalid) throw new UserError(invalid);
  const root = findAppRoot(input.cwd, input.app);
  const app = loadApp(root, { explicitRoot: true });
  if (app.components.has(input.name)) {
    const where = relative(input.cwd, app.components.get(input.name)!.manifestPath) || 'golem.yaml';
    throw new UserError(`component ${input.name} already exists (declared in ${where})`, { hint: 'Choose another name; nothing was written.' });
  }
  const { template, registry } = await resolveTemplate(input.template, {
    cwd: input.cwd,
    offline: input.offline,
    report,
    ...(input.registry !== undefined ? { registry: input.registry } : {}),
  });
  const isCaller = template.role === 'caller';
  if (input.target !== undefined && !isCaller) {
    throw new UserError(`--target is for caller templates; ${template.id} is not one`, { hint: 'Leave out --target, or use a caller template such as ts/caller.' });
  }
  if (input.target === input.name) {
    throw new UserError(`${input.name} cannot be its own caller template target: its example calls would call themselves without end`, {
      hint: `Choose another --target; for a self-dependency use 'add dependency ${input.name} ${input.name}' after adding it.`,
    });
  }
  const targetComponent = input.target === undefined ? undefined : requireComponent(app, input.target, 'target');
  const callers = [...new Set(input.callers ?? [])];
  for (const caller of callers) requireComponent(app, caller, 'caller');
  const target = targetComponent && callerTarget(app, targetComponent);

  const plan = addToPlan([], await planComponent({ appRoot: root, template, componentName: input.name, registry, alreadyPlanned: new Set(), ...(target ? { target } : {}) }));
  const applied: AppliedPlan = applyPlan(root, plan);
  const written = applied.actions.filter((a) => a.action !== 'skip' && a.action !== 'unchanged');
  report.step(`Added ${input.name} from ${template.id} (${written.length} files)`);

  const edits: Edit[] = [];
  /** One dependency at a time: two of them may edit the same golem.yaml. */
  const depend = (caller: string, target: string) => {
    const edit = addDependency(loadApp(root, { explicitRoot: true }), caller, target, 'wasm-rpc');
    writeEdits([edit], { verify: (texts) => loadApp(root, { explicitRoot: true, overrides: texts }) });
    edits.push(edit);
    report.step(`Added dependency ${caller} → ${target} (wasm-rpc) in ${relative(input.cwd, edit.file) || edit.file}`);
  };
  try {
    if (targetComponent) depend(input.name, targetComponent.name);
    for (const caller of callers) depend(caller, input.name);
    const quiet: Reporter = { ...report, step() {}, info() {} };
    await report.task(
      'Generating wit-generated and clients',
      () => generate(loadApp(root, { explicitRoot: true }), { components: [input.name, ...callers] }, quiet),
      (s) => `Generated ${s.added.length + s.changed.length} files (wit-generated, clients)`,
    );
  } catch (err) {
    for (const edit of edits.reverse()) if (edit.after !== edit.before) writeEdits([{ ...edit, before: edit.after, after: edit.before }]);
    applied.rollback();
    report.warn('nothing was kept: the files and the golem.yaml change of this command were undone.');
    throw err;
  }
  return { root, template, files: applied.actions };
}
