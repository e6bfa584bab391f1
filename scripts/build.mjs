// Bundles the CLI into dist/ with every library inlined: the published package has zero
// runtime dependencies.
// - dist/cli.cjs: the dispatcher (command table, --help, --version, errors) as one small
//   CommonJS file — the first screen loads nothing else, and CommonJS starts faster than ESM.
// - dist/commands/<name>.js: one ESM entry per command, loaded with import() when it runs;
//   code they share (libraries, the domain) is split into dist/chunks/.
// Built into a fresh folder and swapped in, so a CLI running meanwhile never sees half a dist/.
import { build } from 'esbuild';
import { readFileSync, readdirSync, renameSync, rmSync } from 'node:fs';

const root = new URL('..', import.meta.url).pathname;
const fresh = `${root}dist.${process.pid}`;
const old = `${root}dist.old.${process.pid}`;
const common = { absWorkingDir: root, bundle: true, platform: 'node', target: 'node20', minify: true, legalComments: 'none', logLevel: 'warning' };

const commands = readdirSync(`${root}src/cli/commands`).filter((f) => f.endsWith('.ts'));
await build({
  ...common,
  entryPoints: Object.fromEntries(commands.map((f) => [`commands/${f.replace(/\.ts$/, '')}`, `src/cli/commands/${f}`])),
  outdir: fresh,
  splitting: true,
  format: 'esm',
  chunkNames: 'chunks/[name]-[hash]',
  // CommonJS libraries bundled into ESM need a real `require` for node built-ins.
  banner: { js: "import{createRequire as __cr}from'node:module';const require=__cr(import.meta.url);" },
});
await build({
  ...common,
  entryPoints: ['src/cli/main.ts'],
  outfile: `${fresh}/cli.cjs`,
  format: 'cjs',
  define: { CGA_VERSION: JSON.stringify(JSON.parse(readFileSync(`${root}package.json`, 'utf8')).version) },
  // The table's `import('./commands/x.js')` stays a dynamic import of the ESM entry above.
  plugins: [{ name: 'commands-external', setup: (b) => b.onResolve({ filter: /^\.\/commands\// }, (a) => ({ path: a.path, external: true })) }],
});
try {
  renameSync(`${root}dist`, old);
} catch {
  // first build: no dist/ yet
}
renameSync(fresh, `${root}dist`);
rmSync(old, { recursive: true, force: true });
