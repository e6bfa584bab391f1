/**
 * An app session: one command's view of one app. Everything the command changes is planned into
 * one Plan (template files, golem.yaml edits, generated WIT, Cargo.toml updates) and the app is
 * read through it: each golem.yaml is read from disk and parsed at most once, and after an edit
 * only the edited document is parsed again — from the planned bytes — and the whole app is
 * re-validated in memory before anything is written. Nothing the session planned is read back
 * from disk. `commitPlan(session.plan)` writes it all as one transaction.
 *
 * A command that writes opens its session with `openForWrite`: the app is locked (a second run
 * waits, then stops) and what an interrupted run left is undone before anything is read; the
 * session's `transaction.run` finishes the transaction when the command succeeds and undoes it
 * when it fails.
 *
 *   const session = AppSession.open(cwd, flags.app);
 *   session.edit(addDependency(session.app, 'example:caller', 'example:provider', 'wasm-rpc', { source: session }));
 *   session.app; // re-loaded from the planned text: a bad edit throws here, before any write
 */
import { DiskFiles, type FileView } from '../fs/files.js';
import { Plan } from '../fs/plan.js';
import { type BeginOptions, Transaction } from '../fs/transaction.js';
import { findAppRoot } from './find-root.js';
import { loadApp } from './load.js';
import { ManifestCache, type ManifestDoc, type ManifestSource } from './manifest-doc.js';
import type { App, Edit } from './model.js';

/** Files that can be app manifests (golem.yaml, or whatever YAML `includes` names): others never change the app. */
const isManifestPath = (path: string): boolean => /\.ya?ml$/i.test(path);

export class AppSession implements ManifestSource {
  readonly plan: Plan;
  private readonly manifests: ManifestCache;
  private loaded?: { app: App; version: number };
  /** A dry run's hold on the app's lock (`openForCommand`): released when its `run` ends. */
  private readLock?: { release(): void };

  private constructor(
    readonly root: string,
    plan: Plan,
    manifests?: ManifestCache,
  ) {
    this.plan = plan;
    this.manifests = manifests ? manifests.over(plan) : new ManifestCache(plan);
  }

  /** The app that `from` is inside (found upward as Golem finds it), or the one at `explicit` (`--app`). */
  static open(from: string, explicit?: string): AppSession {
    const disk = new DiskFiles();
    const probe = new ManifestCache(disk);
    const root = findAppRoot(from, explicit, probe);
    return new AppSession(root, new Plan(root, disk), probe);
  }

  /**
   * The app that `from` is inside (or `--app`), locked for this run: a session whose plan commits
   * in the app's transaction. `reuse`: a session opened before (for prompts), whose reads are
   * kept where the files are unchanged.
   */
  static async openForWrite(from: string, explicit?: string, options: { reuse?: AppSession; onRecover?: BeginOptions['onRecover'] } = {}): Promise<AppSession> {
    const probeDisk = options.reuse?.plan.disk ?? new DiskFiles();
    const probe = options.reuse?.manifests ?? new ManifestCache(probeDisk);
    const root = options.reuse?.root ?? findAppRoot(from, explicit, probe);
    const transaction = await Transaction.begin(root, options.onRecover ? { onRecover: options.onRecover } : {});
    try {
      return new AppSession(root, new Plan(root, probeDisk.revalidated(), transaction), probe);
    } catch (err) {
      transaction.abort();
      throw err;
    }
  }

  /**
   * The session of a command that writes, unless it is a dry run: `openForWrite`; for a dry run, a
   * session that holds the app's lock while it plans (so it never reads another run's changes half
   * made) but writes nothing — not even an undo of what an interrupted run left (Transaction.readLock).
   */
  static async openForCommand(
    from: string,
    explicit: string | undefined,
    options: { dryRun?: boolean | undefined; reuse?: AppSession | undefined; onRecover?: BeginOptions['onRecover'] },
  ): Promise<AppSession> {
    if (!options.dryRun)
      return AppSession.openForWrite(from, explicit, { ...(options.reuse ? { reuse: options.reuse } : {}), ...(options.onRecover ? { onRecover: options.onRecover } : {}) });
    const probeDisk = options.reuse?.plan.disk ?? new DiskFiles();
    const probe = options.reuse?.manifests ?? new ManifestCache(probeDisk);
    const root = options.reuse?.root ?? findAppRoot(from, explicit, probe);
    const readLock = await Transaction.readLock(root);
    const session = new AppSession(root, new Plan(root, probeDisk.revalidated()), probe);
    session.readLock = readLock;
    return session;
  }

  /**
   * Runs a command's work: in the session's transaction (finished when `body` resolves, undone
   * when it throws or the run is interrupted), or, for a dry run, holding the app's lock.
   */
  async run<T>(body: () => Promise<T>): Promise<T> {
    if (this.plan.transaction) return this.plan.transaction.run(body);
    try {
      return await body();
    } finally {
      this.readLock?.release();
    }
  }

  /**
   * Undoes what an interrupted run left in the app `from` is inside (or `--app`), if anything: for
   * a command that reads the app without the lock first, to list what it will do and ask.
   */
  static async recoverInterrupted(from: string, explicit: string | undefined, onRecover?: BeginOptions['onRecover']): Promise<void> {
    await Transaction.recoverIn(findAppRoot(from, explicit, new ManifestCache(new DiskFiles())), onRecover);
  }

  /** The open transaction of a session from `openForWrite`. */
  get transaction(): Transaction {
    const tx = this.plan.transaction;
    if (!tx) throw new Error('create-golem-app: this session was not opened for writing');
    return tx;
  }

  /** A session for an app that the run creates at `root` (its manifests come from the plan). */
  static create(root: string): AppSession {
    return new AppSession(root, new Plan(root));
  }

  get files(): FileView {
    return this.plan;
  }

  manifest(file: string): ManifestDoc {
    return this.manifests.manifest(file);
  }

  /**
   * The app as the plan leaves it: loaded on first use and again after the plan changed (only
   * changed documents are parsed again). Throws the app's first problem as a UserError.
   */
  get app(): App {
    const version = this.plan.version;
    const changesApp = (path: string) => isManifestPath(path) || this.plan.removedFolderOf(path) !== undefined; // a removed folder takes its golem.yaml
    if (this.loaded && this.loaded.version !== version && !this.plan.changedSince(this.loaded.version).some(changesApp)) this.loaded.version = version;
    if (this.loaded?.version !== version) this.loaded = { app: loadApp(this.root, { explicitRoot: true, source: this }), version };
    return this.loaded.app;
  }

  /** Plans a golem.yaml edit (nothing is written); read `app` afterwards to validate the result. */
  edit(edit: Edit): void {
    if (edit.after !== edit.before) this.plan.edit(edit.file, edit.after);
  }
}
