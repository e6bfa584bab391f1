/**
 * Checking every WIT folder of a rendered app with the WIT toolkit. A component's `wit/` has
 * no `deps/` of its own in Golem's layout (the app's `witDeps` supply them), so such a folder
 * is checked together with the app's `wit/deps`, as Golem resolves it.
 */
import { cpSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { isAbsolute, join, relative, sep } from 'node:path';
import { UserError } from '../../errors.js';
import { loadWitDir } from '../../wit/index.js';

const SKIP_DIRS = new Set(['deps', 'node_modules', '.git', 'golem-temp', 'target', 'dist']);

/** Folders (app-relative) that hold `.wit` files directly, outside any `deps/`. */
export function findWitFolders(appDir: string): string[] {
  const out: string[] = [];
  const walk = (rel: string) => {
    const entries = readdirSync(join(appDir, rel), { withFileTypes: true });
    if (entries.some((e) => e.isFile() && e.name.endsWith('.wit'))) out.push(rel);
    for (const e of entries) if (e.isDirectory() && !SKIP_DIRS.has(e.name)) walk(rel ? `${rel}/${e.name}` : e.name);
  };
  walk('');
  return out.sort();
}

export interface WitProblem {
  /** App-relative file at fault (or the folder when unknown). */
  file: string;
  /** 1-based, when the toolkit knows where. */
  line?: number;
  column?: number;
  message: string;
}

/** Checks one folder; undefined when the WIT toolkit accepts it. */
export function checkWitFolder(appDir: string, folder: string): WitProblem | undefined {
  const abs = join(appDir, folder);
  const appDeps = join(appDir, 'wit', 'deps');
  const needsAppDeps = !existsSync(join(abs, 'deps')) && existsSync(appDeps);
  const checkDir = needsAppDeps ? mkdtempSync(join(tmpdir(), 'cga-witcheck-')) : abs;
  // Paths in errors point into the check folder; map them back to the app.
  const toApp = (file: string): string => {
    const rel = relative(checkDir, isAbsolute(file) ? file : join(checkDir, file));
    if (rel.startsWith('..')) return file;
    const parts = rel.split(sep);
    return parts[0] === 'deps' && needsAppDeps ? ['wit', ...parts].join('/') : [folder, ...parts].filter(Boolean).join('/');
  };
  try {
    if (needsAppDeps) {
      for (const e of readdirSync(abs, { withFileTypes: true })) {
        if (e.isFile() && e.name.endsWith('.wit')) cpSync(join(abs, e.name), join(checkDir, e.name));
      }
      cpSync(appDeps, join(checkDir, 'deps'), { recursive: true });
    }
    // As Golem reads WIT (golem-cli sets WIT_REQUIRE_F32_F64=0): `float32`/`float64` are fine.
    loadWitDir(checkDir, { oldFloatNames: true });
    return undefined;
  } catch (err) {
    if (!(err instanceof UserError)) {
      return { file: folder, message: `the WIT toolkit failed: ${(err as Error).message}` };
    }
    const where = err.location && err.location.line > 0 ? { line: err.location.line, column: err.location.column } : {};
    return { file: err.location ? toApp(err.location.file) : folder, ...where, message: err.message.split('\n')[0] ?? err.message };
  } finally {
    if (needsAppDeps) rmSync(checkDir, { recursive: true, force: true });
  }
}
