import type { ReplayDiffLine } from '../protocol/rest.ts';
import { clip, DIFF_BOUNDS, type DiffBounds, type ObjectDiff } from './object-diff.ts';

/** Above this many cells (changed lines before × after) the middle is shown as removed
 * then added, without looking for common lines: the work stays bounded. */
const MAX_LCS_CELLS = 250_000;

/**
 * A line diff of two texts (a manifest a learner edited): each removed line as
 * {path: 'line N', before}, each added line as {path: 'line N', after}, where N is the line
 * number in the old text for removals and in the new one for additions. Longest common
 * subsequence over the lines that differ, bounded by `bounds` and MAX_LCS_CELLS. Pure.
 */
export function textDiff(before: string, after: string, bounds: DiffBounds = DIFF_BOUNDS): ObjectDiff {
  const a = before === '' ? [] : before.split('\n');
  const b = after === '' ? [] : after.split('\n');
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
    endA--;
    endB--;
  }
  const ops = middleOps(a.slice(start, endA), b.slice(start, endB));
  const lines: ReplayDiffLine[] = [];
  let more = 0;
  let i = start;
  let j = start;
  for (const op of ops) {
    if (op === '=') {
      i++;
      j++;
      continue;
    }
    if (lines.length >= bounds.maxPaths) more++;
    else if (op === '-') lines.push({ path: `line ${i + 1}`, before: clip(a[i]!, bounds.maxValue) });
    else lines.push({ path: `line ${j + 1}`, after: clip(b[j]!, bounds.maxValue) });
    if (op === '-') i++;
    else j++;
  }
  return { lines, more };
}

/** Edit script of two line lists: '=' keep, '-' remove from a, '+' add from b. */
function middleOps(a: string[], b: string[]): ('=' | '-' | '+')[] {
  if (a.length * b.length > MAX_LCS_CELLS) return [...a.map(() => '-' as const), ...b.map(() => '+' as const)];
  // lcs[i][j]: length of the LCS of a[i..] and b[j..]
  const lcs = Array.from({ length: a.length + 1 }, () => new Uint32Array(b.length + 1));
  for (let i = a.length - 1; i >= 0; i--) {
    for (let j = b.length - 1; j >= 0; j--) lcs[i]![j] = a[i] === b[j] ? lcs[i + 1]![j + 1]! + 1 : Math.max(lcs[i + 1]![j]!, lcs[i]![j + 1]!);
  }
  const ops: ('=' | '-' | '+')[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    if (i < a.length && j < b.length && a[i] === b[j]) {
      ops.push('=');
      i++;
      j++;
    } else if (i < a.length && (j === b.length || lcs[i + 1]![j]! >= lcs[i]![j + 1]!)) {
      ops.push('-');
      i++;
    } else {
      ops.push('+');
      j++;
    }
  }
  return ops;
}
