import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { SearchAddon } from '@xterm/addon-search';
import { describe, expect, it, vi } from 'vitest';
import { SearchBox } from './SearchBox.tsx';

/** A fake xterm search addon: reports a match for the words in `buffer`. */
function fakeSearchAddon(buffer: string) {
  const fake = {
    findNext: vi.fn((term: string) => buffer.includes(term)),
    findPrevious: vi.fn((term: string) => buffer.includes(term)),
    clearDecorations: vi.fn(),
  };
  return { fake, addon: fake as unknown as SearchAddon };
}

describe('SearchBox (find in terminal)', () => {
  it('takes the focus; Enter finds the next match, Shift+Enter the previous', async () => {
    const user = userEvent.setup();
    const { fake, addon } = fakeSearchAddon('kubectl get pods');
    render(<SearchBox search={addon} onClose={vi.fn()} />);
    const input = screen.getByRole('textbox', { name: 'Find in terminal' });
    expect(document.activeElement).toBe(input);

    await user.keyboard('pods{Enter}');
    expect(fake.findNext).toHaveBeenCalledWith('pods', expect.anything());
    await user.keyboard('{Shift>}{Enter}{/Shift}');
    expect(fake.findPrevious).toHaveBeenCalledWith('pods', expect.anything());
    expect(fake.findNext).toHaveBeenCalledTimes(1);
    expect(screen.queryByText('No match')).toBeNull();
  });

  it('says "No match" (and marks the field invalid) when nothing is found, clears it once found', async () => {
    const user = userEvent.setup();
    const { addon } = fakeSearchAddon('kubectl get pods');
    render(<SearchBox search={addon} onClose={vi.fn()} />);
    const input = screen.getByRole('textbox', { name: 'Find in terminal' });
    await user.type(input, 'secrets');
    await user.click(screen.getByRole('button', { name: 'Next match' }));
    expect(screen.getByText('No match')).toBeTruthy();
    expect(input.getAttribute('aria-invalid')).toBe('true');

    await user.clear(input);
    await user.type(input, 'get');
    await user.click(screen.getByRole('button', { name: 'Previous match' }));
    expect(screen.queryByText('No match')).toBeNull();
  });

  it('does not search for nothing', async () => {
    const user = userEvent.setup();
    const { fake, addon } = fakeSearchAddon('x');
    render(<SearchBox search={addon} onClose={vi.fn()} />);
    await user.keyboard('{Enter}');
    expect(fake.findNext).not.toHaveBeenCalled();
  });

  it('Escape or ✕ clears the highlights and closes', async () => {
    const user = userEvent.setup();
    const { fake, addon } = fakeSearchAddon('x');
    const onClose = vi.fn();
    render(<SearchBox search={addon} onClose={onClose} />);
    await user.keyboard('{Escape}');
    expect(fake.clearDecorations).toHaveBeenCalledTimes(1);
    expect(onClose).toHaveBeenCalledTimes(1);
    await user.click(screen.getByRole('button', { name: 'Close find' }));
    expect(fake.clearDecorations).toHaveBeenCalledTimes(2);
    expect(onClose).toHaveBeenCalledTimes(2);
  });
});
