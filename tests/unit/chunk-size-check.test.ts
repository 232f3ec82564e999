/** Which chunks the build lets past 500 kB: only one module of a library, which no bundler can split. */
import { describe, expect, it } from 'vitest';
import { isSingleLibraryModule } from '../../client/scripts/chunk-size-check';

describe('chunks allowed past the size warning', () => {
  it('allows a chunk that is one module of a library, and nothing else', () => {
    const core = '/app/node_modules/@excalidraw/excalidraw/dist/prod/chunk-EIO257PC.js';
    expect(isSingleLibraryModule([core])).toBe(true);
    expect(isSingleLibraryModule(['C:\\app\\node_modules\\mermaid\\dist\\parser.mjs'])).toBe(true);
    expect(isSingleLibraryModule([core, '/app/node_modules/pako/dist/pako.esm.mjs'])).toBe(false);
    expect(isSingleLibraryModule(['/app/client/src/features/workspace-code/code-editor.tsx'])).toBe(
      false,
    );
    expect(isSingleLibraryModule([])).toBe(false);
  });
});
