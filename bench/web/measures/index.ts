/** Every measure `npm run bench:web` runs, in table order: one import line per measure. */
import type { WebBenchMeasure } from '../types';
import { bytes } from './bytes';
import { load } from './load';
import { runtimeMeasure } from './runtime';
import { bareOpen } from './bare-open';
import { commandMeasure } from './command';
import { firstSend } from './first-send';
import { chatMeasure } from './chat';
import { heap } from './heap';

export const MEASURES: WebBenchMeasure[] = [
	bytes,
	load,
	runtimeMeasure,
	bareOpen,
	commandMeasure,
	firstSend,
	chatMeasure,
	heap
];
