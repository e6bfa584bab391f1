/** `create-golem-app graph [--app <dir>] [--format tree|mermaid|dot] [--json]` */
import { GRAPH_FORMATS, type GraphFormat, renderGraph } from '../app/graph-render.js';
import { runGraph } from '../commands/graph.js';
import { UsageError, UserError } from '../errors.js';
import { printJson } from './output.js';
import { APP_FLAG, defineCommand, flag, type Invocation } from './spec.js';

export const spec = defineCommand({
  path: ['graph'],
  args: {},
  summary: 'show who calls whom: components (language, type) and dependencies, as a tree, mermaid or dot',
  flags: {
    format: flag.string('<tree|mermaid|dot>', 'tree for the terminal (default), mermaid for READMEs, dot for Graphviz'),
    json: flag.boolean('print the graph as JSON (schemas/graph.schema.json)'),
    ...APP_FLAG,
  },
});

export async function run({ flags, cwd }: Invocation<typeof spec>): Promise<number> {
  const format = flags.format ?? 'tree';
  if (!(GRAPH_FORMATS as readonly string[]).includes(format))
    throw new UserError(`unknown --format '${format}'`, { code: 'E_INPUT', hint: `Use one of: ${GRAPH_FORMATS.join(', ')}.` });
  if (flags.json && flags.format !== undefined) throw new UsageError('--json and --format do not go together', { hint: '--json prints the graph itself; --format draws it.' });
  const graph = runGraph({ cwd, app: flags.app });
  if (flags.json) printJson(graph);
  else process.stdout.write(renderGraph(graph, format as GraphFormat, graph.name));
  return 0;
}
