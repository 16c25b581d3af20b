import { render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeServer, ok, type FakeServer } from '../test-support.tsx';
import { PlatformNotice } from './PlatformNotice.tsx';

let server: FakeServer;
beforeEach(() => {
  server = fakeServer();
});
afterEach(() => vi.unstubAllGlobals());

describe('PlatformNotice', () => {
  it('on kind, says plainly that a learner can become root on the host, and how sign-up is guarded', async () => {
    server.on('GET', '/api/platform', ok({ provider: 'kind', capabilities: ['api', 'nodes', 'runtime'], trustedLearnersOnly: true, signup: 'invite' }));
    render(<PlatformNotice />);
    const warning = await screen.findByTestId('platform-warning');
    expect(warning.textContent).toMatch(/Trusted learners only/);
    expect(warning.textContent).toMatch(/root on this host/);
    expect(warning.textContent).toMatch(/Sign-up is by invitation/);
  });

  it('on the embedded provider, names it without a warning', async () => {
    server.on('GET', '/api/platform', ok({ provider: 'embedded', capabilities: ['api', 'nodes'], trustedLearnersOnly: false, signup: 'open' }));
    render(<PlatformNotice />);
    expect((await screen.findByTestId('platform-provider')).textContent).toMatch(/embedded provider \(api, nodes\)/);
    expect(screen.queryByTestId('platform-warning')).toBeNull();
  });
});
