import type { Page } from 'playwright-core';

export class ExercisePage {
  constructor(private readonly page: Page, private readonly base: string) {}

  /** Starts an exercise from the catalog, in an event. */
  async startFromCatalog(name: string, eventId: number): Promise<void> {
    await this.page.goto(`${this.base}/#/`);
    const select = this.page.getByTestId('exercise-event-select');
    if (await select.count()) await select.first().selectOption(String(eventId));
    await this.page.getByTestId(`exercise-start-${name}`).click();
  }

  async waitForShell(timeoutMs = 90_000): Promise<void> {
    await this.page.locator('[data-testid="terminal"] .xterm-rows').filter({ hasText: '$' }).waitFor({ timeout: timeoutMs });
  }

  async type(command: string): Promise<void> {
    await this.page.getByTestId('terminal').click();
    await this.page.keyboard.type(command, { delay: 5 });
    await this.page.keyboard.press('Enter');
  }

  objective(id: string) {
    return this.page.getByTestId(`objective-${id}`);
  }

  async waitObjective(id: string, state: string, timeoutMs = 30_000): Promise<void> {
    await this.page.locator(`[data-testid="objective-${id}"][data-state="${state}"]`).waitFor({ timeout: timeoutMs });
  }

  async score(): Promise<number> {
    return Number((await this.page.getByTestId('score').textContent())?.replace(/[^0-9-]/g, ''));
  }
}
