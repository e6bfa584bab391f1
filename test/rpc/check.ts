/** Oracle checks over everything generation wrote. */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import type { App } from '../../src/app/index.js';
import { checkWitDir } from '../helpers/wit-oracle.js';

/** Every generated-base dir, client dir and wit-generated dir of the app. */
export function generatedDirs(app: App): string[] {
  const dirs: string[] = [];
  const under = (root: string, leaf = '') => {
    if (!existsSync(root)) return;
    for (const name of readdirSync(root).sort()) {
      const d = join(root, name, leaf);
      if (existsSync(d) && statSync(d).isDirectory()) dirs.push(d);
    }
  };
  under(join(app.tempDir, 'generated-base-wit'));
  under(join(app.tempDir, 'client'), 'wit');
  for (const c of app.components.values()) if (existsSync(c.generatedWit)) dirs.push(c.generatedWit);
  return dirs;
}

/** wit-parser accepts every generated directory. */
export async function expectAllValid(app: App): Promise<void> {
  const dirs = generatedDirs(app);
  expect(dirs.length).toBeGreaterThan(0);
  for (const dir of dirs) expect({ dir, ...(await checkWitDir(dir)) }).toEqual({ dir, ok: true });
}

/** Path → mtime (ms) of every file below `dir`. */
export function mtimes(dir: string): Map<string, number> {
  const out = new Map<string, number>();
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const p = join(d, name);
      const st = statSync(p);
      if (st.isDirectory()) walk(p);
      else out.set(p, st.mtimeMs);
    }
  };
  walk(dir);
  return out;
}
