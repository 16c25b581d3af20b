import type { Page } from 'playwright-core';

/** A session's replay: the learner's changes and the objective states they caused. */
export class ReplayPage {
  constructor(private readonly page: Page) {}

  /** The text of every change entry, once at least one shows. */
  async changes(): Promise<string[]> {
    await this.page.getByTestId('replay-change').first().waitFor();
    return this.page.getByTestId('replay-change').allTextContents();
  }

  async objectives(): Promise<string[]> {
    return this.page.getByTestId('replay-objective').allTextContents();
  }
}
