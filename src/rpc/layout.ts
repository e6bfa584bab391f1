/** Where generation reads and writes, as golem-cli 1.2.5 lays it out (model/app.rs). */
import { join } from 'node:path';
import { safeDirName } from './naming.js';

/** `golem-temp/generated-base-wit/`: one folder per component. */
export const generatedBaseWitRoot = (tempDir: string): string => join(tempDir, 'generated-base-wit');
/** `golem-temp/generated-base-wit/<ns>_<name>/`: source WIT + deps + extracted exports. */
export const generatedBaseWitDir = (tempDir: string, component: string): string => join(generatedBaseWitRoot(tempDir), safeDirName(component));

/** `golem-temp/client/<ns>_<name>/`: one folder per target with a client. */
export const clientRootDir = (tempDir: string): string => join(tempDir, 'client');
export const clientDir = (tempDir: string, component: string): string => join(clientRootDir(tempDir), safeDirName(component));
/** `golem-temp/client/<ns>_<name>/wit/`: the client package and its deps. */
export const clientWitDir = (tempDir: string, component: string): string => join(clientDir(tempDir, component), 'wit');
