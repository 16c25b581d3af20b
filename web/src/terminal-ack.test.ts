import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { AckBatcher } from './terminal-ack.ts';

describe('AckBatcher (terminal flow-control acknowledgements)', () => {
  let sent: number[];
  const batcher = (intervalMs?: number, maxChars?: number): AckBatcher => new AckBatcher((n) => sent.push(n), intervalMs, maxChars);

  beforeEach(() => {
    vi.useFakeTimers();
    sent = [];
  });
  afterEach(() => vi.useRealTimers());

  it('sums the characters rendered within one interval into a single ack', () => {
    const acks = batcher(50);
    acks.rendered(100);
    acks.rendered(20);
    acks.rendered(3);
    vi.advanceTimersByTime(49);
    expect(sent).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(sent).toEqual([123]);
    vi.advanceTimersByTime(500);
    expect(sent).toEqual([123]); // nothing more was owed
  });

  it('acks at once, without waiting, when maxChars have piled up', () => {
    const acks = batcher(50, 1000);
    acks.rendered(600);
    expect(sent).toEqual([]);
    acks.rendered(500);
    expect(sent).toEqual([1100]);
    vi.advanceTimersByTime(100);
    expect(sent).toEqual([1100]); // the pending timer was cancelled, no empty or double ack
  });

  it('uses 50 ms and 16 KiB by default', () => {
    const acks = batcher();
    acks.rendered(16 * 1024 - 1);
    expect(sent).toEqual([]);
    vi.advanceTimersByTime(50);
    expect(sent).toEqual([16 * 1024 - 1]);
    acks.rendered(16 * 1024);
    expect(sent).toEqual([16 * 1024 - 1, 16 * 1024]);
  });

  it('starts a fresh interval for output rendered after an ack', () => {
    const acks = batcher(50);
    acks.rendered(10);
    vi.advanceTimersByTime(50);
    acks.rendered(7);
    vi.advanceTimersByTime(30);
    expect(sent).toEqual([10]);
    vi.advanceTimersByTime(20);
    expect(sent).toEqual([10, 7]);
  });

  it('flush() sends what is owed now and never sends an empty ack', () => {
    const acks = batcher(50);
    acks.flush();
    expect(sent).toEqual([]);
    acks.rendered(42);
    acks.flush();
    expect(sent).toEqual([42]);
    vi.advanceTimersByTime(100);
    expect(sent).toEqual([42]);
  });

  it('reset() forgets what was owed (the server restarted its count on reattach)', () => {
    const acks = batcher(50);
    acks.rendered(500);
    acks.reset();
    vi.advanceTimersByTime(100);
    expect(sent).toEqual([]);
    acks.rendered(5);
    vi.advanceTimersByTime(50);
    expect(sent).toEqual([5]);
  });

  it('output written before a reattach is not acknowledged when it renders after it', () => {
    const acks = batcher(50);
    const before = acks.whenRendered(3);
    acks.reset();
    before();
    acks.whenRendered(7)();
    vi.advanceTimersByTime(50);
    expect(sent).toEqual([7]);
  });

  it('dispose() cancels the pending ack', () => {
    const acks = batcher(50);
    acks.rendered(99);
    acks.dispose();
    vi.advanceTimersByTime(1000);
    expect(sent).toEqual([]);
  });
});
