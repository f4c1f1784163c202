import pino from 'pino';

/** JSON logs on stdout; one line per event. LOG_LEVEL=debug|info|warn|error|silent. */
export const log = pino({
	level: process.env.LOG_LEVEL ?? (process.env.NODE_ENV === 'test' ? 'warn' : 'info'),
	base: { service: 'vakmaat' },
	redact: ['password', '*.password', 'token', '*.token', 'headers.cookie']
});

/**
 * A path for the log without the secret in it: the personal links of invitations,
 * password resets and learning-culture scans carry a token in their path, and a log
 * line with it and its time could tie an anonymous scan answer to a person.
 */
export function loggablePath(pathname: string): string {
	return pathname.replace(
		/^\/(uitnodiging|wachtwoord-herstellen|leercultuur)\/[^/]+/,
		'/$1/[token]'
	);
}
