/**
 * The app model's findings: everything loading refuses (collected, not stopped at the first),
 * the schema's `wasm-rpc-static` typo marked as fixable, and Golem's rules for each dependency
 * that loaded (dependency-rules.ts), including one target called with two worker-to-worker types.
 */
import type { App, AppDependency } from '../../app/index.js';
import { dependencyRuleProblem, loadApp } from '../../app/index.js';
import { planDependencyTypeFixes } from '../../app/edit/fix-dependency-types.js';
import type { AppSession } from '../../app/session.js';
import type { UserError } from '../../errors.js';
import type { SourceLocation } from '../../errors.js';
import { type Finding, finding, findingOf } from './findings.js';

/** The app as far as it loads, and what loading refused. */
export function collectApp(session: AppSession): { app: App; problems: UserError[] } {
  const problems: UserError[] = [];
  const app = loadApp(session.root, { explicitRoot: true, source: session, problems: (p) => problems.push(p) });
  return { app, problems };
}

const sameLocation = (a: SourceLocation | undefined, b: SourceLocation) => a !== undefined && a.file === b.file && a.line === b.line && a.column === b.column;

/**
 * Findings of the app model. `fix`: the typo is fixed in the session's plan (and the app loaded
 * again from the planned text); the fixes are returned as findings with their changes.
 */
export function checkManifests(session: AppSession, fix: boolean): { app: App; findings: Finding[]; fixed: Finding[] } {
  let { app, problems } = collectApp(session);
  const typos = planDependencyTypeFixes(session, app.manifests);
  const rel = (file: string) => session.plan.relative(file) ?? file;
  const asTypoFinding = (p: UserError): Finding | undefined => {
    const typo = typos.fixes.find((t) => sameLocation(p.location, t.location));
    return typo && { ...findingOf(p, 'manifest'), fix: `type: ${typo.to}`, changes: [{ path: rel(typo.file), action: 'replace' }] };
  };
  const fixed: Finding[] = [];
  if (fix && typos.edits.length > 0) {
    fixed.push(...problems.flatMap((p) => asTypoFinding(p) ?? []));
    for (const edit of typos.edits) session.edit(edit);
    ({ app, problems } = collectApp(session));
  }
  const findings = problems.map((p) => asTypoFinding(p) ?? findingOf(p, 'manifest'));
  findings.push(...dependencyFindings(session, app));
  return { app, findings, fixed };
}

function dependencyFindings(session: AppSession, app: App): Finding[] {
  const out: Finding[] = [];
  const at = (d: AppDependency) => d.location;
  for (const dep of app.dependencies) {
    const problem = dependencyRuleProblem(dep.source, dep, app, session.files);
    if (problem) out.push(finding('error', 'dependency', problem.message, problem.hint, at(dep)));
  }
  // Golem keeps a set per (target, type): the same target under both rpc types is two clients of one component.
  const seen = new Map<string, AppDependency>();
  for (const dep of app.dependencies) {
    if (dep.type === 'wasm' || dep.target === undefined) continue;
    const key = `${dep.source}\0${dep.target}`;
    const first = seen.get(key);
    if (!first) seen.set(key, dep);
    else if (first.type !== dep.type) {
      out.push(
        finding(
          'error',
          'dependency',
          `${dep.source} depends on ${dep.target} twice, as ${first.type} (${first.location.file}:${first.location.line}) and as ${dep.type}`,
          'Keep one of the two: a caller has one client per target.',
          at(dep),
        ),
      );
    }
  }
  return out;
}
