import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { aLearner } from '../test-support.tsx';
import { TopBar } from './TopBar.tsx';

describe('TopBar', () => {
  it('shows who is signed in, and Sign out calls back', async () => {
    const onSignOut = vi.fn();
    render(<TopBar me={aLearner({ displayName: 'Ada L', role: 'instructor' })} route={{ page: 'catalog' }} onSignOut={onSignOut} />);
    expect(screen.getByTestId('signed-in-user').textContent).toBe('Ada L instructor');
    await userEvent.setup().click(screen.getByRole('button', { name: 'Sign out' }));
    expect(onSignOut).toHaveBeenCalledTimes(1);
  });

  it('marks the current page in the navigation', () => {
    render(<TopBar me={aLearner()} route={{ page: 'events' }} onSignOut={vi.fn()} />);
    const nav = within(screen.getByRole('navigation', { name: 'Main' }));
    expect(nav.getByRole('link', { name: 'Events' }).getAttribute('aria-current')).toBe('page');
    expect(nav.getByRole('link', { name: 'Exercises' }).getAttribute('aria-current')).toBeNull();
    expect(nav.queryByRole('link', { name: 'Leaderboard' })).toBeNull();
  });

  it('links to the leaderboard of the event being worked on', () => {
    const { rerender } = render(<TopBar me={aLearner()} route={{ page: 'exercise', name: 'x', eventId: 3 }} onSignOut={vi.fn()} />);
    const link = screen.getByRole('link', { name: 'Leaderboard' });
    expect(link.getAttribute('href')).toBe('#/events/3/leaderboard');
    expect(link.getAttribute('aria-current')).toBeNull();
    rerender(<TopBar me={aLearner()} route={{ page: 'leaderboard', eventId: 3 }} onSignOut={vi.fn()} />);
    expect(screen.getByRole('link', { name: 'Leaderboard' }).getAttribute('aria-current')).toBe('page');
    rerender(<TopBar me={aLearner()} route={{ page: 'exercise', name: 'x' }} onSignOut={vi.fn()} />);
    expect(screen.queryByRole('link', { name: 'Leaderboard' })).toBeNull();
  });

  it('signed out: no navigation or sign-out, a Sign in link except on the sign-in page', () => {
    const { rerender } = render(<TopBar me={null} route={{ page: 'catalog' }} onSignOut={vi.fn()} />);
    expect(screen.queryByRole('navigation')).toBeNull();
    expect(screen.queryByRole('button', { name: 'Sign out' })).toBeNull();
    expect(screen.getByRole('link', { name: 'Sign in' }).getAttribute('href')).toBe('#/signin');
    rerender(<TopBar me={null} route={{ page: 'signin' }} onSignOut={vi.fn()} />);
    expect(screen.queryByRole('link', { name: 'Sign in' })).toBeNull();
  });
});
