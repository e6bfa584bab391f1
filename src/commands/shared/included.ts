/**
 * A component a command adds must be one the app loads: under `--overwrite` (or in an app whose
 * root golem.yaml narrows `includes`), its golem.yaml may match none of the root's globs, and
 * Golem would never see it.
 */
import { join } from 'node:path';
import type { App } from '../../app/index.js';
import { UserError } from '../../errors.js';

/** Throws unless `name` is a component of `app`; `files` are the app-relative paths the command plans. */
export function requireIncluded(app: App, name: string, files: readonly string[]): void {
  if (app.components.has(name)) return;
  const manifest = files.find((f) => f !== 'golem.yaml' && f.endsWith('/golem.yaml') && !f.startsWith('common-'));
  throw new UserError(`component ${name} would not be part of the app: the includes of golem.yaml do not match ${manifest ?? 'its golem.yaml'}`, {
    code: 'E_APP',
    location: app.locations?.includes ?? { file: join(app.root, 'golem.yaml'), line: 1, column: 1 },
    hint: `Add ${manifest ? `'${manifest.split('/').slice(0, -2).join('/')}/*/golem.yaml'` : "the component's golem.yaml"} to includes; nothing was written.`,
  });
}
