// @ts-check
/**
 * The server as one JavaScript file, `server/dist/index.js`, so `npm start` runs it with
 * plain Node instead of compiling TypeScript at every start. Only the project's own code is
 * bundled (the server, `@mockloop/shared`, `@mockloop/rounds`); every npm package stays an
 * import resolved from node_modules at run time, native ones (better-sqlite3) included.
 */
import { readFile } from 'node:fs/promises';
import { dirname, relative } from 'node:path';
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
 * bundle's own URL: paths a module finds relative to itself (the client build, the shipped
 * content, packages it resolves) stay what they are when run from source.
 * @param {string} source the module's text
 * @param {string} sourceFile its absolute path
 * @param {string} outFile the bundle's absolute path
 */
export function withSourceUrl(source, sourceFile, outFile) {
  const path = relative(dirname(outFile), sourceFile).split('\\').join('/');
  return source.replaceAll(
    'import.meta.url',
    `new URL(${JSON.stringify(path)}, import.meta.url).href`,
  );
}

/**
 * @param {string} outFile
 * @returns {import('esbuild').Plugin}
 */
function sourceUrls(outFile) {
  return {
    name: 'source-urls',
    setup(build) {
      build.onLoad({ filter: /\.ts$/ }, async (args) => {
        const source = await readFile(args.path, 'utf8');
        if (!source.includes('import.meta.url')) return undefined;
        return { contents: withSourceUrl(source, args.path, outFile), loader: 'ts' };
      });
    },
  };
}

/**
 * Bundles `server/src/index.ts` into `outFile`, with a source map so stack traces name the
 * TypeScript lines.
 * @param {{ entry: string, outFile: string, tsconfig: string }} paths absolute
 */
export async function bundleServer({ entry, outFile, tsconfig }) {
  await build({
    entryPoints: [entry],
    outfile: outFile,
    tsconfig,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    sourcemap: true,
    logLevel: 'warning',
    plugins: [npmPackagesExternal, sourceUrls(outFile)],
  });
}
