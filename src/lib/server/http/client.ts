import type { RequestEvent } from '@sveltejs/kit';

/** The client's address (for throttling), or 'unknown' where the adapter cannot tell. */
export function clientIp(event: RequestEvent): string {
	try {
		return event.getClientAddress();
	} catch {
		return 'unknown';
	}
}
