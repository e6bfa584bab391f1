/**
 * Builds the CLI once per test run (the end-to-end tests drive dist/, as a user would), and gives
 * the run its own temporary folder: every temp dir the tests make (and the CLI processes they
 * start) lands under it, and it is removed at the end. Without it, the thousands of folders a run
 * makes stay in the system's temp folder, and each later run lists them when it looks for an
 * app's parent folder.
 */
import { execFileSync } from 'node:child_process';
import { chmodSync, lstatSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export default function setup(): () => void {
  const runDir = mkdtempSync(join(tmpdir(), 'cga-run-'));
  process.env.TMPDIR = runDir;
  if (!process.env.CGA_SKIP_BUILD) {
    execFileSync(process.execPath, ['scripts/build.mjs'], { cwd: fileURLToPath(new URL('..', import.meta.url)), stdio: 'inherit' });
  }
  return () => {
    if (process.env.CGA_KEEP_TMP) return;
    try {
      rmSync(runDir, { recursive: true, force: true });
    } catch {
      // Some tests leave folders without write permission: open them up, then remove.
      makeWritable(runDir);
      rmSync(runDir, { recursive: true, force: true });
    }
  };
}

function makeWritable(dir: string): void {
  try {
    chmodSync(dir, 0o700);
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (lstatSync(path).isDirectory()) makeWritable(path);
    }
  } catch {
    // gone or not ours: rmSync reports what is left
  }
}
