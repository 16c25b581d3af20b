import type { Page } from 'playwright-core';

export class SignInPage {
  constructor(private readonly page: Page, private readonly base: string) {}

  async signUp(username: string, displayName: string, password: string): Promise<void> {
    await this.page.goto(`${this.base}/#/signin`);
    await this.page.getByTestId('signup-username').fill(username);
    await this.page.getByTestId('signup-display-name').fill(displayName);
    await this.page.getByTestId('signup-password').fill(password);
    await this.page.getByTestId('signup-submit').click();
    await this.page.getByTestId('signed-in-user').waitFor();
  }
}
