/**
 * What a person loses when this Kiln has no preview origin configured. The page is then shown
 * from index.html's text in a frame with an opaque origin (no allow-same-origin), which keeps it
 * away from the IDE's keys and projects, at a price worth saying plainly.
 */
export const SANDBOX_NOTICE =
	'No preview origin is configured for this Kiln, so the page is shown in a locked sandbox: only index.html itself, without its scripts, its other files (stylesheets, images, other pages) or storage. Run Kiln with npm start, or configure a preview origin (see the README), for a full preview.';
