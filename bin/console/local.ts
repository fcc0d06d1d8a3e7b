/**
 * The console beside `npm start`: reads the endpoints the local cloud wrote, serves the console and
 * records its URL as `console` in `<state>/endpoints.json`, where tools find it.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { createClients } from '../ops/aws/clients';
import { readLocalEndpoints } from '../cli/target/local-target';
import { startConsole, type ConsoleServer } from './server';

export interface LocalConsole extends ConsoleServer {
  close(): Promise<string[]>;
}

export async function startLocalConsole(options: {
  readonly stateDir: string;
  readonly endpointsFile: string;
  readonly port: number;
  readonly env?: Readonly<Record<string, string | undefined>>;
}): Promise<LocalConsole> {
  const endpoints = await readLocalEndpoints(options.stateDir, process.cwd());
  const clients = createClients(endpoints);
  const server = await startConsole({ target: { endpoints, clients }, port: options.port, env: options.env });
  const doc = JSON.parse(readFileSync(options.endpointsFile, 'utf8')) as Record<string, unknown>;
  writeFileSync(options.endpointsFile, `${JSON.stringify({ ...doc, console: server.url }, null, 2)}\n`);
  return {
    ...server,
    async close() {
      const problems = await server.close();
      clients.destroy();
      return problems;
    },
  };
}
