import { describe, expect, it } from 'vitest';
import { flattenTree, treeKeyAction, type TreeKey } from '$lib/components/tree';
import { MemoryWorkspace } from '../../editor/memory-workspace';

const ws = new MemoryWorkspace({
	'src/lib/util.ts': '',
	'src/main.ts': '',
	'empty/.keep': '',
	'README.md': '',
	'package.json': ''
});
const rows = flattenTree((path) => ws.listDir(path), new Set(['src']));
// empty/ +, src/ -, lib/ +, main.ts, package.json, README.md

const press = (focused: string | null, key: string, extra: Partial<TreeKey> = {}) =>
	treeKeyAction(rows, focused, { key, ...extra });

describe('treeKeyAction', () => {
	it('moves down and up through visible rows and stops at the ends', () => {
		expect(press('src', 'ArrowDown')).toEqual({ type: 'focus', path: 'src/lib' });
		expect(press('src/main.ts', 'ArrowUp')).toEqual({ type: 'focus', path: 'src/lib' });
		expect(press('README.md', 'ArrowDown')).toEqual({ type: 'focus', path: 'README.md' });
		expect(press('empty', 'ArrowUp')).toEqual({ type: 'focus', path: 'empty' });
	});

	it('jumps to the first and last row with Home and End', () => {
		expect(press('src/main.ts', 'Home')).toEqual({ type: 'focus', path: 'empty' });
		expect(press('src/main.ts', 'End')).toEqual({ type: 'focus', path: 'README.md' });
	});

	it('starts at the top when nothing is focused', () => {
		expect(press(null, 'ArrowDown')).toEqual({ type: 'focus', path: 'empty' });
		expect(press('gone.ts', 'End')).toEqual({ type: 'focus', path: 'README.md' });
		expect(press(null, 'Enter')).toBeNull();
	});

	it('expands a closed folder with Right, then steps into it', () => {
		expect(press('src/lib', 'ArrowRight')).toEqual({ type: 'expand', path: 'src/lib' });
		expect(press('src', 'ArrowRight')).toEqual({ type: 'focus', path: 'src/lib' });
		expect(press('src/main.ts', 'ArrowRight')).toBeNull();
	});

	it('collapses an open folder with Left, otherwise moves to the parent', () => {
		expect(press('src', 'ArrowLeft')).toEqual({ type: 'collapse', path: 'src' });
		expect(press('src/main.ts', 'ArrowLeft')).toEqual({ type: 'focus', path: 'src' });
		expect(press('src/lib', 'ArrowLeft')).toEqual({ type: 'focus', path: 'src' });
		expect(press('README.md', 'ArrowLeft')).toBeNull();
	});

	it('opens files and toggles folders with Enter', () => {
		expect(press('src/main.ts', 'Enter')).toEqual({ type: 'open', path: 'src/main.ts' });
		expect(press('src', 'Enter')).toEqual({ type: 'collapse', path: 'src' });
		expect(press('empty', 'Enter')).toEqual({ type: 'expand', path: 'empty' });
	});

	it('renames with F2, deletes with Delete, opens the menu with Shift+F10 or ContextMenu', () => {
		expect(press('README.md', 'F2')).toEqual({ type: 'rename', path: 'README.md' });
		expect(press('README.md', 'Delete')).toEqual({ type: 'delete', path: 'README.md' });
		expect(press('README.md', 'Delete', { ctrlKey: true })).toBeNull();
		expect(press('src', 'F10', { shiftKey: true })).toEqual({ type: 'menu', path: 'src' });
		expect(press('src', 'F10')).toBeNull();
		expect(press('src', 'ContextMenu')).toEqual({ type: 'menu', path: 'src' });
	});

	it('jumps to the next name starting with a typed letter, wrapping around', () => {
		expect(press('empty', 'p')).toEqual({ type: 'focus', path: 'package.json' });
		expect(press('package.json', 'R')).toEqual({ type: 'focus', path: 'README.md' });
		expect(press('README.md', 'e')).toEqual({ type: 'focus', path: 'empty' });
		expect(press('empty', 'z')).toBeNull();
		expect(press('empty', 'p', { ctrlKey: true })).toBeNull();
	});
});
