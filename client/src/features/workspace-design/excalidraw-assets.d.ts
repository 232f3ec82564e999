/**
 * Provided by the `mockloop:excalidraw-assets` plugin in client/vite.config.ts: sets
 * `window.EXCALIDRAW_ASSET_PATH` to the fonts the client ships. Import it before Excalidraw.
 */
declare module 'virtual:excalidraw-assets' {}
