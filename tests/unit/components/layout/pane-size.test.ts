import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
	clampPercent,
	loadPaneSize,
	savePaneSize
} from '../../../../src/lib/components/layout/pane-size';

describe('pane sizes', () => {
	beforeEach(() => {
		const store = new Map<string, string>();
		vi.stubGlobal('localStorage', {
			getItem: (key: string) => store.get(key) ?? null,
			setItem: (key: string, value: string) => void store.set(key, value)
		});
	});
	afterEach(() => vi.unstubAllGlobals());

	it('clamps to the allowed range and rejects nonsense', () => {
		expect(clampPercent(5, 10, 90)).toBe(10);
		expect(clampPercent(95, 10, 90)).toBe(90);
		expect(clampPercent(42, 10, 90)).toBe(42);
		expect(clampPercent(Number.NaN, 10, 90)).toBe(10);
	});

	it('remembers a size per key and falls back when none is stored', () => {
		expect(loadPaneSize('chat', 30)).toBe(30);
		savePaneSize('chat', 41.26);
		expect(loadPaneSize('chat', 30)).toBe(41.3);
		expect(loadPaneSize('tree', 20)).toBe(20);
	});

	it('survives storage that throws', () => {
		vi.stubGlobal('localStorage', {
			getItem: () => {
				throw new Error('blocked');
			},
			setItem: () => {
				throw new Error('full');
			}
		});
		expect(loadPaneSize('chat', 30)).toBe(30);
		expect(() => savePaneSize('chat', 50)).not.toThrow();
	});
});
