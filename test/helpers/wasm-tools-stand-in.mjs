// Stand-in for `wasm-tools component wit --out-dir <dir> <file>` (wasm-tools cannot be installed
// on this machine). The component's world comes from the binary itself, decoded by wasm-tools'
// own decoder (jco-transpile's componentWit); the bodies of the packages it names come from the
// WIT the test built the binary from (recorded by its sha256, see components.ts), resolved against that world and
// printed one file per package by wit-parser/wit-component (componentEmbed → the world's encoded
// WIT package → unpackWit): the packages and interfaces a real decode yields, each printed alone.
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);
const tools = await import(require.resolve('@bytecodealliance/jco-transpile/wasm-tools'));
const { unpackWit } = await import(require.resolve('@bytecodealliance/jco-transpile'));

const args = process.argv.slice(2);
const outAt = args.indexOf('--out-dir');
if (args[0] !== 'component' || args[1] !== 'wit' || outAt < 0) {
  process.stderr.write(`wasm-tools stand-in: unsupported arguments ${args.join(' ')}\n`);
  process.exit(2);
}
const out = args[outAt + 1];
const file = args.filter((a, i) => i > 1 && a !== '--out-dir' && i !== outAt + 1)[0];

let world;
try {
  world = await tools.componentWit(readFileSync(file));
} catch (err) {
  process.stderr.write(`error: failed to decode component: ${String(err?.message ?? err).split('\n')[0]}\n`);
  process.exit(1);
}
const bytes = readFileSync(file);
const packages = JSON.parse(readFileSync(join(tmpdir(), 'cga-wasm-tools-stand-in', `${createHash('sha256').update(bytes).digest('hex')}.json`), 'utf8'));
const source = [world, ...Object.entries(packages).map(([id, body]) => `package ${id} {\n${body}\n}`)].join('\n');
const core = await tools.componentEmbed({ dummy: true, witSource: source, world: 'root' });

// The `component-type` custom section of the core module is the world's WIT package, encoded.
let at = 8;
const leb = () => {
  let value = 0;
  for (let shift = 0; ; shift += 7) {
    const byte = core[at++];
    value |= (byte & 0x7f) << shift;
    if (!(byte & 0x80)) return value >>> 0;
  }
};
let encoded;
while (at < core.length && !encoded) {
  const id = core[at++];
  const size = leb();
  const end = at + size;
  if (id === 0) {
    const nameLength = leb();
    const name = Buffer.from(core.subarray(at, at + nameLength)).toString();
    if (name.startsWith('component-type')) encoded = core.subarray(at + nameLength, end);
  }
  at = end;
}
for (const [path, text] of await unpackWit(undefined, encoded)) {
  const target = path === 'package.wit' ? join(out, 'component.wit') : join(out, 'deps', `${dirname(path).split('/').pop()}.wit`);
  mkdirSync(dirname(target), { recursive: true });
  writeFileSync(target, text);
}
