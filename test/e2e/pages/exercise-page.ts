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

  /** Opens an objective's attack transcript and reads it: the steps before the fix (once
   * met) and now, each as `request → response`. */
  async attack(id: string): Promise<{ before: string[]; now: string[] }> {
    const details = this.page.getByTestId(`attack-${id}`);
    if ((await details.getAttribute('open')) === null) await details.locator('summary').click();
    await details.scrollIntoViewIfNeeded();
    const steps = async (testid: string) => {
      const list = this.page.getByTestId(testid);
      return (await list.count()) ? (await list.locator('li').allTextContents()).map((t) => t.trim()) : [];
    };
    return { before: await steps(`attack-before-${id}`), now: await steps(`attack-now-${id}`) };
  }

  async score(): Promise<number> {
    return Number((await this.page.getByTestId('score').textContent())?.replace(/[^0-9-]/g, ''));
  }
}
