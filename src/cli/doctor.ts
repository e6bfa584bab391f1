/** `create-golem-app doctor [--app <dir>] [--fix] [--offline] [--timeout <seconds>] [--json]` */
import { relative } from 'node:path';
import { type Finding, runDoctor } from '../commands/doctor.js';
import { sentence } from '../errors.js';
import { color, createReporter, printJson } from './output.js';
import { APP_FLAG, defineCommand, flag, type Invocation, WASM_DOWNLOAD_FLAGS, wasmDownloadOptions } from './spec.js';

export const spec = defineCommand({
  path: ['doctor'],
  args: {},
  summary: 'every problem of the app at once (golem.yaml, dependencies, WIT, generated files, packages, tools); exit 1 on errors',
  flags: {
    fix: flag.boolean('apply the safe fixes (the wasm-rpc-static typo, regenerating, removing stale clients) and list each change'),
    json: flag.boolean('print the findings as JSON (schemas/doctor.schema.json)'),
    ...WASM_DOWNLOAD_FLAGS,
    ...APP_FLAG,
  },
});

export async function run({ flags, cwd }: Invocation<typeof spec>): Promise<number> {
  const result = await runDoctor({ cwd, app: flags.app, fix: flags.fix, network: wasmDownloadOptions(flags) }, createReporter({ machineOutput: flags.json }));
  const exitCode = result.errors > 0 ? 1 : 0;
  if (flags.json) {
    printJson(result);
    return exitCode;
  }
  // As short as it gets: relative to where the command runs, unless the absolute path is shorter.
  const shown = (file: string) => {
    const rel = relative(cwd, file) || '.';
    return rel.length <= file.length ? rel : file;
  };
  const where = (f: Finding) => (f.file === null ? '' : `${shown(f.file)}${f.line === null ? '' : `:${f.line}:${f.column ?? 1}`}: `);
  const lines: string[] = [];
  for (const f of result.fixed) {
    lines.push(`${color.green('fixed')}: ${where(f)}${sentence(`${f.message}: ${f.fix}`)}`);
    for (const c of f.changes) lines.push(`  ${c.action.padEnd(7)} ${c.path}`);
  }
  for (const f of result.findings) {
    const label = f.severity === 'error' ? color.red('error') : color.yellow('warning');
    lines.push(`${label}: ${where(f)}${sentence(f.message)}`);
    const fixable = f.fix !== null && !f.hint?.includes('doctor --fix') ? 'create-golem-app doctor --fix fixes it.' : '';
    const hint = [f.hint, fixable].filter(Boolean).join(' ');
    if (hint) lines.push(`  ${hint.replace(/\s*[\r\n]+\s*/g, ' ')}`);
  }
  for (const note of result.notes) lines.push(`${color.dim('note')}: ${note}`);
  if (result.toolchain.length > 0) {
    lines.push(`${color.dim('tools')}: ${result.toolchain.map((t) => (t.found ? `${t.tool} ${t.version ?? '(version unknown)'}` : `${t.tool} (not found)`)).join(', ')}`);
  }
  lines.push(summaryLine(result.errors, result.warnings, result.findings.filter((f) => f.fix !== null).length, shown(result.app)));
  process.stdout.write(`${lines.join('\n')}\n`);
  return exitCode;
}

function summaryLine(errors: number, warnings: number, fixable: number, app: string): string {
  const count = (n: number, what: string) => `${n} ${what}${n === 1 ? '' : 's'}`;
  if (errors === 0 && warnings === 0) return `${color.green('✔')} no problems found in ${app}`;
  const fixes = fixable > 0 ? `; ${fixable} fixable with create-golem-app doctor --fix` : '';
  return `${count(errors, 'error')}, ${count(warnings, 'warning')} in ${app}${fixes}`;
}
