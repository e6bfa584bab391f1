/**
 * `doctor`: every problem of an app at once, each with where it is, how bad, and what to do —
 * the app model (collected, not stopped at the first), Golem's dependency rules, WIT the toolkit
 * rejects, generated files `generate` would change and leftovers of removed dependencies, the
 * TS components' packages and the tools the app's languages need. Nothing is written, except
 * with `fix`: the safe fixes (the schema's dependency-type typo, regenerating, removing what
 * generation left behind) are planned into one plan and committed as one transaction.
 */
import { AppSession } from '../app/session.js';
import { commitPlan, type FileOutcome } from '../fs/plan.js';
import { type Reporter, silentReporter } from '../report.js';
import type { LibraryOptions } from '../rpc/index.js';
import { componentLanguage } from './shared/app-overview.js';
import type { Finding } from './doctor/findings.js';
import { checkGenerated } from './doctor/generated.js';
import { checkManifests } from './doctor/manifest.js';
import { checkPackages } from './doctor/packages.js';
import { checkToolchain, type ToolStatus } from './doctor/toolchain.js';

export type { Finding } from './doctor/findings.js';

export interface DoctorInput {
  /** Where to look for the app (a folder inside it). */
  cwd: string;
  /** `--app <dir>`. */
  app?: string;
  /** `--fix`: apply the safe fixes. */
  fix?: boolean;
  /** `--offline` and `--timeout`, for `wasm` dependencies by url. */
  network?: LibraryOptions;
}

/** What `--json` prints (schemas/doctor.schema.json). */
export interface DoctorResult {
  /** The app root (absolute). */
  app: string;
  fix: boolean;
  /** Of the findings that remain. */
  errors: number;
  warnings: number;
  /** What remains to be done, errors first. */
  findings: Finding[];
  /** With `fix`: what was fixed, each with the files written or removed. */
  fixed: Finding[];
  /** The tools the app's languages need, as found on PATH. */
  toolchain: ToolStatus[];
  /** What could not be checked, and why. */
  notes: string[];
}

export async function runDoctor(input: DoctorInput, report: Reporter = silentReporter): Promise<DoctorResult> {
  const fix = input.fix === true;
  // Without --fix nothing is written: the app's lock is held only while it is read, as a dry run's.
  const session = await AppSession.openForCommand(input.cwd, input.app, { dryRun: !fix, onRecover: (m) => report.warn(m) });
  const findings: Finding[] = [];
  const fixed: Finding[] = [];
  const notes: string[] = [];
  const toolchain = await session.run(async () => {
    const manifests = checkManifests(session, fix);
    findings.push(...manifests.findings);
    fixed.push(...manifests.fixed);
    const app = manifests.app;

    let committable = true;
    if (findings.some((f) => f.category === 'manifest')) notes.push('WIT and generated files were not checked: golem.yaml has errors (above).');
    else {
      const generated = await checkGenerated(session, { ...input.network, report });
      notes.push(...generated.notes);
      // A dependency Golem's rules refuse (a `wasm` file that is not there) is met again when its
      // component's WIT is generated: said once, as the rule.
      const said = new Set(findings.map(findingKey));
      for (const f of generated.findings) if (!said.has(findingKey(f))) (fix && f.fix !== null ? fixed : findings).push(f);
      committable = generated.planBroken !== true;
    }

    const languages = new Map([...app.components.values()].map((c) => [c.name, componentLanguage(c, session.files)]));
    // The tools are asked while the rest is checked.
    const asked = checkToolchain(new Set([...languages.values()].flatMap((l) => l ?? [])));
    const tsComponents = [...languages].filter(([, l]) => l === 'ts' || l === 'js').map(([name]) => name);
    findings.push(...checkPackages(app, session.files, tsComponents));

    if (fixed.length > 0 && !committable) {
      notes.push('Nothing was fixed: generation failed halfway (above), so nothing is written.');
      findings.unshift(...fixed.splice(0));
    }
    if (fixed.length > 0) {
      // One transaction for every fix; the outcomes say what each fix did.
      const outcomes = new Map(commitPlan(session.plan).outcomes.map((o) => [o.path, o.action]));
      for (const f of fixed) f.changes = f.changes.map((c): FileOutcome => ({ path: c.path, action: outcomes.get(c.path) ?? c.action }));
    }
    return asked;
  });
  findings.push(...toolchain.findings);

  const rank = (f: Finding) => (f.severity === 'error' ? 0 : 1);
  findings.sort((a, b) => rank(a) - rank(b));
  return {
    app: session.root,
    fix,
    errors: findings.filter((f) => f.severity === 'error').length,
    warnings: findings.filter((f) => f.severity === 'warning').length,
    findings,
    fixed,
    toolchain: toolchain.tools,
    notes,
  };
}

/** What a finding says and where, whatever found it. */
const findingKey = (f: Finding): string => [f.message, f.file, f.line, f.column].join('\0');
