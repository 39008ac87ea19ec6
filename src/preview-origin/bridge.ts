// Bundled to /__kiln/bridge.js by scripts/preview-origin.mjs; every preview HTML page loads it
// first (src/lib/preview/bridge.ts says why, src/lib/preview/page what it reports). WebContainer
// previews get the same bundle as their preview script.
import { installBridge } from '../lib/preview/origin';

const script = document.currentScript;
installBridge(script instanceof HTMLScriptElement && script.src ? script.src : undefined);
