import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { ApiRequestError } from '../api.ts';
import { aHint, anObjective, deferred } from '../test-support.tsx';
import { Hints } from './Hints.tsx';
import { Objectives } from './Objectives.tsx';

describe('Objectives', () => {
  it('says so when the exercise has no objectives', () => {
    render(<Objectives objectives={[]} revealed={{}} />);
    expect(screen.getByText('This exercise lists no objectives.')).toBeTruthy();
  });

  it('shows each objective with its state in words, its detail and its points', () => {
    render(
      <Objectives
        revealed={{}}
        objectives={[
          anObjective({ id: 'priv', title: 'No privileged pods', state: 'met', awarded: true, points: 10, detail: 'No pod runs privileged' }),
          anObjective({ id: 'rbac', title: 'Least privilege RBAC', state: 'unmet', points: 20, detail: '2 service accounts can list secrets' }),
        ]}
      />,
    );
    const items = screen.getAllByRole('listitem').filter((li) => li.dataset.testid?.startsWith('objective-'));
    expect(items).toHaveLength(2);

    const priv = within(screen.getByTestId('objective-priv'));
    expect(priv.getByText('No privileged pods')).toBeTruthy();
    expect(priv.getByTitle('met').textContent).toContain('met');
    expect(priv.getByText('No pod runs privileged')).toBeTruthy();
    expect(screen.getByTestId('objective-points-priv').textContent).toBe('+10');
    expect(screen.getByTestId('objective-points-priv').getAttribute('title')).toBe('Awarded');

    const rbac = within(screen.getByTestId('objective-rbac'));
    expect(rbac.getByTitle('unmet').textContent).toContain('unmet');
    expect(rbac.getByText('2 service accounts can list secrets')).toBeTruthy();
    expect(screen.getByTestId('objective-points-rbac').textContent).toBe('20 pts');
    expect(screen.getByTestId('objective-points-rbac').getAttribute('title')).toBe('Not yet awarded');
  });

  it('explains that awarded points stay when a met objective regresses', () => {
    const { rerender } = render(<Objectives revealed={{}} objectives={[anObjective({ id: 'x', state: 'regressed', awarded: true })]} />);
    const x = within(screen.getByTestId('objective-x'));
    expect(x.getByTitle('regressed').textContent).toContain('regressed');
    expect(x.getByText(/Points already awarded stay; fix it again/)).toBeTruthy();

    // Not awarded yet: nothing to keep, no note.
    rerender(<Objectives revealed={{}} objectives={[anObjective({ id: 'x', state: 'regressed', awarded: false })]} />);
    expect(screen.queryByText(/Points already awarded stay/)).toBeNull();
  });
});

describe('Hints', () => {
  const hints = [aHint({ index: 0, cost: 5 }), aHint({ index: 1, cost: 1 })];

  it('shows nothing for an objective without hints', () => {
    const { container } = render(<Hints objective="a" hints={[]} revealed={{}} onReveal={vi.fn()} />);
    expect(container.innerHTML).toBe('');
  });

  it('shows what each hint costs before anything is revealed', () => {
    render(<Hints objective="a" hints={hints} revealed={{}} onReveal={vi.fn()} />);
    expect(screen.getByRole('button', { name: 'Hint 1 · costs 5 pts' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Hint 2 · costs 1 pt' })).toBeTruthy();
  });

  it('asks for confirmation, stating the cost, before charging', async () => {
    const user = userEvent.setup();
    const onReveal = vi.fn(async () => {});
    render(<Hints objective="a" hints={hints} revealed={{}} onReveal={onReveal} />);

    await user.click(screen.getByRole('button', { name: 'Hint 1 · costs 5 pts' }));
    const confirm = screen.getByRole('group', { name: 'Reveal hint 1' });
    expect(within(confirm).getByText('This costs 5 points. Reveal?')).toBeTruthy();
    expect(onReveal).not.toHaveBeenCalled();
    // the confirm button takes the focus, so a keyboard user lands on it
    expect(document.activeElement).toBe(within(confirm).getByRole('button', { name: 'Reveal' }));

    await user.click(within(confirm).getByRole('button', { name: 'Reveal' }));
    expect(onReveal).toHaveBeenCalledExactlyOnceWith('a', 0);
    expect(screen.queryByRole('group', { name: 'Reveal hint 1' })).toBeNull();
  });

  it('uses the singular for a one-point hint', async () => {
    const user = userEvent.setup();
    render(<Hints objective="a" hints={hints} revealed={{}} onReveal={vi.fn(async () => {})} />);
    await user.click(screen.getByRole('button', { name: 'Hint 2 · costs 1 pt' }));
    expect(screen.getByText('This costs 1 point. Reveal?')).toBeTruthy();
  });

  it('Cancel goes back without charging', async () => {
    const user = userEvent.setup();
    const onReveal = vi.fn(async () => {});
    render(<Hints objective="a" hints={hints} revealed={{}} onReveal={onReveal} />);
    await user.click(screen.getByRole('button', { name: 'Hint 1 · costs 5 pts' }));
    await user.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(onReveal).not.toHaveBeenCalled();
    expect(screen.queryByRole('group')).toBeNull();
    expect(screen.getByRole('button', { name: 'Hint 1 · costs 5 pts' })).toBeTruthy();
  });

  it('is busy while the reveal runs (no double charge), then closes', async () => {
    const user = userEvent.setup();
    const pending = deferred<void>();
    const onReveal = vi.fn(() => pending.promise);
    render(<Hints objective="a" hints={hints} revealed={{}} onReveal={onReveal} />);
    await user.click(screen.getByRole('button', { name: 'Hint 1 · costs 5 pts' }));
    await user.click(screen.getByRole('button', { name: 'Reveal' }));

    const busy = screen.getByRole('button', { name: 'Revealing…' }) as HTMLButtonElement;
    expect(busy.disabled).toBe(true);
    expect((screen.getByRole('button', { name: 'Cancel' }) as HTMLButtonElement).disabled).toBe(true);
    await user.click(busy);
    expect(onReveal).toHaveBeenCalledTimes(1);

    pending.resolve();
    expect(await screen.findByRole('button', { name: 'Hint 1 · costs 5 pts' })).toBeTruthy();
  });

  it('shows why a reveal failed and keeps the confirmation open', async () => {
    const user = userEvent.setup();
    const onReveal = vi.fn(async () => {
      throw new ApiRequestError('You cannot afford this hint', 403);
    });
    render(<Hints objective="a" hints={hints} revealed={{}} onReveal={onReveal} />);
    await user.click(screen.getByRole('button', { name: 'Hint 1 · costs 5 pts' }));
    await user.click(screen.getByRole('button', { name: 'Reveal' }));
    expect((await screen.findByRole('alert')).textContent).toBe('Not allowed: You cannot afford this hint');
    expect(screen.getByRole('group', { name: 'Reveal hint 1' })).toBeTruthy();
    expect((screen.getByRole('button', { name: 'Reveal' }) as HTMLButtonElement).disabled).toBe(false);
  });

  it('shows revealed hints as text, whether revealed now or earlier (from the server)', () => {
    render(
      <Hints
        objective="a"
        hints={[aHint({ index: 0, text: 'Check **hostPath** mounts' }), aHint({ index: 1 }), aHint({ index: 2 })]}
        revealed={{ 'a/1': 'Try `kubectl auth can-i`', 'b/2': 'another objective' }}
        onReveal={vi.fn()}
      />,
    );
    const first = screen.getByTestId('hint-text-a-0');
    expect(first.textContent).toContain('Hint 1');
    expect(first.querySelector('strong')?.textContent).toBe('hostPath');
    expect(screen.getByTestId('hint-text-a-1').querySelector('code')?.textContent).toBe('kubectl auth can-i');
    // hint 3 of objective a is not revealed: its key belongs to objective b
    expect(screen.queryByTestId('hint-text-a-2')).toBeNull();
    expect(screen.getByRole('button', { name: 'Hint 3 · costs 5 pts' })).toBeTruthy();
    expect(screen.queryByRole('button', { name: /Hint 1/ })).toBeNull();
  });

  it('cannot be revealed while no session can take the charge', () => {
    render(<Hints objective="a" hints={hints} revealed={{}} />);
    for (const b of screen.getAllByRole('button')) expect((b as HTMLButtonElement).disabled).toBe(true);
  });
});
