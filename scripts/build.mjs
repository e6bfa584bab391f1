// Bundles the CLI into dist/ with every library inlined: the published package has zero
// runtime dependencies.
// - dist/cli.cjs: the dispatcher (command table, --help, --version, errors) as one small
//   CommonJS file — the first screen loads nothing else, and CommonJS starts faster than ESM.
// - dist/commands/<name>.js: one entry per group of commands, loaded when one of them runs; code
//   they share (libraries, the domain) is split into dist/chunks/, loaded when first needed.
//   esbuild splits code only in ES modules: each file is then turned into CommonJS (dist/ is a
//   CommonJS folder), because Node 20 can hand V8 a code cache only for CommonJS (src/cli/compile-cache.ts).
// - dist/api.cjs + dist/api.mjs + dist/api.d.ts: the programmatic API (package.json `exports`).
//   api.cjs is one more entry of the same build, so it shares the commands' chunks; api.mjs is a
//   generated ES module that imports it and re-exports its exports by name (the names esbuild
//   lists for the entry), for `import { createApp } from 'create-golem-app'`. scripts/api-dts.mjs
//   writes the declarations. The API never turns the code cache on (only src/cli/main.ts does).
// Built into a fresh folder and swapped in, so a CLI running meanwhile never sees half a dist/.
import { build, transform } from 'esbuild';
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { writeApiDeclarations } from './api-dts.mjs';

const root = new URL('..', import.meta.url).pathname;
const fresh = `${root}dist.${process.pid}`;
const old = `${root}dist.old.${process.pid}`;
const common = { absWorkingDir: root, bundle: true, platform: 'node', target: 'node20', minify: !process.env.CGA_NO_MINIFY, legalComments: 'none', logLevel: 'warning' };

// What the package does not need, left out of the bundles:
// - degit's own git client (isomorphic-git): we always give degit ours (src/templates/sources/hosted-source.ts);
// - source-map, which Handlebars only tries to load for precompiling (it falls back without it);
// - ajv: registry.schema.json and metadata.schema.json are compiled ahead of time by ajv's standalone
//   code generator, with the options src/templates/schema-validator.ts uses at run time in tests, into
//   dist/schema-validators.cjs, which the bundled schema-validator.ts loads on the first validation
//   (a scaffold or a generate that validates nothing does not load it).
const require = createRequire(import.meta.url);
const SCHEMAS = ['registry', 'metadata'];
async function schemaValidatorsCode() {
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
  return standaloneCode(ajv, ids);
}
const VALIDATORS_FILE = 'schema-validators.cjs';
const lazySchemaValidator = `import { createRequire } from 'node:module';
let validators;
export function schemaValidator(name) {
  validators ??= createRequire(import.meta.url)('../${VALIDATORS_FILE}');
  return validators[name];
}
`;
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
    b.onLoad({ filter: /schema-validator\.ts$/ }, () => ({ contents: lazySchemaValidator, loader: 'js' }));
  },
};

// The modules the table (src/cli/commands.ts) imports when a command runs: one per group of commands.
const table = readFileSync(`${root}src/cli/commands.ts`, 'utf8');
const commands = [...table.matchAll(/import\('\.\/([\w-]+)\.js'\)/g)].map((m) => m[1]);
const split = await build({
  ...common,
  entryPoints: { ...Object.fromEntries(commands.map((name) => [`commands/${name}`, `src/cli/${name}.ts`])), api: 'src/api/index.ts' },
  outdir: fresh,
  splitting: true,
  format: 'esm',
  chunkNames: 'chunks/[name]-[hash]',
  plugins: [trimmed],
  write: false,
  metafile: true,
});
// Each module as CommonJS: static imports become require(), import.meta.url the module's file URL,
// and a dynamic import of one of our chunks a require() in a promise (still loaded only when
// reached), as is one of a Node built-in (only named exports are taken from those). An import() of
// a URL computed at run time (an app's own jco) stays an import(): that module may be ESM. The chunk
// imports are found in the text, so their number is checked against what esbuild says the file imports.
const CHUNK_IMPORT = /\bimport\("(\.\.?\/[\w./-]+\.js)"\)/g;
const BUILTIN_IMPORT = /\bimport\("(node:[\w/]+)"\)/g;
const LOAD = 'Promise.resolve().then(()=>require("$1"))';
const API = `${fresh}/api.js`;
let apiExports;
for (const out of split.outputFiles) {
  const meta = split.metafile.outputs[out.path.slice(root.length)];
  if (out.path === API) apiExports = meta.exports;
  const chunkImports = meta.imports.filter((i) => i.kind === 'dynamic-import' && !i.external).length;
  const found = [...out.text.matchAll(CHUNK_IMPORT)].length;
  if (found !== chunkImports) throw new Error(`${out.path}: ${found} chunk imports found in the text, esbuild lists ${chunkImports}`);
  const usesMeta = out.text.includes('import.meta.url');
  const { code } = await transform(out.text.replace(CHUNK_IMPORT, LOAD).replace(BUILTIN_IMPORT, LOAD), {
    format: 'cjs',
    platform: 'node',
    target: 'node20',
    minify: !process.env.CGA_NO_MINIFY,
    legalComments: 'none',
    define: usesMeta ? { 'import.meta.url': '__moduleUrl' } : {},
    banner: usesMeta ? 'var __moduleUrl=require("node:url").pathToFileURL(__filename).href;' : '',
  });
  mkdirSync(dirname(out.path), { recursive: true });
  writeFileSync(out.path === API ? `${fresh}/api.cjs` : out.path, code);
}
if (!apiExports?.length) throw new Error('esbuild lists no exports for src/api/index.ts');
const names = apiExports.filter((name) => name !== 'default');
writeFileSync(`${fresh}/api.mjs`, `import api from './api.cjs';\nexport const { ${names.join(', ')} } = api;\n`);
writeFileSync(`${fresh}/package.json`, '{ "type": "commonjs" }\n');
await build({
  ...common,
  stdin: { contents: await schemaValidatorsCode(), resolveDir: `${root}node_modules/ajv`, loader: 'js' },
  outfile: `${fresh}/${VALIDATORS_FILE}`,
  format: 'cjs',
});
await build({
  ...common,
  entryPoints: ['src/cli/main.ts'],
  outfile: `${fresh}/cli.cjs`,
  format: 'cjs',
  // The commands' modules are CommonJS too (above): loaded with require() when a command runs.
  supported: { 'dynamic-import': false },
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
