/**
 * Vite's "Some chunks are larger than 500 kB" warning, with one exception: a chunk that is
 * a single module of a library. Such a module comes already bundled and minified by its
 * publisher, so no bundler can split it, and Vite's own limit is one number for every
 * chunk: raising it for those would hide every other chunk too. Today's (vite build):
 *
 * - Excalidraw's core, `@excalidraw/excalidraw/dist/prod/chunk-EIO257PC.js`: 1,821 kB
 *   (744 kB gzip), fetched with the whiteboard;
 * - Mermaid's parser, `@mermaid-js/parser/.../chunk-FOHPRMQF.mjs`: 662 kB (143 kB gzip),
 *   fetched only by Excalidraw's "Mermaid to Excalidraw" dialog.
 *
 * Any other chunk past 500 kB is warned about as Vite would, naming it.
 */
import type { Plugin } from 'vite';

/** Vite's default limit, in its kB (1,000 bytes) of minified code. */
export const CHUNK_WARNING_KB = 500;

/** Whether a chunk of these modules may pass the limit: it is one module of a library. */
export function isSingleLibraryModule(moduleIds: readonly string[]): boolean {
  return moduleIds.length === 1 && /[\\/]node_modules[\\/]/.test(moduleIds[0]!);
}

export function chunkSizeCheck(): Plugin {
  return {
    name: 'mockloop:chunk-size-check',
    apply: 'build',
    // This check replaces Vite's own, which cannot tell these chunks apart.
    config: () => ({ build: { chunkSizeWarningLimit: Number.POSITIVE_INFINITY } }),
    generateBundle(_options, bundle) {
      const large = Object.values(bundle).flatMap((file) =>
        file.type === 'chunk' &&
        file.code.length > CHUNK_WARNING_KB * 1000 &&
        !isSingleLibraryModule(file.moduleIds)
          ? [`${file.fileName} (${Math.round(file.code.length / 1000)} kB)`]
          : [],
      );
      if (large.length > 0)
        this.warn(
          `Some chunks are larger than ${CHUNK_WARNING_KB} kB after minification: ${large.join(', ')}. ` +
            'Split them with a dynamic import() or build.rolldownOptions.output.codeSplitting; ' +
            'only a chunk that is one module of a library may be larger (client/scripts/chunk-size-check.ts).',
        );
    },
  };
}
