// Bundles the CLI into dist/ with every library inlined: the published package has zero
// runtime dependencies.
// - dist/cli.cjs: the dispatcher (command table, --help, --version, errors) as one small
//   CommonJS file — the first screen loads nothing else, and CommonJS starts faster than ESM.
// - dist/commands/<name>.js: one ESM entry per command, loaded with import() when it runs;
//   code they share (libraries, the domain) is split into dist/chunks/.
// Built into a fresh folder and swapped in, so a CLI running meanwhile never sees half a dist/.
import { build } from 'esbuild';
import { readFileSync, renameSync, rmSync } from 'node:fs';

const root = new URL('..', import.meta.url).pathname;
const fresh = `${root}dist.${process.pid}`;
const old = `${root}dist.old.${process.pid}`;
const common = { absWorkingDir: root, bundle: true, platform: 'node', target: 'node20', minify: true, legalComments: 'none', logLevel: 'warning' };

// The command files are the modules the table (src/cli/commands.ts) imports lazily.
const table = readFileSync(`${root}src/cli/commands.ts`, 'utf8');
const commands = [...table.matchAll(/import\('\.\/([\w-]+)\.js'\)/g)].map((m) => m[1]);
await build({
  ...common,
  entryPoints: Object.fromEntries(commands.map((name) => [`commands/${name}`, `src/cli/${name}.ts`])),
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
  // Modules whose code is tree-shaken away are still parsed: import.meta in them is harmless here.
  logOverride: { 'empty-import-meta': 'silent' },
  define: { CGA_VERSION: JSON.stringify(JSON.parse(readFileSync(`${root}package.json`, 'utf8')).version) },
  // The table imports each command's spec (bundled: tree shaking keeps only the spec, as package.json
  // says our modules have no side effects) and the command itself with import(): that stays a
  // dynamic import of the command's ESM entry above.
  plugins: [
    {
      name: 'commands-external',
      setup: (b) =>
        b.onResolve({ filter: /^\.\/[\w-]+\.js$/ }, (a) =>
          a.kind === 'dynamic-import' && a.importer.endsWith('src/cli/commands.ts') ? { path: `./commands/${a.path.slice(2)}`, external: true } : undefined,
        ),
    },
  ],
});
try {
  renameSync(`${root}dist`, old);
} catch {
  // first build: no dist/ yet
}
renameSync(fresh, `${root}dist`);
rmSync(old, { recursive: true, force: true });
