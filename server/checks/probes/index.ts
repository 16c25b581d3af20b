import type { z } from 'zod';
import type { ProbeKind } from '../probe.ts';
import { adminPowers } from './admin-powers.ts';
import { admission } from './admission.ts';
import { auditLog } from './audit-log.ts';
import { canI } from './can-i.ts';
import { cel } from './cel.ts';
import { etcd } from './etcd.ts';
import { exec } from './exec.ts';
import { reach } from './reach.ts';
import { ready } from './ready.ts';
import { request } from './request.ts';

/** Every probe kind, by the key exercise.yaml names it with. Add a probe: one file in this
 * folder exporting a ProbeKind, and one line here. */
export const PROBES: Readonly<Record<string, ProbeKind<never>>> = {
  canI,
  admission,
  cel,
  request,
  etcd,
  ready,
  reach,
  exec,
  auditLog,
  adminPowers,
} as unknown as Record<string, ProbeKind<never>>;

/** The spec schema of each kind, for the exercise loader and the published JSON Schema. */
export const PROBE_SPECS: Record<string, z.ZodType> = Object.fromEntries(Object.entries(PROBES).map(([k, p]) => [k, p.schema]));
