// dist/api.d.ts: the declarations of the programmatic API (src/api/index.ts) in one file, the
// types it names inlined (nothing else of src/ is published as types). Bundling them means
// type-checking the API's imports, which takes seconds: the result is kept in
// node_modules/.cache under a hash of what it depends on, so a build without changes there
// copies it.
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const CONFIG = 'scripts/tsconfig.api.json';

function inputsHash() {
  const hash = createHash('sha256');
  const add = (file) => hash.update(file).update(readFileSync(join(root, file)));
  const walk = (dir) => {
    for (const d of readdirSync(join(root, dir), { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      if (d.isDirectory()) walk(`${dir}/${d.name}`);
      else if (d.name.endsWith('.ts')) add(`${dir}/${d.name}`);
    }
  };
  walk('src');
  for (const file of ['tsconfig.json', CONFIG, 'scripts/api-dts.mjs', 'node_modules/typescript/package.json', 'node_modules/dts-bundle-generator/package.json']) add(file);
  return hash.digest('hex').slice(0, 16);
}

export async function writeApiDeclarations(outfile) {
  const cached = join(root, 'node_modules/.cache/create-golem-app', `api-${inputsHash()}.d.ts`);
  if (!existsSync(cached)) {
    const { generateDtsBundle } = await import('dts-bundle-generator');
    const [text] = generateDtsBundle([{ filePath: join(root, 'src/api/index.ts'), output: { noBanner: true, exportReferencedTypes: false } }], {
      preferredConfigPath: join(root, CONFIG),
    });
    mkdirSync(join(cached, '..'), { recursive: true });
    writeFileSync(cached, text);
  }
  copyFileSync(cached, outfile);
}
