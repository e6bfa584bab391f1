// Child process that answers WIT validation requests with wasm-tools' wit-parser
// (through @bytecodealliance/jco-transpile). A trap poisons the wasm instance, so the
// parent restarts this process after one; one request per line on stdin, one answer per line on stdout.
import { createRequire } from 'node:module';
import { createInterface } from 'node:readline';

const require = createRequire(import.meta.url);
const toolsPath = require.resolve('@bytecodealliance/jco-transpile/wasm-tools');
const shimPath = createRequire(toolsPath).resolve('@bytecodealliance/preview2-shim/filesystem');
const shim = await import(shimPath);
shim._setPreopens({ '/': '/' });
const tools = await import(toolsPath);

async function handle(req) {
  const spec = req.dir ? { witPath: req.dir } : { witSource: req.text };
  const embedded = await tools.componentEmbed({ dummy: true, ...spec, world: req.world });
  if (!req.print) return {};
  const component = await tools.componentNew(embedded);
  return { wit: await tools.componentWit(component) };
}

const rl = createInterface({ input: process.stdin });
rl.on('line', async (line) => {
  const req = JSON.parse(line);
  let answer;
  try {
    answer = { id: req.id, ok: true, ...(await handle(req)) };
  } catch (err) {
    const message = String(err?.message ?? err);
    answer = { id: req.id, ok: false, error: message, trap: /unreachable|RuntimeError|cannot enter component/i.test(message) || err instanceof WebAssembly.RuntimeError };
  }
  process.stdout.write(`${JSON.stringify(answer)}\n`);
});
