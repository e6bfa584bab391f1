/** `graph`: the app's components and dependencies as a graph (rendered as tree, mermaid or dot by the caller). */
import { basename } from 'node:path';
import { type AppGraph, appGraph } from '../app/graph.js';
import { AppSession } from '../app/session.js';
import { componentLanguage } from './shared/app-overview.js';

export interface GraphInput {
  /** Where to look for the app (a folder inside it). */
  cwd: string;
  /** `--app <dir>`. */
  app?: string;
}

export interface GraphResult extends AppGraph {
  /** The app root (absolute). */
  app: string;
  /** The app's folder name (the graph's title). */
  name: string;
}

export function runGraph(input: GraphInput): GraphResult {
  const session = AppSession.open(input.cwd, input.app);
  const graph = appGraph(session.app, (c) => componentLanguage(c, session.files));
  return { app: session.root, name: basename(session.root), ...graph };
}
