// Generates the TypeScript declarations a component is written against, from its WIT.
//
// `jco guest-types` on the command line does not offer jco's async options, and a Golem
// component needs them: its exported functions are async (JSPI). This script exposes the same
// generator with those options. Golem's build passes one `--async-imports <iface>#<fn>` per
// exported function in ${JCO_ASYNC_EXPORT_ARGS}.
//
// Usage: node ../../common-ts/scripts/jco-wrapper.mjs guest-types <wit-path> -o <out-dir> [options]
import { Command, Option } from 'commander';
import { guestTypes } from '../../node_modules/@bytecodealliance/jco/src/cmd/transpile.js';

/** Repeated `--feature x --feature y` collects into one list. */
const appendTo = (value, previous) => [...previous, value];

const program = new Command('jco-wrapper')
  .description("jco's guest-types generator with its async options")
  .showHelpAfterError();

program
  .command('guest-types')
  .description('Generate guest TypeScript declarations (.d.ts) for the given WIT')
  .argument('<wit-path>', 'WIT file or directory')
  .option('--name <name>', 'name of the output files')
  .option('-n, --world-name <world>', 'world to generate declarations for')
  .requiredOption('-o, --out-dir <out-dir>', 'folder to write the declarations to')
  .option('-q, --quiet', 'print no summary')
  .option('--feature <feature>', 'enable one WIT feature (repeatable)', appendTo, [])
  .option('--all-features', 'enable every WIT feature')
  // A bare `--async-mode` means `sync`, as in jco's own transpile command.
  .addOption(new Option('--async-mode [mode]', 'how async functions are lowered').choices(['sync', 'jspi']).preset('sync'))
  .option('--async-wasi-exports', "treat WASI's exported entry points as async")
  .option('--async-exports <names...>', 'exported functions to treat as async (<iface>#<fn>)')
  .option('--async-imports <names...>', 'imported functions to treat as async (<iface>#<fn>)')
  .action(async (witPath, options) => {
    try {
      await guestTypes(witPath, options);
    } catch (error) {
      console.error(`(jco guestTypes) ${error instanceof Error ? error.message : String(error)}`);
      process.exit(1);
    }
  });

await program.parseAsync();
