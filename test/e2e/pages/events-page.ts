import type { Page } from 'playwright-core';

export class EventsPage {
  constructor(private readonly page: Page, private readonly base: string) {}

  async open(): Promise<void> {
    await this.page.goto(`${this.base}/#/events`);
  }

  /** Creates an event running from now for two hours; returns its join code. */
  async create(name: string, exercises: string[]): Promise<string> {
    await this.open();
    const local = (d: Date) => new Date(d.getTime() - d.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
    await this.page.getByTestId('event-name').fill(name);
    await this.page.getByTestId('event-starts').fill(local(new Date(Date.now() - 5 * 60_000)));
    await this.page.getByTestId('event-ends').fill(local(new Date(Date.now() + 2 * 3_600_000)));
    for (const e of exercises) await this.page.getByTestId(`event-exercise-${e}`).check();
    await this.page.getByTestId('event-create').click();
    const code = this.page.getByTestId('event-join-code').first();
    await code.waitFor();
    return (await code.textContent())!.trim();
  }

  async join(code: string): Promise<void> {
    await this.open();
    await this.page.getByTestId('join-code-input').fill(code);
    await this.page.getByTestId('join-submit').click();
    await this.page.getByTestId('team-name-input').waitFor();
  }

  async createTeam(name: string): Promise<void> {
    await this.page.getByTestId('team-name-input').fill(name);
    await this.page.getByTestId('team-create').click();
    await this.page.getByTestId('my-team').filter({ hasText: name }).waitFor();
  }

  /** The id of the first event listed. */
  async firstEventId(): Promise<number> {
    const row = this.page.locator('[data-testid^="event-row-"]').first();
    await row.waitFor();
    return Number((await row.getAttribute('data-testid'))!.replace('event-row-', ''));
  }
}
