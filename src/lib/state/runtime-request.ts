/** Which runtime the person asked for in the URL (`?runtime=browser|webcontainer`); `auto` otherwise. */
export type RuntimeRequest = 'auto' | 'browser' | 'webcontainer';

export function parseRuntimeRequest(search: URLSearchParams): RuntimeRequest {
	const value = search.get('runtime');
	return value === 'browser' || value === 'webcontainer' ? value : 'auto';
}
