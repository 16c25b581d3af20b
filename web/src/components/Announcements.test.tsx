import { act, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, expect, it, vi } from 'vitest';
import { closeSocket } from '../socket.ts';
import { fakeSocket } from '../test-support.tsx';
import { Announcements } from './Announcements.tsx';

vi.mock('socket.io-client', async () => ({ io: (await import('../test-support.tsx')).fakeIo }));
afterEach(() => {
  closeSocket();
  fakeSocket.reset();
});

it('shows what the instructor announces, newest first, until dismissed (as text, never markup)', () => {
  render(<Announcements />);
  expect(screen.queryByTestId('announcement')).toBeNull();
  act(() => fakeSocket.serverSends('announcement', { id: 1, eventId: 7, text: 'Lunch at noon', at: '2030-01-01T11:00:00.000Z' }));
  act(() => fakeSocket.serverSends('announcement', { id: 2, eventId: 7, text: '<b>15 minutes left</b>', at: '2030-01-01T11:45:00.000Z' }));
  const shown = screen.getAllByTestId('announcement');
  expect(shown.map((a) => a.textContent)).toEqual([expect.stringContaining('<b>15 minutes left</b>'), expect.stringContaining('Lunch at noon')]);
  fireEvent.click(screen.getAllByRole('button', { name: 'Dismiss' })[0]!);
  expect(screen.getAllByTestId('announcement')).toHaveLength(1);
});
