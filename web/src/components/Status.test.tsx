import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { ApiRequestError } from '../api.ts';
import { Empty, ErrorBox, Loading } from './Status.tsx';

describe('Status: errors, loading, empty', () => {
  it('ErrorBox states the error as a sentence and offers Try again', async () => {
    const onRetry = vi.fn();
    render(<ErrorBox error={new ApiRequestError('The event has ended', 409)} onRetry={onRetry} />);
    const alert = screen.getByRole('alert');
    expect(alert.textContent).toContain('The event has ended');
    await userEvent.setup().click(screen.getByRole('button', { name: 'Try again' }));
    expect(onRetry).toHaveBeenCalledTimes(1);
  });

  it('ErrorBox says "Not allowed" for a 403, handles non-API errors, and has no retry unless given one', () => {
    const { rerender } = render(<ErrorBox error={new ApiRequestError('instructors only', 403)} />);
    expect(screen.getByRole('alert').textContent).toBe('Not allowed: instructors only');
    expect(screen.queryByRole('button')).toBeNull();
    rerender(<ErrorBox error={new Error('boom')} />);
    expect(screen.getByRole('alert').textContent).toBe('boom');
    rerender(<ErrorBox error="plain text" />);
    expect(screen.getByRole('alert').textContent).toBe('plain text');
  });

  it('Loading is a status saying what is loading', () => {
    render(<Loading what="Loading the grid" />);
    expect(screen.getByRole('status').textContent?.trim()).toBe('Loading the grid…');
  });

  it('Empty names what is missing and the next step', () => {
    render(<Empty title="No events yet">Ask your instructor for a join code.</Empty>);
    expect(screen.getByText('No events yet')).toBeTruthy();
    expect(screen.getByText('Ask your instructor for a join code.')).toBeTruthy();
  });
});
