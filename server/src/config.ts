/** Configuration from the environment, with defaults for a laptop. */
import { resolve } from 'node:path';

export interface Config {
  port: number;
  host: string | undefined;
  dataDir: string;
  /** Base URL for the links handed out, e.g. https://mock.example.org; else the request's host. */
  publicUrl: string | undefined;
}

export function readConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const port = Number(env.PORT ?? 3000);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`PORT must be a port number, got "${env.PORT}"`);
  }
  return {
    port,
    host: env.HOST || undefined,
    dataDir: resolve(env.DATA_DIR ?? './data'),
    publicUrl: env.PUBLIC_URL?.replace(/\/+$/, '') || undefined,
  };
}
