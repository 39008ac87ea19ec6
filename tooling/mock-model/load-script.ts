import { readFile } from 'node:fs/promises';
import { MockScriptError, parseScript, type Script } from './script-schema';
import { messageOf } from '../../src/lib/errors';

/** Reads and validates a JSON script file; every failure names the file and what to do. */
export async function loadScriptFile(path: string): Promise<Script> {
	let text: string;
	try {
		text = await readFile(path, 'utf8');
	} catch (error) {
		throw new MockScriptError(
			`Cannot read script file ${path}: ${messageOf(error)}. Check the path given to --script.`
		);
	}
	let json: unknown;
	try {
		json = JSON.parse(text);
	} catch (error) {
		throw new MockScriptError(
			`Script file ${path} is not valid JSON: ${messageOf(error)}. Fix the JSON and try again.`
		);
	}
	return parseScript(json, `script file ${path}`);
}
