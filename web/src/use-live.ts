import { useEffect } from 'react';
import type { ClientToServerEvents, ServerToClientEvents } from '../../server/protocol/socket.ts';
import { getSocket } from './socket.ts';

/**
 * Follows something the server pushes: sends `watch` (and again after every reconnect) and
 * hands each `update` payload to `onUpdate` until the component unmounts.
 */
export function useLive<W extends keyof ClientToServerEvents, U extends keyof ServerToClientEvents>(
  watch: W,
  payload: Parameters<ClientToServerEvents[W]>[0],
  update: U,
  onUpdate: (p: Parameters<ServerToClientEvents[U]>[0]) => void,
  key: unknown,
): void {
  useEffect(() => {
    const socket = getSocket();
    const send = (): void => void (socket.emit as (e: W, p: typeof payload) => void)(watch, payload);
    const handler = onUpdate as never;
    socket.on('connect', send);
    socket.on(update, handler);
    if (socket.connected) send();
    return () => {
      socket.off('connect', send);
      socket.off(update, handler);
    };
    // the payload and handler are rebuilt each render; `key` says when they really change
  }, [watch, update, key]);
}
