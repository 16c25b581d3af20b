import type { Page } from 'playwright-core';

/** An event's competency report. */
export class CompetencyPage {
  constructor(private readonly page: Page, private readonly base: string) {}

  async open(eventId: number): Promise<void> {
    await this.page.goto(`${this.base}/#/events/${eventId}/report`);
    await this.page.getByTestId('exercise-table').waitFor();
  }

  /** Attempted, solved and solve rate of one exercise, as the table shows them. */
  async exercise(name: string): Promise<string[]> {
    return (await this.page.getByTestId(`exercise-${name}`).locator('td').allTextContents()).slice(0, 3);
  }

  async chartTitles(): Promise<string[]> {
    return this.page.locator('.chart-card h2').allTextContents();
  }
}
