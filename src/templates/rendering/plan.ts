/**
 * Planning one component: the common template of its language and group (unless its
 * `appCommonSkipIfExists` file is already in the app or in this run's plan), then the component
 * template, then the WIT deps either asks for — all in memory.
 */
import { join, relative, sep } from 'node:path';
import { UserError } from '../../errors.js';
import { resolveInside } from '../../fs/paths.js';
import { mergeLines, type Plan } from '../../fs/plan.js';
import { assertSupported, isBundledTemplateFolder, readTemplateMetadata } from '../metadata.js';
import { placeholderValues, validateComponentName } from './names.js';
import { findCommonTemplate, type Registry, type TemplateEntry } from '../registries/registry.js';
import { renderTemplateFolder } from './render.js';
import type { PlannedFile } from './types.js';
import { planWitDeps } from './wit-deps.js';
import { handlebarsRenderer, type CallerTarget } from './handlebars.js';

export interface PlanComponentOptions {
  /** The run's plan for the app folder (which may not exist yet): what is there and what earlier components planned. */
  into: Plan;
  template: TemplateEntry;
  /** `<namespace>:<name>` */
  componentName: string;
  registry: Registry;
  /** Replace existing component files instead of failing (`--overwrite`). */
  overwrite?: boolean;
  /** For caller templates: the component it calls and its client model. */
  target?: CallerTarget;
  /** The app's components so far (with what this run planned), to tell a folder two names share from a component that exists. */
  components?: () => ReadonlyMap<string, { dir: string }>;
}

export async function planComponent(opts: PlanComponentOptions): Promise<PlannedFile[]> {
  const invalid = validateComponentName(opts.componentName);
  if (invalid) throw new UserError(invalid, { code: 'E_TEMPLATE' });
  const { template, registry, into } = opts;
  const appRoot = into.root;
  const exists = (path: string) => into.isFile(join(appRoot, path));
  const meta = readTemplateMetadata(template.path);
  assertSupported(meta, template.id);
  if (template.role === 'caller' && !opts.target) {
    throw new UserError(`template ${template.id} makes a caller: it needs the component it calls`, {
      code: 'E_TEMPLATE',
      hint: `Use: create-golem-app add component ${template.id} ${opts.componentName} --target <ns:name>`,
    });
  }
  const values = placeholderValues(opts.componentName);
  const common = template.common ?? findCommonTemplate(registry, template.language, meta.appComponentGroup ?? template.group);
  if (common && !common.path) {
    // A remote common template (golem's, for languages other than TS and Rust) is fetched with its component (find.ts).
    throw new UserError(`the common template ${common.id} of ${template.id} has not been fetched`, {
      hint: `Add the component with 'create-golem-app add component ${template.id} ${opts.componentName}'.`,
    });
  }
  const commonMeta = common && readTemplateMetadata(common.path);
  // Named after the component template: that is what the user chose (golem's C and Zig templates need the adapter through their common template).
  if (common && commonMeta) assertSupported(commonMeta, template.id);
  const skipFile = commonMeta?.appCommonSkipIfExists;
  const addCommon = common !== undefined && !(skipFile !== undefined && exists(skipFile));
  const renderHandlebars = await handlebarsRenderer({
    componentName: opts.componentName,
    template,
    target: opts.target,
    folders: [template.path, ...(addCommon ? [common.path] : [])],
  });

  const files: PlannedFile[] = [];
  if (addCommon && commonMeta) {
    files.push(
      ...renderTemplateFolder({
        templateId: common.id,
        folder: common.path,
        meta: commonMeta,
        kind: 'common',
        appRoot,
        values,
        renderHandlebars,
        untrusted: !isBundledTemplateFolder(common.path),
      }),
      ...planWitDeps(commonMeta, common.id),
    );
  }
  const componentFiles = renderTemplateFolder({
    templateId: template.id,
    folder: template.path,
    meta,
    kind: 'component',
    appRoot,
    values,
    renderHandlebars,
    overwrite: opts.overwrite,
    untrusted: !isBundledTemplateFolder(template.path),
  });
  for (const f of componentFiles) {
    if (f.onExisting === 'fail' && exists(f.path)) {
      const owner = folderOwner(opts.components, appRoot, join(appRoot, f.path));
      if (owner && owner.name !== opts.componentName) {
        throw new UserError(`components ${owner.name} and ${opts.componentName} would share the folder ${relative(appRoot, owner.dir)}`, {
          code: 'E_APP',
          hint: `Names that differ only in where ':' and '-' are map to the same folder; choose another name for ${opts.componentName}.`,
        });
      }
      throw new UserError(`component ${opts.componentName} already exists: ${f.path} is there`, {
        code: 'E_TEMPLATE',
        hint: 'Nothing was written; choose another component name.',
      });
    }
  }
  files.push(...componentFiles, ...planWitDeps(meta, template.id));
  for (const f of files) assertInsideApp(appRoot, f);
  // A file an earlier component already planned with `skip` is the same file: keep the first.
  return files.filter((f) => !(f.onExisting === 'skip' && into.planned(f.path) !== undefined));
}

/** The component whose own folder (not the app root) holds `file`. */
function folderOwner(components: PlanComponentOptions['components'], appRoot: string, file: string): { name: string; dir: string } | undefined {
  for (const [name, { dir }] of components?.() ?? []) {
    if (dir !== appRoot && file.startsWith(`${dir}${sep}`)) return { name, dir };
  }
  return undefined;
}

/** Every path (also those made from metadata, e.g. witDepsPaths) must stay inside the app. */
function assertInsideApp(appRoot: string, file: PlannedFile): void {
  try {
    resolveInside(appRoot, file.path);
  } catch {
    throw new UserError(`template ${file.template} refused: it would write '${file.path}', outside the app`, {
      code: 'E_TEMPLATE',
      hint: "Nothing was written. Check the template's metadata.json (witDepsPaths) and file names.",
    });
  }
}

/**
 * Adds one component's files to a run's plan. A path planned twice is one file: `.gitignore`
 * entries are merged (the missing ones appended, as into an existing file), otherwise the
 * first plan wins (common files of two languages: root golem.yaml, wit/common.wit, wit/deps).
 */
export function addToPlan(plan: Plan, files: readonly PlannedFile[]): void {
  for (const f of files) {
    const earlier = plan.planned(f.path);
    if (earlier === undefined) plan.write(f);
    else if (f.onExisting === 'merge-lines' && earlier.onExisting === 'merge-lines') plan.write({ ...earlier, content: mergeLines(earlier.content, f.content) });
  }
}
