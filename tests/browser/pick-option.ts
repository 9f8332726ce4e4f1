// Choosing an option of an antd Select as a user does, and checking that the choice took. On a busy machine a click can
// land while the list is still sliding into place (inside a modal that is still zooming in, say): the click misses, the
// list stays open over the page and covers the next button. Like a user, this looks at the field and clicks again.
import type { Locator, Page } from 'playwright-core';

const ATTEMPTS = 3;

/**
 * Opens `select` (the Select's root, e.g. by its test id), types `search` when given, clicks the option whose text
 * contains `label` in this select's own list, and waits until the field shows it; a multiple select is then left so
 * that its list closes. Fails naming the label when three tries did not take.
 */
export async function pickOption(page: Page, select: Locator, label: string, opts: { search?: string } = {}): Promise<void> {
  const multiple = await select.evaluate((el) => el.classList.contains('ant-select-multiple'));
  const chosen = select.locator('.ant-select-selection-item').filter({ hasText: label });
  for (let attempt = 1; ; attempt++) {
    const dropdown = await listOf(page, select);
    if (!(await dropdown.first().isVisible())) {
      await select.click();
      if (opts.search) await select.locator('input').first().fill(opts.search);
    }
    await (await listOf(page, select)).first().locator('.ant-select-item-option').filter({ hasText: label }).first().click();
    try {
      await chosen.first().waitFor({ timeout: 10_000 });
      break;
    } catch (err) {
      if (attempt === ATTEMPTS) throw new Error(`picking "${label}" did not take after ${ATTEMPTS} clicks: ${(err as Error).message}`);
    }
  }
  // A multiple select keeps its list open; leaving the field closes it (Escape would close a drawer around it too).
  if (multiple) await select.locator('input').first().blur();
  await (await listOf(page, select)).first().waitFor({ state: 'hidden' }).catch(() => undefined);
}

/** The select's own dropdown (by the list id its input names), or the one open when it names none yet. */
export async function listOf(page: Page, select: Locator): Promise<Locator> {
  const listId = await select.locator('input[role="combobox"]').first().getAttribute('aria-controls');
  return listId
    ? page.locator('.ant-select-dropdown').filter({ has: page.locator(`[id="${listId}"]`) })
    : page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden)');
}
