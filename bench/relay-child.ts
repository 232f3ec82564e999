/**
 * The baseline: a bare Socket.IO server, configured like mockloop's (same payload cap, no
 * client bundle), that forwards each `relay` message to the other socket of the room
 * and acks the sender. What it costs is what any Socket.IO server costs.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Server } from 'socket.io';
import { serveParent, WriteTimes } from './child-runtime';
import type { RelayClientToServer, RelayServerToClient } from './relay-protocol';

const httpServer = createServer();
const io = new Server<RelayClientToServer, RelayServerToClient>(httpServer, {
  maxHttpBufferSize: 64 * 1024,
  serveClient: false,
});
let relayed = 0;

io.on('connection', (socket) => {
  const room = (socket.handshake.auth as { room?: unknown }).room;
  if (typeof room !== 'string' || room === '') {
    socket.disconnect(true);
    return;
  }
  void socket.join(room);
  socket.on('relay', (payload, ack) => {
    socket.to(room).emit('relay', payload);
    relayed++;
    if (typeof ack === 'function') ack({ ok: true });
  });
});

httpServer.listen(0, '127.0.0.1', () => {
  const { port } = httpServer.address() as AddressInfo;
  serveParent(port, { writes: () => 0, relayed: () => relayed }, new WriteTimes(), async () => {
    await new Promise<void>((resolve) => io.close(() => resolve()));
  });
});
