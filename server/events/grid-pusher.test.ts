import { expect, test, vi } from 'vitest';
import { GridPusher } from './grid-pusher.ts';

test('a burst of changes becomes one push; an unwatched event builds nothing', async () => {
  vi.useFakeTimers();
  try {
    const built: number[] = [];
    const emitted: [number, string][] = [];
    const p = new GridPusher<string>({ watched: (id) => id === 1, build: (id) => (built.push(id), `grid ${id}`), emit: (id, g) => emitted.push([id, g]), onError: (e) => { throw e; }, coalesceMs: 20 });
    for (let i = 0; i < 10; i++) p.changed(1);
    p.changed(2);
    await vi.advanceTimersByTimeAsync(25);
    expect(emitted).toEqual([[1, 'grid 1']]);
    expect(built).toEqual([1]);
    p.changed(1);
    await vi.advanceTimersByTimeAsync(25);
    expect(emitted).toHaveLength(2);
    p.changed(1);
    p.dispose();
    await vi.advanceTimersByTimeAsync(25);
    expect(emitted).toHaveLength(2);
  } finally {
    vi.useRealTimers();
  }
});

test('a grid that fails to build is reported, and the next change pushes again', async () => {
  vi.useFakeTimers();
  try {
    const errors: unknown[] = [];
    let fail = true;
    const emitted: string[] = [];
    const p = new GridPusher<string>({ watched: () => true, build: () => { if (fail) throw new Error('db busy'); return 'g'; }, emit: (_id, g) => emitted.push(g), onError: (e) => errors.push(e) });
    p.changed(1);
    await vi.advanceTimersByTimeAsync(25);
    expect(errors).toHaveLength(1);
    fail = false;
    p.changed(1);
    await vi.advanceTimersByTimeAsync(25);
    expect(emitted).toEqual(['g']);
  } finally {
    vi.useRealTimers();
  }
});
