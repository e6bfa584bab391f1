// Bundles the CLI into dist/ with every library inlined: the published package has zero
// runtime dependencies. The entry stays small; what the first screen does not need
// (prompts, template engine, git, WIT toolkit) is split into lazily loaded chunks.
// Built into a fresh folder and swapped in, so a CLI running meanwhile never sees half a dist/.
import { build } from 'esbuild';
import { renameSync, rmSync } from 'node:fs';

const root = new URL('..', import.meta.url).pathname;
const fresh = `${root}dist.${process.pid}`;
const old = `${root}dist.old.${process.pid}`;
await build({
  entryPoints: { cli: 'src/cli/main.ts' },
  outdir: fresh,
  absWorkingDir: root,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  minify: true,
  legalComments: 'linked',
  chunkNames: 'chunks/[name]-[hash]',
  // CommonJS libraries bundled into ESM need a real `require` for node built-ins.
  banner: { js: "import{createRequire as __cr}from'node:module';const require=__cr(import.meta.url);" },
  logLevel: 'warning',
});
try {
  renameSync(`${root}dist`, old);
} catch {
  // first build: no dist/ yet
}
renameSync(fresh, `${root}dist`);
rmSync(old, { recursive: true, force: true });
