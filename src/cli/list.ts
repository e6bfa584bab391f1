/** `create-golem-app list [--app <dir>] [--json]` */
import { runList } from '../commands/list.js';
import { printJson } from './output.js';
import { APP_FLAG, defineCommand, flag, type Invocation } from './spec.js';

export const spec = defineCommand({
  path: ['list'],
  args: {},
  summary: "list the app's components (language, template, type, folder) and their dependencies",
  flags: {
    json: flag.boolean('print JSON (schemas/list.schema.json)'),
    ...APP_FLAG,
  },
});

export async function run({ flags, cwd }: Invocation<typeof spec>): Promise<number> {
  const listing = runList({ cwd, app: flags.app });
  if (flags.json) {
    printJson(listing);
    return 0;
  }
  if (listing.components.length === 0) {
    process.stdout.write(`No components in ${listing.app} yet. Add one with 'create-golem-app add component'.\n`);
    return 0;
  }
  const rows = [['COMPONENT', 'LANGUAGE', 'TEMPLATE', 'TYPE', 'FOLDER'], ...listing.components.map((c) => [c.name, c.language ?? '?', c.template ?? '-', c.type, c.folder])];
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  const lines: string[] = [];
  rows.forEach((row, i) => {
    lines.push(row.map((cell, j) => (j === row.length - 1 ? cell : cell.padEnd(widths[j]!))).join('  '));
    const component = listing.components[i - 1];
    for (const d of component?.dependencies ?? []) lines.push(`  → ${d.target ?? d.path ?? d.url} (${d.type})`);
  });
  process.stdout.write(`${lines.join('\n')}\n`);
  return 0;
}
