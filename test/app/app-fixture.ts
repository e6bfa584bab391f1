/** Hand-built Golem 1.2.5 TS apps on disk (the layout `golem app new` + `golem component new ts` writes). */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { tempDir } from '../helpers/cli.js';

export const HEADER = `# Schema for IDEA:
# $schema: https://schema.golem.cloud/app/golem/1.2.5/golem.schema.json
# Schema for vscode-yaml
# yaml-language-server: $schema=https://schema.golem.cloud/app/golem/1.2.5/golem.schema.json

# See https://learn.golem.cloud/docs/app-manifest#field-reference for field reference
# For creating APIs see https://learn.golem.cloud/invoke/making-custom-apis
`;

export const ROOT_YAML = `${HEADER}
includes:
- common-*/golem.yaml
- components-*/*/golem.yaml

witDeps:
- wit/deps
`;

export const COMMON_TS_YAML = `${HEADER}
templates:
  ts:
    build:
    - command: npx rollup -c
      sources:
      - src
      targets:
      - dist/main.js
    - command: npx jco componentize -w wit-generated -o dist/{{ component_name | to_snake_case }}.wasm dist/main.js
      sources:
      - dist/main.js
      targets:
      - dist/{{ component_name | to_snake_case }}.wasm
    sourceWit: wit
    generatedWit: wit-generated
    componentWasm: dist/{{ component_name | to_snake_case }}.wasm
    linkedWasm: ../../golem-temp/components/{{ component_name | to_snake_case }}.wasm
    clean:
    - dist
customCommands:
  ts-npm-install:
  - command: npm install
`;

export function componentYaml(name: string): string {
  return `${HEADER}
components:
  ${name}:
    template: ts

# Example for adding dependencies for Worker to Worker communication:
# See https://learn.golem.cloud/docs/app-manifest#fields_dependencies for more information
#
#dependencies:
#  ${name}:
#  - target: <target component name to be called>
#    type: wasm-rpc
`;
}

export const kebab = (name: string) => name.replace(/:/g, '-');

export function writeFiles(root: string, files: Record<string, string>): string {
  for (const [rel, text] of Object.entries(files)) {
    const full = join(root, rel);
    mkdirSync(dirname(full), { recursive: true });
    writeFileSync(full, text);
  }
  return root;
}

/** A TS app with the given components (default: provider + caller) in a new temp folder. */
export function makeTsApp(components = ['example:provider', 'example:caller'], root = tempDir('cga-app-')): string {
  const files: Record<string, string> = { 'golem.yaml': ROOT_YAML, 'common-ts/golem.yaml': COMMON_TS_YAML };
  for (const c of components) {
    files[`components-ts/${kebab(c)}/golem.yaml`] = componentYaml(c);
    files[`components-ts/${kebab(c)}/wit/main.wit`] =
      `package ${c};\n\ninterface ${kebab(c)}-api {\n  add: func(value: u64);\n  get: func() -> u64;\n}\n\nworld ${kebab(c)} {\n  export ${kebab(c)}-api;\n}\n`;
  }
  return writeFiles(root, files);
}

/** Lines with their line endings, so CRLF is compared too. */
export const linesOf = (text: string) => text.split(/(?<=\n)/);

/** The one contiguous change between two texts, by whole lines (an oracle independent of the editor). */
export function lineDiff(before: string, after: string): { line: number; removed: string[]; added: string[] } {
  const a = linesOf(before);
  const b = linesOf(after);
  let head = 0;
  while (head < a.length && head < b.length && a[head] === b[head]) head++;
  let tail = 0;
  while (tail < a.length - head && tail < b.length - head && a[a.length - 1 - tail] === b[b.length - 1 - tail]) tail++;
  return { line: head + 1, removed: a.slice(head, a.length - tail), added: b.slice(head, b.length - tail) };
}
