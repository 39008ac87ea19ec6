import { describe, expect, it } from 'vitest';
import { BRIDGE_SCRIPT_PATH, isPreviewLocation, withBridge } from '../../../src/lib/preview/bridge';

const tag = `<script src="${BRIDGE_SCRIPT_PATH}"></script>`;

describe('the preview bridge', () => {
	it('goes right after the doctype, so the page keeps standards mode', () => {
		expect(withBridge('<!DOCTYPE html>\n<h1>x</h1>')).toBe(`<!DOCTYPE html>${tag}\n<h1>x</h1>`);
		expect(withBridge('\uFEFF  <!doctype html><p>')).toBe(`\uFEFF  <!doctype html>${tag}<p>`);
	});

	it('goes first in a page without a doctype', () => {
		expect(withBridge('<h1>x</h1>')).toBe(`${tag}<h1>x</h1>`);
		expect(withBridge('')).toBe(tag);
	});

	it('is believed only in its exact shape', () => {
		expect(isPreviewLocation({ type: 'kiln:preview-location', href: 'http://p/preview/1/' })).toBe(
			true
		);
		expect(isPreviewLocation({ type: 'kiln:preview-location', href: 42 })).toBe(false);
		expect(isPreviewLocation({ type: 'other', href: 'x' })).toBe(false);
		expect(isPreviewLocation(null)).toBe(false);
	});
});
