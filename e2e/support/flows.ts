import type { Locator, Page } from 'playwright-core';

export const DEMO_PASSWORD = 'Shouhu-demo-2022';

/** Signs a staff member in to the console, as they would on the sign-in page. */
export async function signInToConsole(page: Page, serverUrl: string, username: string, password = DEMO_PASSWORD): Promise<void> {
  await page.goto(`${serverUrl}/console`);
  // The console's bundle is the largest file served; on a busy two-core runner it can take a while.
  await page.getByLabel('用户名').waitFor({ timeout: 60_000 });
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码').fill(password);
  await page.getByRole('button', { name: /登\s*录/ }).click();
}

/** The newest SMS to a mobile that matches, from the development outbox (delivery is a background job). */
export async function waitForSms(serverUrl: string, mobile: string, pattern: RegExp): Promise<RegExpExecArray> {
  for (let i = 0; i < 50; i++) {
    const items = ((await (await fetch(`${serverUrl}/api/v1/dev/outbox`)).json()) as { items: { recipient: string; body: string }[] })
      .items;
    const found = items
      .filter((m) => m.recipient === mobile)
      .map((m) => pattern.exec(m.body))
      .find(Boolean);
    if (found) return found;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`no SMS to ${mobile} matching ${pattern}`);
}

/**
 * Picks a street in a dialog's district/street cascader by typing its name; a click that lands
 * while the list is still opening is lost, so it is taken again until the field shows the street.
 */
export async function pickStreet(page: Page, dialog: Locator, district: string, street: string): Promise<void> {
  const field = dialog.locator('.ant-form-item', { has: page.getByText('街道或乡镇', { exact: true }) }).locator('.ant-select');
  for (let attempt = 0; !(await field.textContent())?.includes(street); attempt++) {
    if (attempt === 5) throw new Error(`could not pick ${street}`);
    await dialog.getByLabel('街道或乡镇').click();
    await page.keyboard.type(street);
    await page
      .locator('.ant-cascader-menu-item', { hasText: `${district} / ${street}` })
      .first()
      .click({ timeout: 3000 })
      .catch(() => undefined);
    await page.keyboard.press('Escape');
    await page.waitForTimeout(200);
  }
}

/**
 * Presses a dialog's confirming button and waits for the dialog to close; when it stays open, fails
 * with what the dialog shows (a field's error or the server's answer), which is what to read first.
 */
export async function submitDialog(dialog: Locator, button: RegExp): Promise<void> {
  await dialog.getByRole('button', { name: button }).click();
  try {
    await dialog.waitFor({ state: 'hidden', timeout: 20_000 });
  } catch {
    throw new Error(`the dialog stayed open, showing:\n${await dialog.textContent().catch(() => '(gone)')}`);
  }
}

/**
 * Picks an option in an antd select by its label. A click that lands while the list is still
 * opening is lost, so it is taken again until the select shows the option.
 */
export async function chooseOption(page: Page, scope: Page | Locator, label: string, option: string): Promise<void> {
  const field = scope.locator('.ant-form-item', { has: page.getByText(label, { exact: true }) }).locator('.ant-select');
  for (let attempt = 0; !(await field.textContent())?.includes(option); attempt++) {
    if (attempt === 5) throw new Error(`could not choose ${option} for ${label}`);
    await scope.getByLabel(label).click();
    await page
      .locator('.ant-select-item-option:not(.ant-select-item-option-disabled)', { hasText: option })
      .last()
      .click({ timeout: 3000 })
      .catch(() => undefined);
    await page.waitForTimeout(200);
  }
}

/**
 * Presses the button of antd's confirmation dialog and waits for the dialog to go; a press that
 * lands while it is still opening is lost, so it is pressed again while the dialog stays.
 */
export async function confirm(page: Page, button: RegExp): Promise<void> {
  const dialog = page.locator('.ant-modal-confirm');
  for (let attempt = 0; attempt < 5; attempt++) {
    await dialog
      .getByRole('button', { name: button })
      .click({ timeout: 5000 })
      .catch(() => undefined);
    if (
      await dialog.waitFor({ state: 'detached', timeout: 5000 }).then(
        () => true,
        () => false,
      )
    )
      return;
  }
  throw new Error(`the confirmation dialog stayed open, showing:\n${await dialog.textContent().catch(() => '(gone)')}`);
}
