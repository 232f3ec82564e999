/** Exhaustiveness check for tagged unions: a missed case is a type error. */
export function assertNever(value: never): never {
  throw new Error(`unexpected value: ${JSON.stringify(value)}`);
}
