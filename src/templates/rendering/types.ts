/** Shapes shared by the template modules. */

/** One file a template wants written; nothing is written by this module. */
export interface PlannedFile {
  /** App-relative, `/`-separated. */
  path: string;
  content: Buffer;
  /** 0o755 for executable template files; default 0o644. */
  mode?: number;
  /**
   * What to do when the file exists: common templates skip (Golem's MergeOrSkip), component
   * templates fail (MergeOrFail), `.gitignore` files merge as a sorted line set, `replace`
   * only when the caller asked to overwrite.
   */
  onExisting: 'fail' | 'skip' | 'merge-lines' | 'replace';
  /** Registry id of the template that wrote it. */
  template: string;
}
