import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { StateBadge, stateLabel, type CellState } from './StateBadge.tsx';

describe('StateBadge', () => {
  it.each<[CellState, string]>([
    ['met', 'met'],
    ['unmet', 'unmet'],
    ['regressed', 'regressed'],
    ['unknown', 'unknown'],
    ['not-started', 'not started'],
  ])('names the state %s in words, not color alone', (state, words) => {
    const { container } = render(<StateBadge state={state} />);
    const badge = container.firstElementChild as HTMLElement;
    expect(badge.textContent).toContain(words);
    expect(badge.getAttribute('title')).toBe(words);
    expect(stateLabel(state)).toBe(words);
  });

  it('keeps the words for screen readers when compact', () => {
    render(<StateBadge state="regressed" compact />);
    const words = screen.getByText('regressed');
    expect(words.className).toBe('sr-only');
  });
});
