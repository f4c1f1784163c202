import { m } from '$lib/paraglide/messages';

/**
 * What a recorded read was (src/lib/server/privacy/access-log.ts): a page or a download,
 * shown to the person in "Wie bekeek mijn gegevens" through this map, so a new kind
 * without its words does not compile.
 */
export const READ_WHAT_LABEL = {
	trajectory: m.privacy_what_trajectory,
	evidence_list: m.privacy_what_evidence_list,
	evidence_file: m.privacy_what_evidence_file,
	exemptions: m.privacy_what_exemptions,
	practice_statement: m.privacy_what_practice_statement,
	conversation: m.privacy_what_conversation,
	conversation_print: m.privacy_what_conversation_print,
	trainer_profile: m.privacy_what_trainer_profile,
	trajectories_export: m.privacy_what_trajectories_export,
	adviser_export: m.privacy_what_adviser_export
} satisfies Record<string, () => string>;

export type ReadWhat = keyof typeof READ_WHAT_LABEL;

/** The words for a recorded `what`, or null for one this version does not know. */
export function readWhatLabel(what: string | null): string | null {
	return what !== null && Object.hasOwn(READ_WHAT_LABEL, what)
		? READ_WHAT_LABEL[what as ReadWhat]()
		: null;
}
