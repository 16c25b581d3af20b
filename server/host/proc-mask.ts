/**
 * bubblewrap options to follow `--proc /proc`, for every sandbox Batten starts. Pure.
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

export const PROC_HARDENING: readonly string[] = READ_ONLY.flatMap((p) => ['--ro-bind-try', p, p]);
