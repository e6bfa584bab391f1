/**
 * What `golem app build` needs installed for each language: the tools its common template's build
 * commands run (`common-<lang>/golem.yaml` of golem-cli 1.2.5's templates, and ours for TS and
 * Rust). Shown in the next steps after creating an app.
 */

/** TS and JavaScript are absent: their tools (jco, rollup, tsc) come with the package install, itself a next step. */
const BUILD_TOOLS: Record<string, string> = {
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
