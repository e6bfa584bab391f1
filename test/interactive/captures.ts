/**
 * The screen captures under docs/ are the transcripts of the interactive tests: run them with
 * UPDATE_CAPTURES=1 to rewrite docs/interactive-<flow>.txt. Without it nothing is written.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from '../helpers/cli.js';

export function saveCapture(flow: string, command: string, transcript: string): void {
  if (!process.env.UPDATE_CAPTURES) return;
  writeFileSync(join(ROOT, 'docs', `interactive-${flow}.txt`), `$ ${command}\n${transcript}`);
}
