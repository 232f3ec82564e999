/**
 * A TCP load balancer in front of several server nodes, as a test needs one: each new
 * connection goes to the first node, in the order given, that accepts it. With no sticky
 * sessions, a client whose node dies reconnects through it to the next one.
 */
import { createConnection, createServer, type AddressInfo, type Socket } from 'node:net';

export interface Balancer {
  url: string;
  close(): Promise<void>;
}

export async function startBalancer(ports: readonly number[]): Promise<Balancer> {
  const open = new Set<Socket>();
  const server = createServer((client) => {
    open.add(client);
    client.on('close', () => open.delete(client));
    client.on('error', () => client.destroy());
    client.pause();
    const tryNode = (index: number) => {
      if (index >= ports.length) return client.destroy();
      const node = createConnection({ host: '127.0.0.1', port: ports[index]! });
      node.once('error', () => tryNode(index + 1));
      node.once('connect', () => {
        open.add(node);
        node.removeAllListeners('error');
        node.on('error', () => client.destroy());
        node.on('close', () => {
          open.delete(node);
          client.destroy();
        });
        client.on('close', () => node.destroy());
        client.pipe(node);
        node.pipe(client);
        client.resume();
      });
    };
    tryNode(0);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of open) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
