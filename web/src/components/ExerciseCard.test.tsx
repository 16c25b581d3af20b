import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { anEntry } from '../test-support.tsx';
import { ExerciseCard } from './ExerciseCard.tsx';

const startButton = (): HTMLButtonElement => screen.getByRole('button', { name: 'Start' });

describe('ExerciseCard', () => {
  it('shows the facts and starts on click', async () => {
    const onStart = vi.fn();
    render(<ExerciseCard entry={anEntry({ title: 'Pod escape', minutes: 20, points: 30, objectives: 3, tags: ['pods', 'psa'] })} showProblems={false} onStart={onStart} />);
    expect(screen.getByRole('heading', { name: 'Pod escape' })).toBeTruthy();
    expect(screen.getByText('20 min')).toBeTruthy();
    expect(screen.getByRole('list', { name: 'Tags' }).textContent).toBe('podspsa');
    await userEvent.setup().click(startButton());
    expect(onStart).toHaveBeenCalledTimes(1);
  });

  it('cannot start a broken exercise; only staff see the problems', () => {
    const entry = anEntry({ broken: true, problems: 'check.yaml: unknown field "selctor"' });
    const { rerender } = render(<ExerciseCard entry={entry} showProblems={false} onStart={vi.fn()} />);
    expect(screen.getByText('This exercise is broken and cannot be started.')).toBeTruthy();
    expect(startButton().disabled).toBe(true);
    expect(screen.queryByText(/unknown field/)).toBeNull();
    rerender(<ExerciseCard entry={entry} showProblems onStart={vi.fn()} />);
    expect(screen.getByText('check.yaml: unknown field "selctor"')).toBeTruthy();
  });

  it('explains why an exercise is unavailable here or not part of the chosen event', () => {
    const { rerender } = render(<ExerciseCard entry={anEntry({ available: false, unavailableReason: 'Needs Linux cgroups v2.' })} showProblems={false} onStart={vi.fn()} />);
    expect(screen.getByText('Needs Linux cgroups v2.')).toBeTruthy();
    expect(startButton().disabled).toBe(true);
    rerender(<ExerciseCard entry={anEntry()} showProblems={false} notInEvent="Spring CTF" onStart={vi.fn()} />);
    expect(screen.getByText('Not part of Spring CTF.')).toBeTruthy();
    expect(startButton().disabled).toBe(true);
  });
});
