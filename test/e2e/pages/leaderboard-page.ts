import type { Page } from 'playwright-core';

export class LeaderboardPage {
  constructor(private readonly page: Page, private readonly base: string) {}

  async open(eventId: number): Promise<void> {
    await this.page.goto(`${this.base}/#/events/${eventId}/leaderboard`);
    await this.page.getByTestId('event-clock').waitFor();
  }

  async waitTeamScore(team: string, atLeast: number, timeoutMs = 30_000): Promise<number> {
    const row = this.page.getByTestId(`leaderboard-team-${team}`);
    await this.page.waitForFunction(
      ([sel, min]) => Number(document.querySelector(sel as string)?.getAttribute('data-score') ?? -1) >= (min as number),
      [`[data-testid="leaderboard-team-${team}"]`, atLeast] as const,
      { timeout: timeoutMs },
    );
    return Number(await row.getAttribute('data-score'));
  }
}
