/**
 * Console arguments as one line of text, the way a devtools console would print them, but
 * bounded: a page may log a huge or cyclic object, and only a few thousand characters of it are
 * worth sending to the IDE (and to the model).
 */

const MAX_DEPTH = 3;
const MAX_KEYS = 20;

/** Cuts `text` to `max` characters, saying how much was left out. */
export function bound(text: string, max: number): string {
	if (text.length <= max) return text;
	const note = `… (${text.length - max} more characters)`;
	return text.slice(0, Math.max(0, max - note.length)) + note;
}

function describeError(error: Error): string {
	return `${error.name || 'Error'}: ${error.message}`;
}

function isErrorLike(value: object): value is Error {
	return (
		value instanceof Error || (typeof (value as Error).message === 'string' && 'stack' in value)
	);
}

/** One value, objects shown to a few levels and keys; never throws (getters may). */
export function formatValue(value: unknown, depth = 0, seen = new Set<object>()): string {
	switch (typeof value) {
		case 'string':
			return depth === 0 ? value : JSON.stringify(value);
		case 'number':
		case 'boolean':
		case 'undefined':
		case 'bigint':
			return String(value) + (typeof value === 'bigint' ? 'n' : '');
		case 'symbol':
			return value.toString();
		case 'function':
			return `ƒ ${value.name || 'anonymous'}()`;
	}
	if (value === null) return 'null';
	const object = value as object;
	if (seen.has(object)) return '[Circular]';
	try {
		if (isErrorLike(object)) return describeError(object);
		if (typeof Node !== 'undefined' && object instanceof Node) return describeNode(object);
		if (depth >= MAX_DEPTH) return Array.isArray(object) ? `Array(${object.length})` : '{…}';
		seen.add(object);
		if (Array.isArray(object)) {
			const items = object.slice(0, MAX_KEYS).map((item) => formatValue(item, depth + 1, seen));
			if (object.length > MAX_KEYS) items.push(`… ${object.length - MAX_KEYS} more`);
			return `[${items.join(', ')}]`;
		}
		const keys = Object.keys(object);
		const parts = keys
			.slice(0, MAX_KEYS)
			.map(
				(key) => `${key}: ${formatValue((object as Record<string, unknown>)[key], depth + 1, seen)}`
			);
		if (keys.length > MAX_KEYS) parts.push(`… ${keys.length - MAX_KEYS} more`);
		const name = object.constructor?.name;
		const prefix = name && name !== 'Object' ? `${name} ` : '';
		return `${prefix}{${parts.join(', ')}}`;
	} catch {
		return Object.prototype.toString.call(object);
	} finally {
		seen.delete(object);
	}
}

function describeNode(node: Node): string {
	if (node instanceof Element) {
		const id = node.id ? `#${node.id}` : '';
		const classes =
			typeof node.className === 'string' && node.className
				? `.${node.className.trim().split(/\s+/).join('.')}`
				: '';
		return `<${node.tagName.toLowerCase()}${id}${classes}>`;
	}
	return node.nodeName;
}

/** printf-style substitutions of a first string argument (%s %d %i %f %o %O %c), then the rest. */
export function formatArgs(args: readonly unknown[], maxChars: number): string {
	const rest = [...args];
	let head = '';
	if (typeof rest[0] === 'string' && rest[0].includes('%')) {
		const format = rest.shift() as string;
		head = format.replace(/%([sdifoOc%])/g, (match, code: string) => {
			if (code === '%') return '%';
			if (rest.length === 0) return match;
			const value = rest.shift();
			if (code === 'c') return '';
			if (code === 'd' || code === 'i') return String(Number.parseInt(String(value), 10));
			if (code === 'f') return String(Number(value));
			return formatValue(value, code === 's' ? 0 : 1);
		});
	}
	const parts = rest.map((value) => formatValue(value));
	return bound(
		[head, ...parts].filter((part, index) => index > 0 || part !== '').join(' '),
		maxChars
	);
}
