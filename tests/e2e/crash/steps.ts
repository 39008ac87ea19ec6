/** What a crash point does before the crash: open a project, send, hold the model's stream. */
import { expect, type Page } from '@playwright/test';
import type { MockModelServer, Turn } from '../../../tooling/mock-model';
import type { TemplateName } from '../helpers';
import type { CrashRun } from './crash-run';

export const chatOf = (page: Page) => page.getByRole('region', { name: 'Chat' });

/** Creates a project from the start page (absolute URLs: a CDP browser has no baseURL). */
export async function createProjectAt(run: CrashRun, template: TemplateName, name: string) {
	const page = run.page;
	await page.goto(run.url('/?runtime=browser'));
	await page.getByRole('textbox', { name: 'Project name' }).fill(name);
	await page.getByRole('radio', { name: template }).check();
	await page.getByRole('button', { name: 'Create project' }).click();
	await expect(page).toHaveURL(/\/project\/[\w-]+/);
	await expect(page.getByRole('tree', { name: 'Files' })).toBeVisible();
	run.projectUrl = page.url();
}

export async function sendMessage(page: Page, text: string) {
	const box = chatOf(page).getByRole('textbox', { name: 'Message' });
	await box.fill(text);
	await box.press('Enter');
}

/** How many model requests the scripted server has answered (or is answering). */
export const modelRequests = (server: MockModelServer) =>
	server.requests().filter((request) => request.format !== null).length;

/** The scripted stream stops after `afterChunks` SSE events and stays open: a held point. */
export const stall = (afterChunks: number): Pick<Turn, 'fault'> => ({
	fault: { type: 'stall', afterChunks }
});
