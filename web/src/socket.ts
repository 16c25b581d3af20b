import { io, type Socket } from 'socket.io-client';
import type { ClientToServerEvents, ServerToClientEvents } from '../../server/protocol/socket.ts';

export type BattenSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

let socket: BattenSocket | undefined;

/**
 * The one socket.io connection, opened on first use (after sign-in: the server
 * authenticates it with the session cookie when it connects). It reconnects by itself;
 * listeners of `connect` re-send their attach/watch messages.
 */
export function getSocket(): BattenSocket {
  if (!socket) {
    socket = io({ withCredentials: true });
    socket.on('error', (p) => console.warn(`socket error on ${p.event}: ${p.error}`));
  }
  return socket;
}

/** Closes the connection (on sign-out), so the next one authenticates as the next user. */
export function closeSocket(): void {
  socket?.disconnect();
  socket = undefined;
}
