/**
 * What every response must carry (src/lib/server/security-headers.ts sets it): a
 * Content-Security-Policy that forbids framing and inline scripts, nosniff, and for
 * anything a logged-in user receives `Cache-Control: no-store` (no copy in the browser's
 * cache or back-forward cache on a shared computer). Returns the problems found.
 */
export function checkSecurityHeaders(
	headers: Record<string, string>,
	opts: { noStore: boolean }
): string[] {
	const problems: string[] = [];
	const csp = headers['content-security-policy'];
	if (!csp) {
		problems.push('no Content-Security-Policy');
	} else {
		const directives = new Map(
			csp
				.split(';')
				.map((d) => d.trim().split(/\s+/))
				.filter((d) => d[0])
				.map(([name, ...values]) => [name.toLowerCase(), values])
		);
		if (directives.get('frame-ancestors')?.join(' ') !== "'none'") {
			problems.push(`CSP without frame-ancestors 'none': ${csp}`);
		}
		const scripts = directives.get('script-src') ?? directives.get('default-src');
		if (!scripts) problems.push(`CSP without script-src or default-src: ${csp}`);
		else if (scripts.some((v) => /^'unsafe-(inline|eval)'$/.test(v))) {
			problems.push(`CSP allows inline scripts or eval: ${csp}`);
		}
	}
	if (headers['x-content-type-options'] !== 'nosniff') problems.push('no X-Content-Type-Options');
	if (opts.noStore && !/\bno-store\b/.test(headers['cache-control'] ?? '')) {
		problems.push(`Cache-Control without no-store: ${headers['cache-control'] ?? '(none)'}`);
	}
	return problems;
}
