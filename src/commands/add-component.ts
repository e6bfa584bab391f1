/**
 * `add component <template> <ns:name> [--target <component>]`: find the app (from the current
 * folder upward, or --app), resolve the template (registry id, `<registry>/<lang>/<name>`,
 * folder path or remote spec), plan the common template (when its skip-if-exists file is
 * missing) and the component, write the plan as one transaction, and for caller templates
 * write the dependency on the target and generate the clients. The app is locked from before the
 * first read to the end; a failure or an interruption undoes everything this command wrote.
 */
import { requireIncluded } from './shared/included.js';
import { relative } from 'node:path';
import { addDependency } from '../app/index.js';
import { requireComponent } from '../app/edit/add-dependency.js';
import { AppSession } from '../app/session.js';
import { UserError } from '../errors.js';
import { commitPlan, type FileOutcome, inspectPlan } from '../fs/plan.js';
import { type Reporter, silentReporter } from '../report.js';
import { type GenerateSummary, Generation, summarize } from '../rpc/index.js';
import { addToPlan, attributeToTemplate, planComponent, type TemplateEntry, validateComponentName } from '../templates/index.js';
import { appRelative, type CreatedComponent } from './shared/app-overview.js';
import { callerTarget } from './shared/caller-target.js';
import { reportDryRun } from './shared/dry-run.js';
import { exampleInvocation, needsInstall, reportNextSteps } from './shared/next-steps.js';
import { detectPackageManager, installCommand } from './shared/package-manager.js';
import { planTypeDeclarations, reportDeclarations } from './shared/declarations.js';
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
  /** Inactivity timeout of template downloads, in seconds (default 60). */
  timeoutSeconds?: number;
  /** The app, already opened (e.g. by the prompts); default: found from `cwd` / `app`. */
  session?: AppSession;
  /** `--dry-run`: list what would be written, write nothing. */
  dryRun?: boolean;
}

export interface AddComponentResult {
  root: string;
  template: TemplateEntry;
  files: FileOutcome[];
  dryRun: boolean;
  /** What `--json` prints (schemas/add-component.schema.json). */
  summary: AddComponentSummary;
}

export interface AddComponentSummary {
  /** The app root (absolute). */
  app: string;
  dryRun: boolean;
  component: CreatedComponent;
  /** The files of the component and of its common template, when that was added too. */
  files: FileOutcome[];
  /** The dependencies written: its caller template's on its target, `--called-by`'s on it. */
  dependencies: { caller: string; target: string; type: 'wasm-rpc'; manifest: string }[];
  generated: GenerateSummary;
}

export async function runAddComponent(input: AddComponentInput, report: Reporter = silentReporter): Promise<AddComponentResult> {
  const invalid = validateComponentName(input.name);
  if (invalid) throw new UserError(invalid, { code: 'E_APP' });
  const session = await AppSession.openForCommand(input.cwd, input.app, { dryRun: input.dryRun, reuse: input.session, onRecover: (m) => report.warn(m) });
  return session.run(async () => addComponent(session, input, report));
}

async function addComponent(session: AppSession, input: AddComponentInput, report: Reporter): Promise<AddComponentResult> {
  const { root } = session;
  const app = session.app;
  if (app.components.has(input.name)) {
    const where = relative(input.cwd, app.components.get(input.name)!.manifestPath) || 'golem.yaml';
    throw new UserError(`component ${input.name} already exists (declared in ${where})`, { code: 'E_APP', hint: 'Choose another name; nothing was written.' });
  }
  const { template, registry } = await resolveTemplate(input.template, {
    cwd: input.cwd,
    offline: input.offline,
    report,
    ...(input.registry !== undefined ? { registry: input.registry } : {}),
    ...(input.timeoutSeconds === undefined ? {} : { timeoutSeconds: input.timeoutSeconds }),
  });
  const isCaller = template.role === 'caller';
  if (input.target !== undefined && !isCaller) {
    throw new UserError(`--target is for caller templates; ${template.id} is not one`, {
      code: 'E_INPUT',
      hint: 'Leave out --target, or use a caller template such as ts/caller.',
    });
  }
  if (input.target === input.name) {
    throw new UserError(`${input.name} cannot be its own caller template target: its example calls would call themselves without end`, {
      code: 'E_APP',
      hint: `Choose another --target; for a self-dependency use 'add dependency ${input.name} ${input.name}' after adding it.`,
    });
  }
  const targetComponent = input.target === undefined ? undefined : requireComponent(app, input.target, 'target');
  const callers = [...new Set(input.callers ?? [])];
  for (const caller of callers) requireComponent(app, caller, 'caller');
  const generation = new Generation(() => session.app, session.plan);
  const target = targetComponent && callerTarget(generation, targetComponent);

  // Everything is planned first: the files, the golem.yaml edits (the app re-checked from the planned bytes), the clients.
  const files = await planComponent({ into: session.plan, template, componentName: input.name, registry, components: () => session.app.components, ...(target ? { target } : {}) });
  addToPlan(session.plan, files);
  try {
    void session.app; // the app with the template's files (the paths its golem.yaml declares included), checked before anything else
  } catch (err) {
    throw attributeToTemplate(err, session.plan);
  }
  requireIncluded(
    session.app,
    input.name,
    files.map((f) => f.path),
  );
  const edits: string[] = [];
  const dependencies: AddComponentSummary['dependencies'] = [];
  const depend = (caller: string, target: string) => {
    const edit = addDependency(session.app, caller, target, 'wasm-rpc', { source: session });
    session.edit(edit);
    void session.app;
    edits.push(`dependency ${caller} → ${target} (wasm-rpc) in ${relative(input.cwd, edit.file) || edit.file}`);
    dependencies.push({ caller, target, type: 'wasm-rpc', manifest: appRelative(root, edit.file) });
  };
  let generated: string[];
  try {
    if (targetComponent) depend(input.name, targetComponent.name);
    for (const caller of callers) depend(caller, input.name);
    await generation.prepare({ offline: input.offline, report, ...(input.timeoutSeconds === undefined ? {} : { timeoutSeconds: input.timeoutSeconds }) });
    generated = generation.planInto({ components: [input.name, ...callers] });
  } catch (err) {
    // On stdout: stderr carries only the error line and its hint.
    if (!input.dryRun) report.info('nothing was kept: the files and the golem.yaml change of this command were undone.');
    throw err;
  }
  const declarations = await planTypeDeclarations(session, [input.name, ...callers]);
  const generatedPaths = [...generated, ...declarations.paths];
  const own = new Set(files.map((f) => f.path));
  const summaryOf = (outcomes: FileOutcome[], dryRun: boolean): AddComponentSummary => ({
    app: root,
    dryRun,
    component: { name: input.name, template: template.id, language: template.language, folder: appRelative(root, session.app.components.get(input.name)!.dir) },
    files: outcomes.filter((o) => own.has(o.path)),
    dependencies,
    generated: summarize(generatedPaths, outcomes),
  });
  if (input.dryRun) {
    const outcomes = inspectPlan(session.plan);
    reportDryRun(report, outcomes, relative(input.cwd, root) || '.');
    for (const line of edits) report.info(`  ${line}`);
    return { root, template, files: outcomes.filter((o) => own.has(o.path)), dryRun: true, summary: summaryOf(outcomes, true) };
  }
  const commit = commitPlan(session.plan);
  const outcomes = commit.outcomes.filter((o) => own.has(o.path));
  report.step(`Added ${input.name} from ${template.id} (${outcomes.filter((o) => o.action !== 'skip' && o.action !== 'unchanged').length} files)`);
  for (const line of edits) report.step(`Added ${line}`);
  const summary = summarize(generatedPaths, commit.outcomes);
  report.step(`Generated ${summary.added.length + summary.changed.length} files (wit-generated, clients${declarations.generated.length > 0 ? ', TypeScript declarations' : ''})`);
  reportDeclarations(declarations, report);
  const invoke = exampleInvocation(generation, [session.app.components.get(input.name)!]);
  reportNextSteps(report, {
    // A first component of its language brings its common template: then its build needs are news.
    languages: files.some((f) => f.template !== template.id) ? [template.language] : [],
    ...(needsInstall(session.plan, root, false) ? { install: installCommand(detectPackageManager()).join(' ') } : {}),
    ...(invoke ? { invoke } : {}),
  });
  return { root, template, files: outcomes, dryRun: false, summary: summaryOf(commit.outcomes, false) };
}
