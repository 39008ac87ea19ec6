import type { SyntaxNode } from '@lezer/common';
import { parser } from '@lezer/javascript';
import { childrenOf, nameList, oneLine, textOf } from './text';

/** Lezer's JavaScript dialects: `ts`, `jsx`, both (`ts jsx`), or plain JavaScript (''). */
export type ScriptDialect = '' | 'ts' | 'jsx' | 'ts jsx';

const DECLARATIONS = new Set([
	'FunctionDeclaration',
	'ClassDeclaration',
	'VariableDeclaration',
	'InterfaceDeclaration',
	'TypeAliasDeclaration',
	'EnumDeclaration',
	'NamespaceDeclaration',
	'AmbientDeclaration'
]);

const MAX_MEMBERS = 12;

/**
 * Top-level definitions of a script: functions with their parameters, classes with their public
 * members, exported variables (and any function-valued one), interfaces, types, enums and
 * re-exports. Bodies are never included: the outline says where things are, not how they work.
 */
export function outlineScript(source: string, dialect: ScriptDialect): string[] {
	const tree = parser.configure({ dialect }).parse(source);
	const lines: string[] = [];
	for (const statement of childrenOf(tree.topNode)) {
		lines.push(...describeStatement(statement, source, ''));
	}
	return lines;
}

function describeStatement(node: SyntaxNode, source: string, prefix: string): string[] {
	switch (node.name) {
		case 'ExportDeclaration':
			return describeExport(node, source);
		case 'FunctionDeclaration':
			return [prefix + describeFunction(node, source)];
		case 'ClassDeclaration':
			return [prefix + describeClass(node, source)];
		case 'VariableDeclaration':
			return describeVariables(node, source, prefix);
		case 'InterfaceDeclaration':
			return [prefix + describeInterface(node, source)];
		case 'TypeAliasDeclaration': {
			const name = textOf(source, node.getChild('TypeDefinition'));
			const params = textOf(source, node.getChild('TypeParamList'));
			const equals = node.getChild('Equals');
			const value = equals ? oneLine(source.slice(equals.to, node.to).replace(/;$/, ''), 60) : '';
			return [`${prefix}type ${name}${oneLine(params, 40)}${value ? ' = ' + value : ''}`];
		}
		case 'EnumDeclaration': {
			const name = textOf(source, node.getChild('TypeDefinition'));
			const members = node.getChild('EnumBody')?.getChildren('PropertyName') ?? [];
			const names = members.map((member) => textOf(source, member));
			return [`${prefix}enum ${name} { ${nameList(names, MAX_MEMBERS)} }`];
		}
		case 'NamespaceDeclaration':
		case 'AmbientDeclaration':
			return [prefix + oneLine(source.slice(node.from, bodyStart(node)), 80)];
		default:
			return [];
	}
}

function describeExport(node: SyntaxNode, source: string): string[] {
	const isDefault = node.getChild('default') !== null;
	const prefix = isDefault ? 'export default ' : 'export ';
	const declaration = [...childrenOf(node)].find((child) => DECLARATIONS.has(child.name));
	if (declaration) return describeStatement(declaration, source, prefix);
	const from = node.getChild('String');
	const fromText = from ? ` from ${textOf(source, from)}` : '';
	const group = node.getChild('ExportGroup');
	if (group) return [`export ${oneLine(textOf(source, group), 100)}${fromText}`];
	if (node.getChild('Star')) return [`export *${fromText}`];
	if (isDefault) {
		// `export default defineConfig({...})`: the expression's head says enough.
		const head = source.slice(node.getChild('default')!.to, node.to).replace(/;\s*$/, '');
		return [`export default ${oneLine(head, 50)}`];
	}
	return [];
}

function describeFunction(node: SyntaxNode, source: string): string {
	const isAsync = node.getChild('async') !== null;
	const star = node.getChild('Star') ? '*' : '';
	const name = textOf(source, node.getChild('VariableDefinition'));
	return `${isAsync ? 'async ' : ''}function${star}${name ? ' ' + name : ''}${signature(node, source)}`;
}

/** `<T>(a: string, b = 2): number` of a function, method or arrow, each part clipped. */
function signature(node: SyntaxNode, source: string): string {
	const typeParams = oneLine(textOf(source, node.getChild('TypeParamList')), 40);
	const params = oneLine(textOf(source, node.getChild('ParamList')) || '()', 90);
	const returns = node.getChild('TypeAnnotation');
	return `${typeParams}${params}${returns ? oneLine(textOf(source, returns), 50) : ''}`;
}

function describeClass(node: SyntaxNode, source: string): string {
	const body = node.getChild('ClassBody');
	const head = oneLine(source.slice(node.from, body?.from ?? node.to), 100);
	const members: string[] = [];
	for (const member of body ? childrenOf(body) : []) {
		if (member.name !== 'MethodDeclaration' && member.name !== 'PropertyDeclaration') continue;
		// Private members are the class's own business; the map lists what others can use.
		const privacy = textOf(source, member.getChild('Privacy'));
		if (privacy === 'private' || privacy === 'protected') continue;
		const name = textOf(
			source,
			member.getChild('PropertyDefinition') ?? member.getChild('PrivatePropertyDefinition')
		);
		if (!name || name.startsWith('#') || name === 'constructor') continue;
		const isStatic = member.getChild('static') ? 'static ' : '';
		const accessor = member.getChild('get') ? 'get ' : member.getChild('set') ? 'set ' : '';
		const isMethod = member.name === 'MethodDeclaration' && !accessor;
		members.push(`${isStatic}${accessor}${name}${isMethod ? '()' : ''}`);
	}
	const unique = [...new Set(members)];
	return unique.length > 0 ? `${head} { ${nameList(unique, MAX_MEMBERS)} }` : head;
}

function describeVariables(node: SyntaxNode, source: string, prefix: string): string[] {
	const kind = node.firstChild ? textOf(source, node.firstChild) : 'const';
	const lines: string[] = [];
	for (const child of childrenOf(node)) {
		if (!['VariableDefinition', 'ObjectPattern', 'ArrayPattern'].includes(child.name)) continue;
		const name = oneLine(textOf(source, child), 60);
		// What follows the name: a type annotation, then `=` and the value.
		let type = '';
		let value: SyntaxNode | null = null;
		for (let next = child.nextSibling; next && next.name !== ','; next = next.nextSibling) {
			if (next.name === 'TypeAnnotation') type = oneLine(textOf(source, next), 50);
			else if (next.name !== 'Equals' && next.name !== ';') value ??= next;
		}
		const isFunction = value?.name === 'ArrowFunction' || value?.name === 'FunctionExpression';
		const valueText = value ? textOf(source, value) : '';
		if (isFunction) {
			const isAsync = value!.getChild('async') ? 'async ' : '';
			const arrow = value!.name === 'ArrowFunction' ? ' =>' : '';
			const fn = value!.name === 'FunctionExpression' ? 'function' : '';
			lines.push(
				`${prefix}${kind} ${name}${type} = ${isAsync}${fn}${signature(value!, source)}${arrow}`
			);
		} else if (/^\$props\s*\(/.test(valueText)) {
			// Svelte 5: a component's props are the most useful thing its script defines.
			lines.push(`${prefix}${kind} ${name}${type} = $props()`);
		} else if (prefix !== '') {
			lines.push(`${prefix}${kind} ${name}${type}`);
		}
	}
	return lines;
}

function describeInterface(node: SyntaxNode, source: string): string {
	const body = node.getChild('ObjectType');
	const head = oneLine(source.slice(node.from, body?.from ?? node.to), 100);
	const names: string[] = [];
	for (const member of body ? childrenOf(body) : []) {
		const name = textOf(source, member.getChild('PropertyDefinition'));
		if (!name) continue;
		names.push(member.name === 'MethodType' ? `${name}()` : name);
	}
	return names.length > 0 ? `${head} { ${nameList(names, MAX_MEMBERS)} }` : head;
}

function bodyStart(node: SyntaxNode): number {
	let block: SyntaxNode | null = null;
	node.cursor().iterate((inner) => {
		if (block) return false;
		if (inner.name === 'Block') {
			block = inner.node;
			return false;
		}
		return undefined;
	});
	return (block as SyntaxNode | null)?.from ?? node.to;
}
