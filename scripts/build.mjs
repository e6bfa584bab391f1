// Bundles the CLI into dist/ with every library inlined: the published package has zero
// runtime dependencies.
// - dist/cli.cjs: the dispatcher (command table, --help, --version, errors) as one small
//   CommonJS file — the first screen loads nothing else, and CommonJS starts faster than ESM.
// - dist/commands/<name>.js: one ESM entry per command, loaded with import() when it runs;
//   code they share (libraries, the domain) is split into dist/chunks/.
// - dist/api.js + dist/api.d.ts: the programmatic API (package.json `exports`), an entry of the
//   same ESM build, so it shares the commands' chunks (scripts/api-dts.mjs for the declarations).
// Built into a fresh folder and swapped in, so a CLI running meanwhile never sees half a dist/.
import { build } from 'esbuild';
import { readFileSync, renameSync, rmSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { writeApiDeclarations } from './api-dts.mjs';

const root = new URL('..', import.meta.url).pathname;
const fresh = `${root}dist.${process.pid}`;
const old = `${root}dist.old.${process.pid}`;
const common = { absWorkingDir: root, bundle: true, platform: 'node', target: 'node20', minify: true, legalComments: 'none', logLevel: 'warning' };

// What the package does not need, left out of the bundles:
// - degit's own git client (isomorphic-git): we always give degit ours (src/templates/sources/hosted-source.ts);
// - source-map, which Handlebars only tries to load for precompiling (it falls back without it);
// - ajv: registry.schema.json and metadata.schema.json are compiled ahead of time by ajv's standalone
//   code generator, with the options src/templates/schema-validator.ts uses at run time in tests.
const require = createRequire(import.meta.url);
const SCHEMAS = ['registry', 'metadata'];
async function schemaValidatorModule() {
  const Ajv = require('ajv').default;
  const standaloneCode = require('ajv/dist/standalone').default;
  const source = await readFile(`${root}src/templates/schema-validator.ts`, 'utf8');
  const options = JSON.parse(/AJV_OPTIONS = (\{[^}]*\})/.exec(source)[1].replace(/(\w+):/g, '"$1":'));
  const ajv = new Ajv({ ...options, code: { source: true, esm: true } });
  const ids = {};
  for (const name of SCHEMAS) {
    const schema = JSON.parse(readFileSync(`${root}${name}.schema.json`, 'utf8'));
    ajv.addSchema(schema);
    ids[name] = schema.$id;
  }
  return `${standaloneCode(ajv, ids)}\nconst validators = { ${SCHEMAS.join(', ')} };\nexport function schemaValidator(name) { return validators[name]; }\n`;
}
const trimmed = {
  name: 'trimmed',
  setup(b) {
    b.onResolve({ filter: /^\.\/client-[\w-]+\.js$/ }, (a) => (a.importer.includes('/node_modules/degit/') ? { path: a.path, namespace: 'unused' } : undefined));
    b.onResolve({ filter: /^source-map$/ }, (a) => (a.importer.includes('/node_modules/handlebars/') ? { path: a.path, namespace: 'unused' } : undefined));
    b.onLoad({ filter: /.*/, namespace: 'unused' }, (a) => ({
      contents: a.path === 'source-map' ? 'module.exports = {};' : 'export const defaultGitClient = undefined;',
      loader: 'js',
    }));
    // yaml's ES module build (the one it ships for browsers, same code): esbuild drops what we never call.
    b.onResolve({ filter: /^yaml$/ }, () => ({ path: `${root}node_modules/yaml/browser/index.js`, sideEffects: false }));
    b.onLoad({ filter: /schema-validator\.ts$/ }, async () => ({ contents: await schemaValidatorModule(), loader: 'js', resolveDir: `${root}node_modules/ajv` }));
  },
};

// The modules the table (src/cli/commands.ts) imports when a command runs: one per group of commands.
const table = readFileSync(`${root}src/cli/commands.ts`, 'utf8');
const commands = [...table.matchAll(/import\('\.\/([\w-]+)\.js'\)/g)].map((m) => m[1]);
await build({
  ...common,
  entryPoints: { ...Object.fromEntries(commands.map((name) => [`commands/${name}`, `src/cli/${name}.ts`])), api: 'src/api/index.ts' },
  outdir: fresh,
  splitting: true,
  format: 'esm',
  chunkNames: 'chunks/[name]-[hash]',
  plugins: [trimmed],
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
await writeApiDeclarations(`${fresh}/api.d.ts`);
try {
  renameSync(`${root}dist`, old);
} catch {
  // first build: no dist/ yet
}
renameSync(fresh, `${root}dist`);
rmSync(old, { recursive: true, force: true });
