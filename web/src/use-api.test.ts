import { act, renderHook, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { deferred, fail, fakeServer, ok, type FakeReply, type FakeServer } from './test-support.tsx';
import { useApi } from './use-api.ts';

let server: FakeServer;
beforeEach(() => {
  server = fakeServer();
});
afterEach(() => {
  vi.unstubAllGlobals();
  vi.useRealTimers();
});

describe('useApi', () => {
  it('is loading, then has the data', async () => {
    server.on('GET', '/api/events', ok([{ id: 1 }]));
    const { result } = renderHook(() => useApi<{ id: number }[]>('/api/events'));
    expect(result.current.loading).toBe(true);
    expect(result.current.data).toBeUndefined();
    await waitFor(() => expect(result.current.loading).toBe(false));
    expect(result.current.data).toEqual([{ id: 1 }]);
    expect(result.current.error).toBeUndefined();
  });

  it('does nothing for a null path', () => {
    const { result } = renderHook(() => useApi<string>(null));
    expect(result.current.loading).toBe(false);
    expect(server.requests).toHaveLength(0);
  });

  it('keeps the last good data when a reload fails, and clears the error once one succeeds', async () => {
    server.on('GET', '/api/events', ok(['first']));
    const { result } = renderHook(() => useApi<string[]>('/api/events'));
    await waitFor(() => expect(result.current.data).toEqual(['first']));

    server.on('GET', '/api/events', fail(500, 'database is locked'));
    act(() => result.current.reload());
    await waitFor(() => expect(result.current.error).toBeDefined());
    expect((result.current.error as Error).message).toBe('database is locked');
    expect(result.current.data).toEqual(['first']);

    server.on('GET', '/api/events', ok(['second']));
    act(() => result.current.reload());
    await waitFor(() => expect(result.current.data).toEqual(['second']));
    expect(result.current.error).toBeUndefined();
  });

  it('drops a stale answer that arrives after a newer one', async () => {
    const slow = deferred<FakeReply>();
    server.on('GET', '/a', () => slow.promise).on('GET', '/b', ok('b-data'));
    const { result, rerender } = renderHook(({ path }) => useApi<string>(path), { initialProps: { path: '/a' } });
    rerender({ path: '/b' });
    await waitFor(() => expect(result.current.data).toBe('b-data'));
    await act(async () => slow.resolve(ok('a-data')));
    expect(result.current.data).toBe('b-data');
  });

  it('refreshes every refreshMs', async () => {
    vi.useFakeTimers();
    let n = 0;
    server.on('GET', '/api/events/1/grid', () => ok({ n: ++n }));
    const { result, unmount } = renderHook(() => useApi<{ n: number }>('/api/events/1/grid', 3000));
    await act(() => vi.advanceTimersByTimeAsync(0));
    expect(result.current.data).toEqual({ n: 1 });
    await act(() => vi.advanceTimersByTimeAsync(3000));
    expect(result.current.data).toEqual({ n: 2 });
    await act(() => vi.advanceTimersByTimeAsync(3000));
    expect(result.current.data).toEqual({ n: 3 });
    unmount();
    await vi.advanceTimersByTimeAsync(9000);
    expect(server.requests).toHaveLength(3); // none after unmount
  });
});
