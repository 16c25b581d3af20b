import { act, renderHook } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { href, navigate, parseHash, useHash, type Route } from './router.ts';

describe('parseHash', () => {
  it.each<[string, Route]>([
    ['', { page: 'catalog' }],
    ['#/', { page: 'catalog' }],
    ['#/signin', { page: 'signin' }],
    ['#/events', { page: 'events' }],
    ['#/exercise/pod-escape', { page: 'exercise', name: 'pod-escape' }],
    ['#/exercise/pod-escape?event=12', { page: 'exercise', name: 'pod-escape', eventId: 12 }],
    ['#/events/3/leaderboard', { page: 'leaderboard', eventId: 3 }],
    ['#/events/3/instructor', { page: 'instructor', eventId: 3 }],
    ['#/tracks/cks-preparation', { page: 'track', name: 'cks-preparation' }],
  ])('%s is %o', (hash, route) => {
    expect(parseHash(hash)).toEqual(route);
  });

  it.each([
    ['#/nowhere', '/nowhere'],
    ['#/signin/extra', '/signin/extra'],
    ['#/exercise', '/exercise'],
    ['#/exercise/a/b', '/exercise/a/b'],
    ['#/events/abc/leaderboard', '/events/abc/leaderboard'],
    ['#/events/3/scores', '/events/3/scores'],
    ['#/events/-1/leaderboard', '/events/-1/leaderboard'],
    ['#/exercise/%', '/exercise/%'],
    ['#/exercise/100%', '/exercise/100%'],
    ['#/tracks', '/tracks'],
    ['#/tracks/a/b', '/tracks/a/b'],
  ])('%s is not found, and keeps the path to show it', (hash, path) => {
    expect(parseHash(hash)).toEqual({ page: 'notfound', path });
  });

  it('ignores an event query that is not a positive whole number', () => {
    expect(parseHash('#/exercise/x?event=abc')).toEqual({ page: 'exercise', name: 'x' });
    expect(parseHash('#/exercise/x?event=0')).toEqual({ page: 'exercise', name: 'x' });
    expect(parseHash('#/exercise/x?event=1.5')).toEqual({ page: 'exercise', name: 'x' });
  });

  it('round-trips every link href builds, including names that need escaping', () => {
    expect(parseHash(href.catalog())).toEqual({ page: 'catalog' });
    expect(parseHash(href.signin())).toEqual({ page: 'signin' });
    expect(parseHash(href.events())).toEqual({ page: 'events' });
    expect(parseHash(href.leaderboard(9))).toEqual({ page: 'leaderboard', eventId: 9 });
    expect(parseHash(href.instructor(9))).toEqual({ page: 'instructor', eventId: 9 });
    expect(parseHash(href.exercise('rbac & you/2', 4))).toEqual({ page: 'exercise', name: 'rbac & you/2', eventId: 4 });
    expect(href.exercise('rbac', 0)).toBe('#/exercise/rbac');
    expect(parseHash(href.track('day one/2'))).toEqual({ page: 'track', name: 'day one/2' });
  });
});

describe('navigate and useHash', () => {
  afterEach(() => {
    location.hash = '';
  });

  it('navigate changes the location hash, and useHash re-renders with it', async () => {
    const { result } = renderHook(() => useHash());
    expect(parseHash(result.current)).toEqual({ page: 'catalog' });
    await act(async () => {
      navigate(href.leaderboard(5));
      // jsdom fires hashchange asynchronously
      await new Promise((r) => setTimeout(r, 0));
    });
    expect(location.hash).toBe('#/events/5/leaderboard');
    expect(parseHash(result.current)).toEqual({ page: 'leaderboard', eventId: 5 });
  });
});
