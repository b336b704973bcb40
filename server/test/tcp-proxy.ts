// A TCP proxy on 127.0.0.1 in front of a real server (PostgreSQL here), to make it go away
// and come back as a network or a restart would: `down()` cuts every connection and refuses
// new ones, `up()` lets them through again.
import {connect, createServer} from 'node:net';
import type {AddressInfo, Socket} from 'node:net';

export interface TcpProxy {
  port: number;
  down(): void;
  up(): void;
  close(): Promise<void>;
}

export async function tcpProxy(host: string, port: number): Promise<TcpProxy> {
  const open = new Set<Socket>();
  let refusing = false;
  const server = createServer((socket) => {
    if (refusing) {
      socket.destroy();
      return;
    }
    const upstream = connect(port, host);
    for (const s of [socket, upstream]) {
      open.add(s);
      s.on('close', () => open.delete(s)).on('error', () => {});
    }
    socket.on('close', () => upstream.destroy());
    upstream.on('close', () => socket.destroy());
    socket.pipe(upstream).pipe(socket);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    down() {
      refusing = true;
      for (const s of open) s.destroy();
    },
    up() {
      refusing = false;
    },
    close() {
      for (const s of open) s.destroy();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}
