import pino from 'pino';

/** JSON logs on stdout; one line per event. LOG_LEVEL=debug|info|warn|error|silent. */
export const log = pino({
	level: process.env.LOG_LEVEL ?? (process.env.NODE_ENV === 'test' ? 'warn' : 'info'),
	base: { service: 'vakmaat' },
	redact: ['password', '*.password', 'token', '*.token', 'headers.cookie']
});
