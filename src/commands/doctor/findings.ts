/**
 * What `doctor` reports: findings, each with its severity, where (file:line:column when there is
 * a place), what to do, and — for the ones `--fix` can fix — the files the fix writes or removes.
 */
import type { UserError } from '../../errors.js';
import type { FileOutcome } from '../../fs/plan.js';

export type Severity = 'error' | 'warning';

/**
 * `manifest`: what the application model refuses (golem.yaml); `dependency`: Golem's rules for a
 * dependency; `wit`: WIT the toolkit rejects, packages missing from wit/deps; `generated`: generated
 * WIT, clients and TypeScript declarations that `generate` would change; `toolchain`: the tools
 * the app's languages need; `packages`: a TS component's npm packages.
 */
export type FindingCategory = 'manifest' | 'dependency' | 'wit' | 'generated' | 'toolchain' | 'packages';

export interface Finding {
  severity: Severity;
  category: FindingCategory;
  /** One sentence, without the location. */
  message: string;
  /** What to do, or null. */
  hint: string | null;
  /** Absolute, or null (a tool). */
  file: string | null;
  line: number | null;
  column: number | null;
  /** What `doctor --fix` does about it (`regenerated`, …), or null when it cannot fix it. */
  fix: string | null;
  /** The files that fix writes or removes (app-relative); empty when there is no fix. */
  changes: FileOutcome[];
}

export function findingOf(err: UserError, category: FindingCategory, severity: Severity = 'error'): Finding {
  const at = err.location;
  return {
    severity,
    category,
    message: err.message,
    hint: err.hint ?? null,
    file: at?.file ?? null,
    line: at?.line ?? null,
    column: at?.column ?? null,
    fix: null,
    changes: [],
  };
}

export function finding(severity: Severity, category: FindingCategory, message: string, hint: string | null, at?: { file: string; line?: number; column?: number }): Finding {
  return { severity, category, message, hint, file: at?.file ?? null, line: at?.line ?? null, column: at?.column ?? null, fix: null, changes: [] };
}
