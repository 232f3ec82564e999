// @ts-check
/**
 * The server as JavaScript, `server/dist/index.js`, so `npm start` runs it with plain Node
 * instead of compiling TypeScript at every start. Only the project's own code is bundled
 * (the server, `@mockloop/shared`, `@mockloop/rounds`); every npm package stays an import
 * resolved from node_modules at run time, native ones (better-sqlite3) included. What the
 * entry point imports lazily (the PostgreSQL store, the Redis link) is a chunk of its own
 * beside it, so a start that needs neither does not load their packages.
 */
import { rmSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { relative } from 'node:path';
import { build } from 'esbuild';

/** The project's workspace packages: TypeScript sources, bundled. */
const WORKSPACE_SCOPE = '@mockloop/';

/**
 * Whether an import stays external: any package but the project's own workspaces.
 * @param {string} specifier
 */
export function isExternalPackage(specifier) {
  return /^[^./]/.test(specifier) && !specifier.startsWith(WORKSPACE_SCOPE);
}

/** @type {import('esbuild').Plugin} */
const npmPackagesExternal = {
  name: 'npm-packages-external',
  setup(build) {
    build.onResolve({ filter: /^[^./]/ }, (args) =>
      isExternalPackage(args.path) ? { path: args.path, external: true } : undefined,
    );
  },
};

/**
 * A module's `import.meta.url` rewritten as the URL of its source file, reached from the
 * URL of the output file it lands in: paths a module finds relative to itself (the client
 * build, the shipped content, packages it resolves) stay what they are when run from source.
 * @param {string} source the module's text
 * @param {string} sourceFile its absolute path
 * @param {string} outDir the absolute path of the folder every output file is written to
 */
export function withSourceUrl(source, sourceFile, outDir) {
  const path = relative(outDir, sourceFile).split('\\').join('/');
  return source.replaceAll(
    'import.meta.url',
    `new URL(${JSON.stringify(path)}, import.meta.url).href`,
  );
}

/**
 * @param {string} outDir
 * @returns {import('esbuild').Plugin}
 */
function sourceUrls(outDir) {
  return {
    name: 'source-urls',
    setup(build) {
      build.onLoad({ filter: /\.ts$/ }, async (args) => {
        const source = await readFile(args.path, 'utf8');
        if (!source.includes('import.meta.url')) return undefined;
        return { contents: withSourceUrl(source, args.path, outDir), loader: 'ts' };
      });
    },
  };
}

/**
 * Bundles `entry` into `<outDir>/index.js`, chunks beside it (one folder, so every output
 * file's `import.meta.url` has the same base), with source maps so stack traces name the
 * TypeScript lines. The folder is emptied first: no chunk of an older build is left.
 * @param {{ entry: string, outDir: string, tsconfig: string }} paths absolute
 */
export async function bundleServer({ entry, outDir, tsconfig }) {
  rmSync(outDir, { recursive: true, force: true });
  await build({
    entryPoints: { index: entry },
    outdir: outDir,
    chunkNames: '[name]-[hash]',
    splitting: true,
    tsconfig,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    sourcemap: true,
    logLevel: 'warning',
    plugins: [npmPackagesExternal, sourceUrls(outDir)],
  });
}
