import type { Locator, Page } from '@playwright/test';
import { expect, test } from './model-server';
import { createProject } from './helpers';

// Keyboard only: every dialog gives the focus back to what opened it, and the narrow top bar's
// menu behaves as a menu button (arrows, Home/End, Escape).

/** Opens a dialog from `opener` by keyboard, closes it with Escape, and expects the focus back. */
async function roundTrip(page: Page, opener: Locator, dialogName: string) {
	await opener.focus();
	await page.keyboard.press('Enter');
	const dialog = page.getByRole('dialog', { name: dialogName });
	await expect(dialog).toBeVisible();
	await page.keyboard.press('Escape');
	await expect(dialog).toBeHidden();
	await expect(opener).toBeFocused();
}

test('dialogs give the focus back to the control that opened them', async ({ page }) => {
	await createProject(page, 'Blank', { query: '?runtime=browser' });
	await roundTrip(page, page.getByRole('button', { name: 'Settings' }), 'Settings');
	await roundTrip(
		page,
		page.getByRole('status', { name: 'Context' }).getByRole('button'),
		'Context inspector'
	);
	await roundTrip(page, page.getByRole('button', { name: 'Share' }), 'Share');
	// A confirmation on the project list.
	await page.getByRole('link', { name: /^Kiln/ }).click();
	await roundTrip(page, page.getByRole('button', { name: /^Delete/ }).first(), 'Delete project');
});

test('on a narrow window the top bar folds its actions into a menu usable by keyboard', async ({
	page
}) => {
	await page.setViewportSize({ width: 390, height: 800 });
	await createProject(page, 'Blank', { name: 'Phone', query: '?runtime=browser' });
	const menuButton = page.getByRole('button', { name: 'Menu' });
	await expect(menuButton).toHaveAttribute('aria-haspopup', 'menu');
	await expect(menuButton).toHaveAttribute('aria-expanded', 'false');
	await expect(page.getByRole('heading', { level: 1, name: 'Phone' })).toBeVisible();
	const menu = page.getByRole('menu', { name: 'Menu' });
	const items = menu.locator('[role^="menuitem"]');
	// "Changes" joins the menu once the project's change review is made, after the heading: on a
	// loaded machine the menu below opened without it, and the item it focused was no longer the
	// first. Opened once first, so the keyboard walk starts from all four.
	await menuButton.click();
	await expect(items).toHaveText(['Changes', 'Export', 'Share', 'Settings']);
	await page.keyboard.press('Escape');
	await expect(menu).toBeHidden();

	await menuButton.focus();
	await page.keyboard.press('ArrowDown');
	await expect(menu).toBeVisible();
	await expect(menuButton).toHaveAttribute('aria-expanded', 'true');
	await expect(items).toHaveText(['Changes', 'Export', 'Share', 'Settings']);
	await expect(items.first()).toBeFocused();
	await page.keyboard.press('ArrowUp');
	await expect(menu.getByRole('menuitem', { name: 'Settings' })).toBeFocused();
	await page.keyboard.press('Home');
	await expect(menu.getByRole('menuitemcheckbox', { name: 'Changes' })).toBeFocused();
	await page.keyboard.press('ArrowDown');
	await expect(menu.getByRole('menuitem', { name: 'Export' })).toBeFocused();
	await page.keyboard.press('Escape');
	await expect(menu).toBeHidden();
	await expect(menuButton).toBeFocused();

	// Enter opens it on the first item; choosing Settings opens the dialog, and closing the dialog
	// gives the focus back to the menu button.
	await page.keyboard.press('Enter');
	await expect(menu.getByRole('menuitemcheckbox', { name: 'Changes' })).toBeFocused();
	await page.keyboard.press('End');
	await page.keyboard.press('Enter');
	const settings = page.getByRole('dialog', { name: 'Settings' });
	await expect(settings).toBeVisible();
	await expect(menu).toBeHidden();
	await page.keyboard.press('Escape');
	await expect(settings).toBeHidden();
	await expect(menuButton).toBeFocused();
});
