import type { LocalProviderId, ProbeOptions, ProbeOutcome } from './local-server';

/** Probes a local model server, loading the probe on first use (it is not part of the first paint). */
export async function probeLocalServer(
	provider: LocalProviderId,
	baseUrl: string | undefined,
	options: ProbeOptions
): Promise<ProbeOutcome> {
	return (await import('./local-probe')).probeLocalServer(provider, baseUrl, options);
}
