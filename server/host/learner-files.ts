import { closeSync, constants, fstatSync, openSync } from 'node:fs';
import { lstat, open, readlink, type FileHandle } from 'node:fs/promises';
import path from 'node:path';

/**
 * The one way the platform (root, in the host's mount namespace) touches a file on the
 * learner's side of a node: the directories a learner's shell can write, such as the
 * node's /etc/kubernetes. Every such read goes through here, so the rules cannot drift:
 *
 * - no symlink is followed, neither the file itself (O_NOFOLLOW) nor any directory on the
 *   way from the trusted root (each is lstat'ed, and the opened file's real path is
 *   checked against the expected one afterwards, which also closes the race);
 * - opening never blocks (O_NONBLOCK: a FIFO opens at once and is then refused);
 * - only a regular file is read, and only up to `maxBytes` (checked with fstat after open).
 *
 * The platform writes nothing there after a cluster starts: what it tells the learner goes
 * to logs in the cluster's private directory, shown read-only, through `escapeControl`.
 */

export type LearnerRead = { ok: true; text: string } | { ok: false; missing: boolean; reason: string };

const READ_FLAGS = constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK;

/** Reads `rel` under `root` (a directory the platform made and the learner cannot replace). */
export async function readLearnerFile(root: string, rel: string, maxBytes: number): Promise<LearnerRead> {
  const target = path.resolve(root, rel);
  if (!target.startsWith(path.resolve(root) + path.sep)) return refuse(`${rel} is outside ${root}`);
  const problem = await checkDirectories(path.resolve(root), path.dirname(target));
  if (problem) return problem;
  let fh: FileHandle;
  try {
    fh = await open(target, READ_FLAGS);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return { ok: false, missing: true, reason: `${rel} does not exist` };
    if (code === 'ELOOP' || code === 'EMLINK') return refuse(`${rel} is a symbolic link; the node reads only regular files`);
    return refuse(`${rel} cannot be opened (${code ?? 'error'})`);
  }
  try {
    const real = await readlink(`/proc/self/fd/${fh.fd}`).catch(() => '');
    if (real !== target) return refuse(`${rel} is not where it should be (a directory on its path was replaced)`);
    const st = await fh.stat();
    if (!st.isFile()) return refuse(`${rel} is not a regular file`);
    if (st.size > maxBytes) return refuse(`${rel} is ${st.size} bytes; the node reads at most ${maxBytes}`);
    const buf = Buffer.alloc(maxBytes + 1);
    let n = 0;
    for (;;) {
      const { bytesRead } = await fh.read(buf, n, buf.length - n, n);
      if (bytesRead === 0) break;
      n += bytesRead;
      if (n > maxBytes) return refuse(`${rel} grew past ${maxBytes} bytes while being read`);
    }
    return { ok: true, text: buf.subarray(0, n).toString('utf8') };
  } finally {
    await fh.close();
  }
}

function refuse(reason: string): LearnerRead {
  return { ok: false, missing: false, reason };
}

/** Every directory from `root` (exclusive) down to `dir` must be a real directory. */
async function checkDirectories(root: string, dir: string): Promise<LearnerRead | undefined> {
  const parts = path.relative(root, dir).split(path.sep).filter(Boolean);
  let at = root;
  for (const part of parts) {
    at = path.join(at, part);
    const st = await lstat(at).catch(() => undefined);
    if (!st) return { ok: false, missing: true, reason: `${path.relative(root, at)} does not exist` };
    if (!st.isDirectory()) return refuse(`${path.relative(root, at)} is not a directory`);
  }
  return undefined;
}

/**
 * Makes text safe to show in a learner's terminal or log: control characters (newlines,
 * escape sequences, carriage returns, bidi overrides) become visible escapes, so quoted
 * learner input can never forge a line or drive the terminal.
 */
export function escapeControl(text: string): string {
  return text.replace(/[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, (c) => {
    const named: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };
    return named[c] ?? `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;
  });
}

/** Opens a log of the platform's own (in a directory the learner cannot write) for
 * appending, refusing a symlink or anything but a regular file. Returns the fd; throws
 * an Error naming the file otherwise. */
export function openOwnLogSync(file: string): number {
  const fd = openSync(file, constants.O_WRONLY | constants.O_APPEND | constants.O_CREAT | constants.O_NOFOLLOW | constants.O_NONBLOCK, 0o644);
  if (!fstatSync(fd).isFile()) {
    closeSync(fd);
    throw new Error(`${file} is not a regular file`);
  }
  return fd;
}
