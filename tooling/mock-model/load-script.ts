import { readFile } from 'node:fs/promises';
import { MockScriptError, parseScript, type Script } from './script-schema';

/** Reads and validates a JSON script file; every failure names the file and what to do. */
export async function loadScriptFile(path: string): Promise<Script> {
	let text: string;
	try {
		text = await readFile(path, 'utf8');
	} catch (error) {
		throw new MockScriptError(
			`Cannot read script file ${path}: ${(error as Error).message}. Check the path given to --script.`
		);
	}
	let json: unknown;
	try {
		json = JSON.parse(text);
	} catch (error) {
		throw new MockScriptError(
			`Script file ${path} is not valid JSON: ${(error as Error).message}. Fix the JSON and try again.`
		);
	}
	return parseScript(json, `script file ${path}`);
}
