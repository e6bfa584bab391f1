/**
 * The seam for templates that live elsewhere: a TemplateSource turns a spec (`github:o/r/dir#ref`,
 * a git URL, …) into a local folder. Remote sources register themselves here
 * (src/templates/sources/, another module); a local folder path needs no source.
 */
import { UserError } from '../../errors.js';

export interface TemplateSourceOptions {
  /** Use only caches, never the network. */
  offline?: boolean;
  /** Folder that relative paths are resolved against. */
  cwd: string;
  /** Inactivity timeout of the network steps, in seconds (src/net; default 60). */
  timeoutSeconds?: number;
}

export interface TemplateSource {
  /** Short name for messages, e.g. `degit`, `git`. */
  name: string;
  matches(spec: string): boolean;
  /** A local folder holding the template (a cache copy for remote sources). */
  resolve(spec: string, options: TemplateSourceOptions): Promise<string>;
}

const sources: TemplateSource[] = [];

export function registerTemplateSource(source: TemplateSource): void {
  sources.push(source);
}

/** Specs that are remote rather than a registry id or a folder path: `scheme:…` (not a drive letter) or scp-style `user@host:path`. */
export function isRemoteSpec(spec: string): boolean {
  return (/^[a-z][a-z0-9+.-]*:/i.test(spec) && !/^[a-z]:[\\/]/i.test(spec)) || /^[^\s/@]+@[^\s/:]+:/.test(spec);
}

export async function fetchRemoteTemplate(spec: string, options: TemplateSourceOptions): Promise<string> {
  const source = sources.find((s) => s.matches(spec));
  if (!source) {
    throw new UserError(`no template source can fetch '${spec}'`, { code: 'E_SOURCE', hint: 'Use a registry id (create-golem-app templates list) or a local template folder.' });
  }
  return source.resolve(spec, options);
}
