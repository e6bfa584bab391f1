/**
 * The generation pipeline, planned in memory and then written: for each component its
 * generated-base WIT (source + needed deps + exports extraction, docs/client-generation.md §A/§B), for each
 * target of a wasm-rpc dependency its client dir (§C), and for each component its
 * `wit-generated` (base + the clients it depends on, wired in, §D).
 */
import { join, relative } from 'node:path';
import type { App, AppComponent } from '../app/index.js';
import { UserError } from '../errors.js';
import type { Plan } from '../fs/plan.js';
import { packagePath } from '../fs/package-root.js';
import { withNewFloatNames, type Package, type Resolve, type WitFile } from '../wit/index.js';
import { cargoTomlUpdate } from './cargo.js';
import { wireClientImports } from './caller-wiring.js';
import { renderClient } from './client-render.js';
import { extractExports } from './extract.js';
import { readTree, type FileTree } from './file-tree.js';
import { CLIENT_BASE_PACKAGES, CLIENT_FILE, clientPackage, exportsPackage, packageId, safeDirName, unversionedPackageId, type PackageRef } from './naming.js';
import { buildStubDefinition, clientDependencyPackages, selectWorld } from './stub-def.js';
import { copyPackagesWithDeps, indexTreeDeps, indexWitDeps, type PackageIndex } from './wit-deps.js';
import { ParseCache, declaredPackage, foreignPackageRefs, parseTree, resolveTree } from './wit-tree.js';
import { generatedBaseWitDir } from './layout.js';
import { isBinaryDependency, Libraries } from './libraries.js';
import { INSTALL_DECODER_HINT } from './wasm-decoder.js';
import { locationOf } from '../text/lines.js';

export interface BasePlan {
  component: AppComponent;
  dir: string;
  tree: FileTree;
  /** Relative path of the main package's single file. */
  mainFile: string;
  pkg: PackageRef;
  resolve: Resolve;
  /** Interfaces extraction appended to the world (they order the client's entities). */
  appendedExports: string[];
  /** Relative path (in `tree`) of each parsed file of `resolve`. */
  relOf: Map<WitFile, string>;
  /** The component's own main WIT file, as written (where errors about it point). */
  source: WitFile;
}

export interface ClientPlan {
  target: AppComponent;
  pkg: PackageRef;
  world: string;
  tree: FileTree;
  /** Packages of the client dir other than the client itself: id → files (relative to the wit dir). */
  packages: Map<string, FileTree>;
}

export interface GeneratedPlan {
  component: AppComponent;
  tree: FileTree;
  /** The Cargo.toml of a Rust component and its new text, if it changes. */
  cargo?: { path: string; text: string };
}

/** RPC dependency types: both get a generated client (the static one is additionally built by Golem). */
const RPC_TYPES = new Set(['wasm-rpc', 'static-wasm-rpc']);

export class Planner {
  private readonly bases = new Map<string, BasePlan>();
  private readonly clients = new Map<string, ClientPlan>();
  private readonly inProgress = new Set<string>();
  private witDepsIndex?: { index: PackageIndex; version: number };
  private readonly projectPackages = new Map<string, FileTree>();
  /** Per components map (an app's is never changed once loaded): exports package id → component. */
  private exportsIndex?: { of: ReadonlyMap<string, AppComponent>; index: Map<string, AppComponent> };
  /** Per dependency list: component → the targets of its wasm-rpc dependencies (targetsOf). */
  private targetsIndex?: { of: App['dependencies']; components: ReadonlyMap<string, AppComponent>; index: Map<string, AppComponent[]> };

  /** `app`: the app as it is now (a session's app changes as edits are planned); `files`: where WIT is read. */
  constructor(
    private readonly current: () => App,
    private readonly files: Plan,
    /** The decoded binaries of `wasm` dependencies (replaced once a run's components are planned). */
    public libraries: Libraries = Libraries.none,
  ) {}

  private get app(): App {
    return this.current();
  }

  /** Targets of `component`'s wasm-rpc dependencies, in manifest order, each once. */
  targetsOf(component: string): AppComponent[] {
    const { dependencies, components } = this.app;
    if (this.targetsIndex?.of !== dependencies || this.targetsIndex.components !== components) {
      const index = new Map<string, AppComponent[]>();
      for (const dep of dependencies) {
        if (!RPC_TYPES.has(dep.type) || !dep.target) continue;
        const target = components.get(dep.target);
        if (!target) continue;
        const out = index.get(dep.source) ?? [];
        index.set(dep.source, out);
        if (!out.includes(target)) out.push(target);
      }
      this.targetsIndex = { of: dependencies, components, index };
    }
    return [...(this.targetsIndex.index.get(component) ?? [])];
  }

  /** The app's components by the id of their exports package. */
  private componentExports(): Map<string, AppComponent> {
    const components = this.app.components;
    if (this.exportsIndex?.of !== components) {
      const index = new Map<string, AppComponent>();
      for (const other of components.values()) index.set(exportsIdOf(other.name), other);
      this.exportsIndex = { of: components, index };
    }
    return this.exportsIndex.index;
  }

  base(component: AppComponent): BasePlan {
    const done = this.bases.get(component.name);
    if (done) return done;
    if (this.inProgress.has(component.name)) {
      throw new UserError(`the WIT of ${component.name} references its own exports package through other components (a cycle)`, { location: component.location });
    }
    this.inProgress.add(component.name);
    try {
      const plan = this.planBase(component);
      this.bases.set(component.name, plan);
      return plan;
    } finally {
      this.inProgress.delete(component.name);
    }
  }

  private planBase(component: AppComponent): BasePlan {
    const src = component.sourceWit;
    if (!this.files.isDir(src)) {
      throw new UserError(`the WIT folder of ${component.name} does not exist: ${src}`, { location: component.location, hint: 'Create it or fix `sourceWit` in golem.yaml.' });
    }
    const dir = generatedBaseWitDir(this.app.tempDir, component.name);
    const tree = readTree(this.files, src);
    const cache = new ParseCache();
    const parsed = parseTree(tree, (rel) => join(src, rel), cache);
    const mainFiles = parsed.main.files;
    if (mainFiles.length !== 1) {
      throw new UserError(
        mainFiles.length === 0
          ? `${component.name} has no WIT file at the top of ${src}`
          : `the main WIT package of ${component.name} is spread over ${mainFiles.length} files (${mainFiles.map((f) => relative(src, f.path)).join(', ')}); Golem 1.2.5 needs exactly one`,
        { location: component.location, hint: mainFiles.length === 0 ? "Add the component's WIT file." : 'Merge them into one file.' },
      );
    }
    const mainFile = mainFiles[0]!;

    const present = new Set<string>();
    for (const dep of parsed.deps) {
      const p = declaredPackage(dep);
      if (p) present.add(packageId(p));
    }
    const fromLibraries = this.libraryPackages(component, tree, present);
    const componentExports = this.componentExports();
    const refs = foreignPackageRefs(mainFiles).filter((id) => !present.has(id));
    const fromComponents = refs.filter((id) => componentExports.has(unversioned(id)));
    const fromWitDeps = refs.filter((id) => !componentExports.has(unversioned(id)));
    this.rejectClientReferences(component, mainFile, fromWitDeps);
    const common = [...fromWitDeps, ...fromLibraries];
    if (common.length > 0) {
      // A package missing for the main file points there; one a library needs points at nothing of the user's.
      const locate = (id: string) => (fromWitDeps.includes(id) ? locationOf(mainFile.path, mainFile.source, Math.max(0, mainFile.source.indexOf(unversioned(id)))) : undefined);
      copyPackagesWithDeps(common, this.witDeps(), tree, present, this.app.witDeps, locate);
    }
    for (const id of fromComponents) {
      const other = this.base(componentExports.get(unversioned(id))!);
      copyPackagesWithDeps([id], indexTreeDeps(other.tree, other.dir), tree, present, [other.dir]);
    }

    const extraction = extractExports(mainFile);
    const mainRel = relative(src, mainFile.path).split('\\').join('/');
    tree.set(mainRel, extraction.mainText);
    tree.set(extraction.exportsPath, extraction.exportsText);
    if (extraction.exportsSyntax) cache.register(extraction.exportsPath, extraction.exportsText, extraction.exportsSyntax);
    const resolve = resolveTree(parseTree(tree, (rel) => join(dir, rel), cache));
    // Golem reads `float32`/`float64` (GOLEM_WIT); what we write says `f32`/`f64`, which every
    // wit-parser reads. `resolve` keeps the source text, so its errors point at the user's files.
    for (const [rel, text] of tree) if (rel.endsWith('.wit')) tree.set(rel, withNewFloatNames(text));
    return { component, dir, tree, mainFile: mainRel, pkg: extraction.package, resolve, appendedExports: extraction.appendedExports, relOf: cache.relOf, source: mainFile };
  }

  client(target: AppComponent): ClientPlan {
    const done = this.clients.get(target.name);
    if (done) return done;
    const base = this.base(target);
    const resolve = base.resolve;
    const world = selectWorld(resolve, base.source);
    const text = renderClient(buildStubDefinition(resolve, target.componentType === 'ephemeral', base.appendedExports));
    const tree: FileTree = new Map([[CLIENT_FILE, text]]);
    const packages = new Map<string, FileTree>();
    const add = (id: string, files: FileTree) => {
      if (packages.has(id)) return;
      packages.set(id, files);
      for (const [rel, t] of files) tree.set(rel, t);
    };
    for (const pkg of clientDependencyPackages(resolve, world)) add(packageId(pkg.name), packageFiles(pkg, base));
    for (const fixed of CLIENT_BASE_PACKAGES) {
      const own = resolve.packages.find((p) => packageId(p.name) === fixed.id && p !== resolve.mainPackage);
      add(fixed.id, own ? packageFiles(own, base) : this.projectPackage(fixed.folder));
    }
    const plan = { target, pkg: base.pkg, world: world.name, tree, packages };
    this.clients.set(target.name, plan);
    return plan;
  }

  generated(component: AppComponent): GeneratedPlan {
    const base = this.base(component);
    const tree: FileTree = new Map(base.tree);
    const present = new Set(base.resolve.packages.map((p) => packageId(p.name)));
    const wired: ClientPlan[] = [];
    for (const target of this.targetsOf(component.name)) {
      const client = this.client(target);
      const clientPkg = clientPackage(client.pkg);
      tree.set(`deps/${safeDirName(clientPkg)}/${CLIENT_FILE}`, client.tree.get(CLIENT_FILE)!);
      present.add(packageId(clientPkg));
      for (const [id, files] of client.packages) {
        if (present.has(id)) continue; // identical or not, one copy of a package (Golem may write two)
        present.add(id);
        for (const [rel, t] of files) tree.set(rel, t);
      }
      wired.push(client);
    }
    tree.set(base.mainFile, wireClientImports(tree.get(base.mainFile)!, join(component.generatedWit, base.mainFile), wired));
    // Resolved only for a Rust component's Cargo.toml: everything in the tree is resolved elsewhere.
    const cargo = cargoTomlUpdate(component, this.files, () => resolveTree(parseTree(tree, (rel) => join(component.generatedWit, rel))));
    return { component, tree, cargo };
  }

  /**
   * The packages of the component's `wasm` dependencies on binaries (Golem's
   * `extract_wasm_interface_as_wit_dep`): a package the source WIT already has is skipped, one a
   * witDeps folder holds is returned to be copied from there with what it needs, any other is
   * written as `deps/<ns>_<name>/<name>.wit`. Dependencies on library components of the app add
   * nothing here (Golem 1.2.5 neither: their exports package comes through the WIT that names it).
   */
  private libraryPackages(component: AppComponent, tree: FileTree, present: Set<string>): string[] {
    const common: string[] = [];
    for (const dep of this.app.dependencies) {
      if (dep.source !== component.name || !isBinaryDependency(dep)) continue;
      const library = this.libraries.of(this.app, dep);
      for (const pkg of library.packages) {
        if (present.has(pkg.id)) continue;
        if (this.witDeps().has(pkg.id)) {
          common.push(pkg.id);
          continue;
        }
        if (pkg.text === undefined) {
          throw new UserError(
            `the WIT package ${pkg.id} of ${dep.path ?? dep.url} is only inside the binary, and ${library.decoder.name} prints a component's world, not its packages`,
            {
              code: 'E_DECODER',
              location: dep.location,
              hint: INSTALL_DECODER_HINT,
            },
          );
        }
        tree.set(`deps/${safeDirName(pkg.ref)}/${pkg.ref.name}.wit`, pkg.text);
        present.add(pkg.id);
      }
    }
    return common;
  }

  /** A source WIT naming a generated client package: generation adds that import, the source must not. */
  private rejectClientReferences(component: AppComponent, mainFile: WitFile, refs: string[]): void {
    for (const id of refs) {
      const client = [...this.app.components.keys()].find((name) => unversioned(id) === `${name}-client`);
      if (!client) continue;
      const offset = Math.max(0, mainFile.source.indexOf(unversioned(id)));
      throw new UserError(`the WIT of ${component.name} names ${id}, the generated client of ${client}, which only wit-generated/ has`, {
        location: locationOf(mainFile.path, mainFile.source, offset),
        hint: `Remove it from the source WIT and add the dependency instead (create-golem-app add dependency ${component.name} ${client}); generation adds the import to wit-generated/.`,
      });
    }
  }

  /** One of the project's own WIT packages (golem:rpc, wasi:io, wasi:clocks) as `deps/<folder>/…`, read once. */
  private projectPackage(folder: string): FileTree {
    let files = this.projectPackages.get(folder);
    if (!files) {
      files = new Map();
      for (const [rel, text] of readTree(this.files, packagePath('wit', 'deps', folder))) files.set(`deps/${folder}/${rel}`, text);
      this.projectPackages.set(folder, files);
    }
    return files;
  }

  /** The app's witDeps packages, indexed again only when the plan changed a file in a witDeps folder. */
  private witDeps(): PackageIndex {
    const version = this.files.version;
    if (this.witDepsIndex && this.witDepsIndex.version !== version) {
      const dirs = this.app.witDeps.map((d) => this.files.relative(d)).filter((d) => d !== undefined);
      const touched = this.files.changedSince(this.witDepsIndex.version).some((p) => dirs.some((d) => d === '' || p.startsWith(`${d}/`)));
      this.witDepsIndex = touched ? undefined : { ...this.witDepsIndex, version };
    }
    this.witDepsIndex ??= { index: indexWitDeps(this.files, this.app.witDeps), version };
    return this.witDepsIndex.index;
  }
}

const exportsIdOf = (componentName: string): string => {
  const [ns = '', name = ''] = componentName.split(':');
  return unversionedPackageId(exportsPackage({ namespace: ns, name }));
};
const unversioned = (id: string): string => id.replace(/@.*$/, '');

/** The files of a resolved package, relative to the tree it came from. */
function packageFiles(pkg: Package, base: BasePlan): FileTree {
  const files: FileTree = new Map();
  for (const f of pkg.files) {
    const rel = base.relOf.get(f);
    if (rel !== undefined) files.set(rel, base.tree.get(rel)!);
  }
  return files;
}
