/** Whiteboard elements for tests: a plain rectangle at a place that moves with its version. */
export const rectangle = (id: string, version: number, isDeleted = false) => ({
  id,
  type: 'rectangle',
  version,
  versionNonce: 1,
  isDeleted,
  x: version * 20,
  y: 0,
  width: 80,
  height: 40,
});
