/** `generate`: load the app and run client generation for it (or for some components). */
import { findAppRoot, loadApp } from '../app/index.js';
import { generate, type GenerateSummary } from '../rpc/index.js';
import type { Reporter } from '../report.js';

export interface GenerateOptions {
  /** Where to look for the app (its root or a folder inside it). */
  cwd: string;
  /** `--app <dir>`: the app root given explicitly. */
  app?: string;
  components: string[];
}

export async function runGenerate(options: GenerateOptions, report: Reporter): Promise<GenerateSummary> {
  const root = findAppRoot(options.cwd, options.app);
  const app = loadApp(root, { explicitRoot: true });
  return generate(app, { components: options.components }, report);
}
