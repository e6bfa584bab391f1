// Code shared by the TypeScript components of this app.
// Import it in a component with: import { exampleCommonFunction } from "common/lib";
export function exampleCommonFunction(): string {
  return "hello from common-ts";
}
