import { m } from '$lib/paraglide/messages';

const STATE = {
	planned: m.culture_state_planned,
	open: m.culture_state_open,
	closed: m.culture_state_closed
} satisfies Record<'planned' | 'open' | 'closed', () => string>;

export const cultureStateLabel = (state: keyof typeof STATE): string => STATE[state]();
