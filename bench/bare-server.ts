/**
 * The baseline of `npm run bench:limits`: a bare Socket.IO server configured like
 * mockloop's (same payload cap, same connection timeout) with a health route. It refuses
 * every connection in its middleware, as mockloop refuses one past a cap, or with
 * `BARE_ADMIT=1` admits every one into one room and sends it a small welcome. What it
 * costs is what any Socket.IO server costs for the same crowd. Prints its port.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Server } from 'socket.io';

const admit = process.env.BARE_ADMIT === '1';
const httpServer = createServer((req, res) => {
  if (req.url === '/api/health') {
    res.setHeader('Content-Type', 'application/json');
    res.end(JSON.stringify({ status: 'ok' }));
  } else {
    res.statusCode = 404;
    res.end();
  }
});
const io = new Server(httpServer, {
  maxHttpBufferSize: 64 * 1024,
  serveClient: false,
  connectTimeout: 10_000,
});
io.use((_socket, next) =>
  admit ? next() : next(new Error('limit-reached: every connection is refused here')),
);
io.on('connection', (socket) => {
  void socket.join('crowd');
  socket.emit('welcome', { version: 1 });
});
httpServer.listen(0, '127.0.0.1', () => {
  const { port } = httpServer.address() as AddressInfo;
  process.stdout.write(`{"message":"listening","port":${port}}\n`);
});
