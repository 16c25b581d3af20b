import type { Page } from 'playwright-core';

/** The instructor's live grid of an event. */
export class InstructorPage {
  /** GET requests for the grid since the page opened (the grid is pushed, never polled). */
  gridRequests = 0;

  constructor(private readonly page: Page, private readonly base: string) {
    page.on('request', (r) => {
      if (r.method() === 'GET' && /\/api\/events\/\d+\/grid$/.test(new URL(r.url()).pathname)) this.gridRequests++;
    });
  }

  async open(eventId: number): Promise<void> {
    await this.page.goto(`${this.base}/#/events/${eventId}/instructor`);
    await this.page.getByTestId('grid').waitFor();
  }

  /** Waits until some learner's cell for `exercise/objective` shows `state`. */
  async waitCell(exercise: string, objective: string, state: string, timeoutMs = 30_000): Promise<void> {
    await this.page.locator(`[data-testid$="-${exercise}/${objective}"][data-state="${state}"]`).first().waitFor({ timeout: timeoutMs });
  }

  async show(filter: 'all' | 'stuck' | 'running' | 'idle'): Promise<string> {
    await this.page.getByLabel('Show').selectOption(filter);
    return (await this.page.locator('.grid-filters [role="status"]').textContent()) ?? '';
  }

  /** Opens the replay of the learner's latest session of `exercise` from the grid. */
  async openReplay(exercise: string): Promise<void> {
    await this.page.locator(`[data-testid*="-${exercise}/"] a.replay-link`).first().click();
  }
}
