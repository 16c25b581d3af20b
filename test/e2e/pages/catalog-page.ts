import type { Page } from 'playwright-core';

/** The catalog: its filters, the exercise cards they leave, and the tracks strip. */
export class CatalogPage {
  constructor(private readonly page: Page, private readonly base: string) {}

  /** Loads the catalog afresh (a reload when the app already shows it). */
  async open(): Promise<void> {
    await this.page.goto(`${this.base}/#/`);
    await this.page.reload();
    await this.page.locator('[data-testid^="exercise-card-"]').first().waitFor();
  }

  /** Picks a value in the filter labelled `label` (OWASP K8s Top 10, CKS domain, Level, Time). */
  async filter(label: string, value: string): Promise<void> {
    await this.page.getByRole('combobox', { name: label, exact: true }).selectOption(value);
  }

  /** The exercise names on the cards shown, in order. */
  async cards(): Promise<string[]> {
    const ids = await this.page.locator('[data-testid^="exercise-card-"]').evaluateAll((els) => els.map((e) => e.getAttribute('data-testid') ?? ''));
    return ids.map((id) => id.replace('exercise-card-', ''));
  }

  /** The tags shown on one card. */
  async tags(name: string): Promise<string[]> {
    return this.page.getByTestId(`exercise-card-${name}`).locator('.tag').allTextContents();
  }

  async count(): Promise<string> {
    return ((await this.page.getByTestId('catalog-count').textContent()) ?? '').trim();
  }

  async trackProgress(name: string): Promise<string> {
    const p = this.page.getByTestId(`track-progress-${name}`);
    await p.waitFor();
    return ((await p.textContent()) ?? '').trim();
  }

  async openTrack(name: string): Promise<void> {
    await this.page.getByTestId(`track-card-${name}`).getByRole('link').click();
    await this.page.getByTestId('track-progress').waitFor();
  }
}
