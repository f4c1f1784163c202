import { json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';

/** Liveness: the process answers. Never touches the database. */
export const GET: RequestHandler = () => json({ status: 'ok' });
