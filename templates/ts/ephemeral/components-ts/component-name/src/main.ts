import type * as World from "pack:name/component-name";

// Shared code of the app's TypeScript components:
// import { exampleCommonFunction } from "common/lib";

// An ephemeral component gets a fresh instance for every invocation: this state starts at zero each time.
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
