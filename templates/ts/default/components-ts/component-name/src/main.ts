import type * as World from "pack:name/component-name";

// Shared code of the app's TypeScript components:
// import { exampleCommonFunction } from "common/lib";

// Golem keeps this state durable across invocations and restarts of the worker.
let total = BigInt(0);

export const componentNameApi: typeof World.componentNameApi = {
  async add(value: bigint) {
    console.log(`Adding ${value} to the counter`);
    total += value;
  },
  async get() {
    return total;
  },
};
