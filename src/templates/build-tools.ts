/**
 * What an app needs on the machine: the Golem CLI it is made for, and for each language the tools
 * `golem app build` runs (the build commands of `common-<lang>/golem.yaml` in golem-cli 1.2.5's
 * templates, and of ours for TS and Rust). Shown in the next steps after creating an app or
 * adding a component.
 */

/** The Golem CLI release whose templates, layouts and formats the apps follow. */
export const GOLEM_CLI_VERSION = '1.2.5';

/** TypeScript and JavaScript need only Node.js: jco, componentize-js and rollup come with the package install, itself a next step. */
const BUILD_TOOLS: Record<string, string> = {
  ts: 'Node.js 20 or later (jco, rollup and tsc come with the install)',
  js: 'Node.js 20 or later (jco and rollup come with the install)',
  rust: 'cargo-component (cargo install cargo-component) and the wasm32-wasip1 target (rustup target add wasm32-wasip1)',
  go: 'Go 1.24+ (go tool wit-bindgen-go) and TinyGo (tinygo build -target=wasip2)',
  python: 'uv (uv run componentize-py, Python 3.12+)',
  moonbit: 'moon, wit-bindgen (moonbit generator) and wasm-tools',
  scalajs: 'sbt (sbt wasmComponent)',
};

/** `Rust builds need cargo-component …` for a language whose build needs tools of its own, else undefined. */
export function buildToolsLine(language: string, languageName: string): string | undefined {
  const tools = BUILD_TOOLS[language];
  return tools === undefined ? undefined : `${languageName} builds need ${tools}.`;
}
