import { tempDir } from './clusters.ts';
import type { Cluster } from '../../server/clusters/provider.ts';
import { TerminalSession } from '../../server/terminal/terminal-session.ts';

/** A real terminal on a cluster, as a learner gets it. */
export async function openTerminal(cluster: Cluster, o: { idleMs?: number; pids?: number; memoryMB?: number; fileMB?: number; onExit?: (why: string) => void } = {}): Promise<TerminalSession> {
  const t = new TerminalSession({
    cluster,
    dir: tempDir('batten-term-'),
    limits: { pids: o.pids ?? 256, memoryBytes: (o.memoryMB ?? 512) * 2 ** 20, openFiles: 1024, fileBytes: (o.fileMB ?? 64) * 2 ** 20 },
    idleMs: o.idleMs ?? 600_000,
    onExit: o.onExit,
  });
  await t.start();
  return t;
}

const ANSI = /\x1b\[[0-9;?]*[a-zA-Z]|\x1b\][^\x07]*\x07|\r/g;

/** Types a command into the terminal and waits for it to finish: its output and exit code.
 * The marker is computed by the shell, so the echo of the typed line never matches. */
export function run(t: TerminalSession, command: string, timeoutMs = 30_000): Promise<{ output: string; code: number }> {
  return new Promise((resolve, reject) => {
    let text = '';
    const timer = setTimeout(() => {
      detach();
      reject(new Error(`"${command}" did not finish in ${timeoutMs} ms; output so far:\n${text.replace(ANSI, '')}`));
    }, timeoutMs);
    const { detach } = t.attach((d) => {
      text += d;
      t.ack(d.length);
      const clean = text.replace(ANSI, '');
      const m = /__DONE_42_(\d+)__/.exec(clean);
      if (m) {
        clearTimeout(timer);
        detach();
        // the output is what follows the shell's echo of the typed line (which may arrive
        // after the previous command's last bytes), up to the marker's own line
        const lines = clean.slice(0, m.index).split('\n');
        const echo = lines.findLastIndex((l) => l.includes('__DONE_$((40+2))'));
        resolve({ output: lines.slice(echo + 1, -1).join('\n').trim(), code: Number(m[1]) });
      }
    });
    t.write(`${command}; echo "__DONE_$((40+2))_$?__"\n`);
  });
}
