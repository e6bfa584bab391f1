/**
 * The interactive picker with golem-cli 1.2.5's templates (issue 16), in a real terminal: every
 * language golem offers except C and Zig (they need Golem's WASI adapter), golem's templates by
 * name, one of them fetched through the degit path (offline, from a seeded stand-in snapshot).
 */
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadApp } from '../../src/app/index.js';
import { tempDir } from '../helpers/cli.js';
import { seedGolemCli } from '../templates/golem-standin.js';
import { read } from '../templates/helpers.js';
import { stopTerminals, Terminal } from './terminal.js';

afterAll(() => stopTerminals());

/** The option labels of a prompt's screen (`│  ◻ Rust` → `Rust`). */
const optionLabels = (screen: string, message: string) =>
  screen
    .slice(screen.lastIndexOf(`◆  ${message}`))
    .split('\n')
    .flatMap((line) => /^│ {2}[◻◼●○] (.+?)\s*$/.exec(line)?.[1] ?? []);

describe('create, interactive, with golem-cli 1.2.5 templates', () => {
  it("offers golem's languages and templates but not C or Zig, and creates from golem's Rust shopping cart", async () => {
    const cwd = tempDir('cga-int-golem-');
    const cache = join(cwd, 'cache');
    seedGolemCli(cache);
    const t = Terminal.start(['--offline', '--no-git'], { cwd, env: { HOME: cwd, XDG_CONFIG_HOME: join(cwd, 'config'), XDG_CACHE_HOME: cache } });
    await t.reply('Application folder:', 'shop');
    const languages = optionLabels(await t.prompt('Languages:'), 'Languages:');
    expect(languages).toEqual(['TypeScript', 'Rust', 'Go', 'JavaScript', 'Python', 'MoonBit', 'Scala.js']);
    await t.tick('Languages:', ['Rust']); // with TypeScript, ticked already
    const templates = optionLabels(await t.prompt('Template of the first component:'), 'Template of the first component:');
    expect(templates.map((label) => label.split(/\s{2,}/)[0])).toEqual([
      'TypeScript · default',
      'TypeScript · ephemeral',
      'TypeScript · example-fetch',
      'Rust · default',
      'Rust · ephemeral',
      'Rust · async',
      'Rust · custom-snapshot',
      'Rust · example-gitpulse-agent',
      'Rust · example-shopping-cart',
      'Rust · example-todo-list',
      'Rust · minimal',
      'Rust · oplog-processor',
      'Rust · wasi-http',
    ]);
    await t.select('Template of the first component:', 'Rust · example-shopping-cart');
    await t.reply('Component name', 'shop:cart');
    await t.answer('Add another component?', 'n');
    await t.answer('shop:cart calls:', 'Enter');
    await t.answer('Create the app?', 'Enter');
    expect(await t.exitCode()).toBe(0);
    expect(t.transcript()).toContain('Rust builds need cargo-component');

    const root = join(cwd, 'shop');
    expect([...loadApp(root, { explicitRoot: true }).components.keys()]).toEqual(['shop:cart']);
    expect(read(root, 'components-rust/shop-cart/Cargo.toml')).toContain('reqwest = { workspace = true }');
    expect(read(root, 'Cargo.toml')).toContain('golem-rust = { version = "=1.5.5"');
  });
});
