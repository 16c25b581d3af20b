import type { Socket } from 'socket.io-client';
import type { ClientToServerEvents, ServerToClientEvents } from '../../server/protocol/socket.ts';
import type { ApiUser } from './api-client.ts';
import { next } from './api-client.ts';

const ANSI = /\x1b\[[0-9;?]*[a-zA-Z]|\x1b\][^\x07]*\x07|\r/g;

/** A learner's terminal as the browser drives it: a socket attached to the session's
 * shell, keystrokes in, output out. */
export class SocketTerminal {
  private constructor(
    readonly socket: Socket<ServerToClientEvents, ClientToServerEvents>,
    readonly sessionId: string,
  ) {}

  static async open(user: ApiUser, sessionId: string): Promise<SocketTerminal> {
    const socket = user.socket();
    await next(socket, 'connect' as never);
    const replay = next(socket, 'terminal:replay');
    socket.emit('terminal:attach', { sessionId, cols: 200, rows: 50 });
    await replay;
    const t = new SocketTerminal(socket, sessionId);
    socket.on('terminal:data', (p) => socket.emit('terminal:ack', { sessionId, chars: p.data.length }));
    return t;
  }

  /** Types a command and waits for it to finish: its output (without the typed line) and
   * exit code. The end marker is computed by the shell, so its echo never matches. */
  run(command: string, timeoutMs = 30_000): Promise<{ output: string; code: number }> {
    return new Promise((resolve, reject) => {
      let text = '';
      const onData = (p: { sessionId: string; data: string }) => {
        text += p.data;
        const clean = text.replace(ANSI, '');
        const m = /__END_7_(\d+)__/.exec(clean);
        if (!m) return;
        clearTimeout(timer);
        this.socket.off('terminal:data', onData);
        const lines = clean.slice(0, m.index).split('\n');
        const echo = lines.findLastIndex((l) => l.includes('__END_$((3+4))'));
        resolve({ output: lines.slice(echo + 1, -1).join('\n').trim(), code: Number(m[1]) });
      };
      const timer = setTimeout(() => {
        this.socket.off('terminal:data', onData);
        reject(new Error(`"${command}" did not finish in ${timeoutMs} ms; output so far:\n${text.replace(ANSI, '')}`));
      }, timeoutMs);
      this.socket.on('terminal:data', onData);
      this.socket.emit('terminal:input', { sessionId: this.sessionId, data: `${command}; echo "__END_$((3+4))_$?__"\n` });
    });
  }

  close(): void {
    this.socket.disconnect();
  }
}
