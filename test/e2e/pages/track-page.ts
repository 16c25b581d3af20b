import type { Page } from 'playwright-core';

/** One track: its title, progress and steps. */
export class TrackPage {
  constructor(private readonly page: Page) {}

  async title(): Promise<string> {
    return ((await this.page.getByRole('heading', { level: 1 }).textContent()) ?? '').trim();
  }

  async progress(): Promise<string> {
    return ((await this.page.getByTestId('track-progress').textContent()) ?? '').trim();
  }

  /** The exercise names of the steps, in the order shown. */
  async steps(): Promise<string[]> {
    const ids = await this.page.locator('[data-testid^="track-step-"]:not([data-testid^="track-step-state-"])').evaluateAll((els) => els.map((e) => e.getAttribute('data-testid') ?? ''));
    return ids.map((id) => id.replace('track-step-', ''));
  }

  async state(name: string): Promise<string> {
    return ((await this.page.getByTestId(`track-step-state-${name}`).textContent()) ?? '').trim();
  }

  /** Where a step's Start link leads. */
  async startHref(name: string): Promise<string | null> {
    return this.page.getByTestId(`track-start-${name}`).getAttribute('href');
  }
}
