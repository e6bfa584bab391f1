/** Shapes shared by the template modules. */
import type { PlannedWrite } from '../../fs/plan.js';

/**
 * One file a template wants written; nothing is written by this module. `onExisting`: common
 * templates skip (Golem's MergeOrSkip), component templates fail (MergeOrFail), `.gitignore`
 * files merge by appending missing entries, `replace` only when the caller asked to overwrite.
 */
export interface PlannedFile extends PlannedWrite {
  /** Registry id of the template that wrote it. */
  template: string;
  /** The template file it was rendered from (template-relative, `/`), when it comes from one. */
  source?: string;
  /** It comes from a template that is not bundled (an install-time file then needs consent). */
  untrusted?: true;
  /** The template file it was rendered from (absolute), for errors found in what it declares. */
  sourcePath?: string;
}
