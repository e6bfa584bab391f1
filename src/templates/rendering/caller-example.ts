/**
 * The example a caller template writes, computed from the target's client model so the `.hbs`
 * files stay simple (the calls chosen in example-plan.ts, written by example-ts.ts and
 * example-rust.ts), and the two lines that show how to reach a client from code.
 */
import type { ClientModel, ClientResource } from './client-model.js';
import { planExample, TypeQueries } from './example-plan.js';
import { RustValues, rustExample } from './example-rust.js';
import { TsValues, tsExample } from './example-ts.js';
import { oneLine } from './rust-layout.js';

export interface LanguageExample {
  /** `import` (TS) or `use` (Rust) lines, in the order the language's formatter keeps them. */
  imports: string;
  /** The statements of the example function, without indentation ('' lines stay blank); the last one gives its text. */
  body: string;
  /** Functions the body uses, for the top level of the file ('' when none). */
  helpers: string;
}

export interface CallerExample {
  /** The first client resource the example constructs. */
  resource?: ClientResource;
  ephemeral: boolean;
  ts: LanguageExample;
  rust: LanguageExample;
}

export function callerExample(client: ClientModel): CallerExample {
  const plan = planExample(client);
  const ts = tsExample(plan);
  const rust = rustExample(plan);
  const text = (lines: string[]) => lines.join('\n');
  return {
    ...(plan.clients[0] ? { resource: plan.clients[0].resource } : {}),
    ephemeral: client.ephemeral,
    ts: { imports: text(ts.imports), body: text(ts.body), helpers: text(ts.helpers) },
    rust: { imports: text(rust.uses), body: text(rust.body), helpers: text(rust.helpers) },
  };
}

export type CallerLanguage = 'ts' | 'rust';

/** How code reaches the client: its import (or `use`) line and a one-line construction of it. */
export function clientUsage(client: ClientModel, language: CallerLanguage): { importLine: string; construct: string } | undefined {
  const resource = client.resources.find((r) => r.functions.length > 0) ?? client.resources[0];
  if (!resource) return undefined;
  const types = new TypeQueries(client);
  if (language === 'ts') {
    const values = new TsValues(types, client.ephemeral);
    const construct = `const ${resource.camel} = ${values.construct(resource, '"worker-1"')};`;
    return { importLine: values.importLine(client.tsModule), construct };
  }
  const values = new RustValues(types, client.ephemeral, client.rustModule);
  const construct = `let ${resource.snake} = ${oneLine(values.construct(resource, '"worker-1"'))};`;
  return { importLine: values.useLines().join('\n'), construct };
}
