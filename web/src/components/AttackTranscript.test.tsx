import { render, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { anObjective } from '../test-support.tsx';
import { Objectives } from './Objectives.tsx';

const worked = { request: 'GET /api/v1/namespaces/bank/secrets as anonymous', response: 'HTTP 200 OK: the request succeeds' };
const refused = { request: 'GET /api/v1/namespaces/bank/secrets as anonymous', response: 'HTTP 401 Unauthorized: the credentials are not accepted' };

describe('AttackTranscript', () => {
  it('shows the attack as it stands while the weakness is open', () => {
    render(<Objectives revealed={{}} objectives={[anObjective({ id: 'anon', state: 'unmet', attack: { now: [worked], before: [worked] } })]} />);
    const t = within(screen.getByTestId('attack-anon'));
    expect(t.getByText('As it stands: the attack still works')).toBeTruthy();
    expect(within(screen.getByTestId('attack-now-anon')).getByText(worked.response)).toBeTruthy();
    expect(screen.queryByTestId('attack-before-anon')).toBeNull();
  });

  it('shows before and after once the objective is met', () => {
    render(<Objectives revealed={{}} objectives={[anObjective({ id: 'anon', state: 'met', attack: { now: [refused], before: [worked] } })]} />);
    expect(within(screen.getByTestId('attack-before-anon')).getByText(worked.response)).toBeTruthy();
    expect(within(screen.getByTestId('attack-now-anon')).getByText(refused.response)).toBeTruthy();
    expect(within(screen.getByTestId('attack-anon')).getByText('Before your fix')).toBeTruthy();
  });

  it('is absent for an objective whose probes replay no attack', () => {
    render(<Objectives revealed={{}} objectives={[anObjective({ id: 'cfg', state: 'unmet' })]} />);
    expect(screen.queryByTestId('attack-cfg')).toBeNull();
  });
});
