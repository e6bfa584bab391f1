/**
 * Apps for the carried-over golem stubgen tests: every component's `wit/` comes from
 * test/fixtures/golem-stubgen/<fixture>/wit, the root golem.yaml declares the components (no
 * templates), `witDeps` is a copy of the project's wit/deps, and everything runs through the
 * built CLI. Golem's test directories map onto the app layout like this:
 *
 * - the source WIT after extraction ("source dir") → `golem-temp/generated-base-wit/<ns>_<name>/`
 * - the generated client ("stub dir" `/wit`)       → `golem-temp/client/<ns>_<name>/wit/`
 * - the caller's WIT with the client added ("dest") → the caller's `wit-generated/`
 */
import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import { ROOT, runCli, tempDir, type CliResult } from '../helpers/cli.js';

export const FIXTURES = join(ROOT, 'test', 'fixtures', 'golem-stubgen');

export interface ComponentSpec {
  /** Component name, `ns:name`. */
  name: string;
  /** Folder under test/fixtures/golem-stubgen/ whose `wit/` is the component's source WIT. */
  fixture: string;
  /** A Cargo.toml next to `wit/` (a Rust component). */
  cargoToml?: string;
}

const kebab = (name: string) => name.replace(':', '-');
const safe = (name: string) => name.replace(':', '_');

const made: string[] = [];

/** Removes every app `stubgenApp` made (call in afterAll). */
export function removeStubgenApps(): void {
  for (const root of made.splice(0)) rmSync(root, { recursive: true, force: true });
}

export class StubgenApp {
  readonly root = tempDir('cga-golem-stubgen-');

  constructor(readonly components: ComponentSpec[]) {
    made.push(this.root);
    const lines = ['# Components of a golem stubgen test (test/golem-stubgen/app.ts).', 'witDeps:', '- wit/deps', '', 'components:'];
    for (const c of components) {
      const dir = `components/${kebab(c.name)}`;
      lines.push(
        `  ${c.name}:`,
        `    sourceWit: ${dir}/wit`,
        `    generatedWit: ${dir}/wit-generated`,
        `    componentWasm: ${dir}/component.wasm`,
        `    linkedWasm: golem-temp/components/${safe(c.name)}.wasm`,
      );
      this.useFixture(c.name, c.fixture);
      if (c.cargoToml !== undefined) {
        writeFileSync(join(this.root, dir, 'Cargo.toml'), c.cargoToml);
        mkdirSync(join(this.root, dir, 'src'), { recursive: true });
        writeFileSync(join(this.root, dir, 'src', 'lib.rs'), '');
      }
    }
    writeFileSync(join(this.root, 'golem.yaml'), `${lines.join('\n')}\n`);
    cpSync(join(ROOT, 'wit', 'deps'), join(this.root, 'wit', 'deps'), { recursive: true });
  }

  /** Replaces a component's source WIT with a fixture's (a target that changed). */
  useFixture(component: string, fixture: string): void {
    const wit = this.sourceWit(component);
    rmSync(wit, { recursive: true, force: true });
    cpSync(join(FIXTURES, fixture, 'wit'), wit, { recursive: true });
  }

  componentDir(name: string): string {
    return join(this.root, 'components', kebab(name));
  }

  sourceWit(name: string): string {
    return join(this.componentDir(name), 'wit');
  }

  /** The caller's WIT with its clients wired in (golem's "dest"). */
  generatedWit(name: string): string {
    return join(this.componentDir(name), 'wit-generated');
  }

  /** The component's WIT after exports extraction (golem's "source dir" after stub generation). */
  baseWit(name: string): string {
    return join(this.root, 'golem-temp', 'generated-base-wit', safe(name));
  }

  /** The generated client's WIT (golem's "stub dir"/wit). */
  clientWit(name: string): string {
    return join(this.root, 'golem-temp', 'client', safe(name), 'wit');
  }

  cargoToml(name: string): string {
    return readFileSync(join(this.componentDir(name), 'Cargo.toml'), 'utf8');
  }

  run(args: string[]): CliResult {
    return runCli(args, { cwd: this.root });
  }

  /** `add dependency <caller> <target>`, which also generates the caller's clients; must succeed. */
  addDependency(caller: string, target: string): CliResult {
    return this.succeed(['add', 'dependency', caller, target]);
  }

  /** `generate` for the whole app; must succeed. */
  generate(): CliResult {
    return this.succeed(['generate']);
  }

  private succeed(args: string[]): CliResult {
    const r = this.run(args);
    expect(r.stderr, args.join(' ')).toBe('');
    expect(r.code, args.join(' ')).toBe(0);
    return r;
  }
}
