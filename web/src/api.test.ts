import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { api, ApiRequestError, del, errorText, get, post, setUnauthorizedHandler } from './api.ts';
import { fail, fakeServer, ok, type FakeServer } from './test-support.tsx';

let server: FakeServer;
beforeEach(() => {
  server = fakeServer();
});
afterEach(() => {
  vi.unstubAllGlobals();
  setUnauthorizedHandler(() => {});
});

describe('api (the fetch wrapper)', () => {
  it('sends JSON with the CSRF header on changes, never on reads', async () => {
    server.on('GET', '/api/events', ok([{ id: 1 }])).on('POST', '/api/events/join', ok({ id: 2 })).on('DELETE', '/api/sessions/s', ok());
    expect(await get('/api/events')).toEqual([{ id: 1 }]);
    expect(await post('/api/events/join', { code: 'ABC' })).toEqual({ id: 2 });
    expect(await del('/api/sessions/s')).toBeUndefined();

    const [read, write, remove] = server.requests;
    expect(read?.headers['x-batten-csrf']).toBeUndefined();
    expect(write?.headers).toMatchObject({ 'x-batten-csrf': '1', 'content-type': 'application/json' });
    expect(write?.body).toEqual({ code: 'ABC' });
    expect(remove?.headers['x-batten-csrf']).toBe('1');
    expect(vi.mocked(fetch).mock.calls[0]?.[1]?.credentials).toBe('same-origin');
  });

  it("turns an error answer into an ApiRequestError with the server's sentence and field", async () => {
    server.on('POST', '/api/auth/signup', fail(400, 'That username is taken', 'username'));
    const e = await post('/api/auth/signup', {}).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(ApiRequestError);
    expect(e).toMatchObject({ message: 'That username is taken', status: 400, field: 'username' });
  });

  it('explains answers that are not JSON, and a 403, in words', async () => {
    server.on('GET', '/a', { status: 502, statusText: 'Bad Gateway', raw: '<html>nginx</html>' });
    server.on('GET', '/b', { status: 403, raw: '' });
    await expect(get('/a')).rejects.toThrow('The server answered 502 Bad Gateway');
    const forbidden = await get('/b').catch((x: unknown) => x);
    expect(errorText(forbidden)).toBe('Not allowed: You are not allowed to do this.');
  });

  it('reports an unreachable server as status 0 with advice', async () => {
    server.on('GET', '/api/events', 'network-error');
    const e = await get('/api/events').catch((x: unknown) => x);
    expect(e).toMatchObject({ status: 0 });
    expect(errorText(e)).toMatch(/^Network error: the server cannot be reached/);
  });

  it('signals a 401 (signed out) except from /api/auth/, where it means a bad password', async () => {
    const onUnauthorized = vi.fn();
    setUnauthorizedHandler(onUnauthorized);
    server.on('POST', '/api/auth/login', fail(401, 'Wrong username or password')).on('GET', '/api/events', fail(401, 'Sign in first'));
    await expect(api('POST', '/api/auth/login', {})).rejects.toThrow('Wrong username or password');
    expect(onUnauthorized).not.toHaveBeenCalled();
    await expect(get('/api/events')).rejects.toThrow('Sign in first');
    expect(onUnauthorized).toHaveBeenCalledTimes(1);
  });
});
