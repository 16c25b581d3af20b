import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/**
 * bubblewrap options to follow `--proc /proc`, for every sandbox Batten starts.
 *
 * The sandboxes run as uid 0 of a user namespace that maps to the host's uid 0, and the
 * kernel lets uid 0 write most of /proc/sys without any capability: a learner could set
 * kernel.core_pattern (a command the host kernel runs as root) or write
 * /proc/sysrq-trigger. As in the container runtimes' default profile, the kernel's global
 * settings are shown read-only (each path is bound over itself; `-try` skips those this
 * kernel does not have). /proc/mtrr (the CPU's memory-type ranges, root-writable on x86
 * machines that have it) is one file the runtimes' list lacks: the kernel would also ask
 * for CAP_SYS_ADMIN, but nothing of the host's is left writable on trust.
 */
const READ_ONLY = ['/proc/sys', '/proc/sysrq-trigger', '/proc/fs', '/proc/bus', '/proc/irq', '/proc/acpi', '/proc/scsi', '/proc/pressure', '/proc/driver', '/proc/mtrr'];

/** Host-wide kernel state that only root may read (0400), which uid 0 inside therefore can:
 * the host's timers, keyrings, slab and vmalloc tables. As in the runtimes' default
 * profile, they read as empty: an empty file of ours is bound read-only over each one this
 * kernel has (not /dev/null: binds are nodev, and it would be writable). */
export const MASKED = ['/proc/timer_list', '/proc/timer_stats', '/proc/sched_debug', '/proc/latency_stats', '/proc/keys', '/proc/key-users', '/proc/slabinfo', '/proc/vmallocinfo', '/proc/kcore'];

/** The options, given which of MASKED this host has (a bind needs its target to exist) and
 * an empty file. */
function procHardening(hostHas: (path: string) => boolean, emptyFile: string): string[] {
  return [...READ_ONLY.flatMap((p) => ['--ro-bind-try', p, p]), ...MASKED.filter(hostHas).flatMap((p) => ['--ro-bind', emptyFile, p])];
}

/** This host's options (the kernel's /proc does not change while the server runs). */
export const PROC_HARDENING: readonly string[] = procHardening(existsSync, fileURLToPath(new URL('./empty', import.meta.url)));
