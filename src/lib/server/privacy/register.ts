/**
 * The data register (issue 18): per table, which personal data Vakmaat holds, why, on
 * which legal basis, who can see it and how long it is kept. This module is the one
 * machine-readable source: `tests/integration/privacy-register.test.ts` compares it with
 * the columns of a migrated database (a column that is in neither `personal` nor
 * `notPersonal` fails, naming it; so does a registered column that no longer exists), and
 * `tests/unit/privacy-register.test.ts` checks that docs/privacy.md carries exactly
 * {@link renderRegister}'s table. Why a TS module rather than parsing the Markdown: the
 * entries are typed (a legal basis is one of five, not free text), the export and later
 * the erasure job can import the same list, and the Markdown stays a rendering.
 *
 * "Personal" is read broadly (AVG art. 4): a user id, a free-text field that may name
 * someone, an e-mail address, a date tied to a person. Reference data (the qualification
 * structure, regions) and aggregates behind the small-numbers threshold are not.
 */

export type LegalBasis =
	/** AVG 6(1)(b): needed to provide the service the user signed up for (their account). */
	| 'contract'
	/** AVG 6(1)(c): a legal obligation (e.g. keeping a record of a diploma route). */
	| 'legal_obligation'
	/** AVG 6(1)(e): SBB's public task (recognition and advice of leerbedrijven). */
	| 'public_task'
	/** AVG 6(1)(f): legitimate interest of the company or of SBB (security, coaching). */
	| 'legitimate_interest'
	/** AVG 6(1)(a): consent, which can be withdrawn. */
	| 'consent';

export const LEGAL_BASIS_TEXT: Record<LegalBasis, string> = {
	contract: 'agreement (AVG 6.1.b)',
	legal_obligation: 'legal obligation (AVG 6.1.c)',
	public_task: 'public task (AVG 6.1.e)',
	legitimate_interest: 'legitimate interest (AVG 6.1.f)',
	consent: 'consent (AVG 6.1.a)'
};

export interface RegisteredTable {
	table: string;
	/** Column → which personal datum it holds. */
	personal: Record<string, string>;
	/** Columns that hold no personal data (ids of non-persons, reference data, counts). */
	notPersonal: string[];
	/** The following are required when `personal` is not empty. */
	purpose?: string;
	legalBasis?: LegalBasis;
	visibleTo?: string;
	retention?: string;
}

/** Retention wordings used by several tables. */
const UNTIL_ERASURE =
	'while the account exists (the account, not a company, holds it: leaving a company does not remove it); removed when the user asks for erasure and an admin carries it out (privacy/erasure.ts)';
const COMPANY_RECORD =
	"while the person is a member of the company; afterwards the company's retention period (6–84 months, default 24), then anonymised by the daily job";
const REFERENCE = 'reference data, no personal data';

/** `created_by`-style columns: which account did something. */
const who = (what: string) => `account that ${what}`;

export const REGISTER: RegisteredTable[] = [
	// ── Accounts and tenancy ───────────────────────────────────────────────────────────
	{
		table: 'app_user',
		personal: {
			id: 'the account',
			email: 'e-mail address (login name)',
			name: 'name',
			password_hash: 'Argon2id hash of the password',
			locale: 'preferred language',
			created_at: 'when the account was made',
			password_changed_at: 'when the password was last changed',
			totp_key: 'second-factor key (sealed)',
			totp_enabled_at: 'when two-step login was switched on',
			totp_pending_key: 'second-factor key being set up (sealed)',
			totp_last_counter: 'last accepted code step',
			totp_failures: 'failed code attempts',
			totp_locked_until: 'second factor locked until'
		},
		notPersonal: [],
		purpose: 'logging in, addressing the user, securing the account',
		legalBasis: 'contract',
		visibleTo:
			'the user; name and e-mail to HR of their companies and, for trainers, to their learners; admins',
		retention: UNTIL_ERASURE
	},
	{
		table: 'user_session',
		personal: {
			id: 'hash of the session token',
			user_id: 'the account',
			expires_at: 'session expiry',
			created_at: 'when the user logged in',
			two_factor_verified: 'whether the second factor was given'
		},
		notPersonal: [],
		purpose: 'keeping the user logged in',
		legalBasis: 'contract',
		visibleTo: 'nobody in the application (the session lookup only)',
		retention: 'until expiry; expired sessions are removed by the daily housekeeping'
	},
	{
		table: 'totp_recovery_code',
		personal: {
			user_id: 'the account',
			code_hash: 'hash of a recovery code',
			used_at: 'when it was used'
		},
		notPersonal: [],
		purpose: 'regaining access without the authenticator',
		legalBasis: 'contract',
		visibleTo: 'nobody (hashes only)',
		retention: 'until two-step login is switched off or new codes are made'
	},
	{
		table: 'platform_role',
		personal: {
			user_id: 'the account',
			role: 'platform role (adviser, admin)',
			created_at: 'since'
		},
		notPersonal: [],
		purpose: 'authorisation of SBB staff',
		legalBasis: 'contract',
		visibleTo: 'admins',
		retention: 'while the role is held'
	},
	{
		table: 'adviser_region',
		personal: { user_id: 'the adviser', region_id: 'regions the adviser serves' },
		notPersonal: [],
		purpose: 'scoping an adviser to their regions',
		legalBasis: 'public_task',
		visibleTo: 'admins, the adviser',
		retention: 'while the adviser serves the region'
	},
	{
		table: 'company',
		personal: {},
		notPersonal: [
			'id',
			'slug',
			'name',
			'kvk_number',
			'sbb_number',
			'street',
			'postcode',
			'city',
			'region_id',
			'sector_chamber_id',
			'created_at',
			'retention_months'
		]
	},
	{
		table: 'membership',
		personal: {
			user_id: 'the member',
			company_id: 'the company they belong to',
			roles: 'roles in the company',
			created_at: 'since',
			deactivated_at: 'when the membership ended',
			ends_on: 'the date HR set for the membership to end',
			anonymised_at: "when the member's records in the company were anonymised"
		},
		notPersonal: [],
		purpose: 'who works or learns in which company and in which role',
		legalBasis: 'contract',
		visibleTo: 'the member; HR of the company until the records are anonymised',
		retention:
			"while the account exists (the member's own record of having been in the company); hidden from the company once its records of the member are anonymised"
	},
	{
		table: 'passport_snapshot',
		personal: {
			id: 'the snapshot',
			user_id: 'the account it belongs to',
			company_name: 'the company the person left',
			left_on: 'when the membership ended',
			taken_at: 'when the company records were anonymised',
			trajectories:
				'what the person achieved there: trajectories, work processes competent or exempt, by whom and when',
			certificates: 'certificates obtained there'
		},
		notPersonal: [],
		purpose:
			"the LLO passport keeps what the person achieved after a company's records are anonymised",
		legalBasis: 'contract',
		visibleTo: 'the person only (not the company)',
		retention: 'while the account exists'
	},
	{
		table: 'invitation',
		personal: {
			email: 'e-mail address of the invitee',
			roles: 'roles offered',
			invited_by: who('sent the invitation'),
			created_at: 'when invited',
			expires_at: 'expiry',
			accepted_at: 'when accepted',
			revoked_at: 'when revoked'
		},
		notPersonal: ['company_id', 'id', 'token_hash'],
		purpose: 'inviting someone to a company',
		legalBasis: 'legitimate_interest',
		visibleTo: 'HR of the company',
		retention: '30 days after it stopped working (daily housekeeping)'
	},
	{
		table: 'password_reset',
		personal: {
			user_id: 'the account',
			created_at: 'when asked',
			expires_at: 'expiry',
			used_at: 'when used'
		},
		notPersonal: ['id', 'token_hash'],
		purpose: 'resetting a forgotten password',
		legalBasis: 'contract',
		visibleTo: 'nobody in the application',
		retention: '30 days after it stopped working (daily housekeeping)'
	},
	{
		table: 'audit_log',
		personal: {
			actor_user_id: who('did it'),
			subject_user_id: 'the person whose data was read or changed',
			company_id: 'the company it happened in',
			data: 'details (role, page, what an export contained)',
			request_id: 'request id (ties it to the server log)',
			created_at: 'when'
		},
		notPersonal: ['id', 'action', 'entity_type', 'entity_id'],
		purpose: 'accountability: who read or changed which record (NEN 7513-style access log)',
		legalBasis: 'legal_obligation',
		visibleTo: 'the subject ("Wie bekeek mijn gegevens"), admins',
		retention:
			'kept for accountability, partitioned by month (migration 0030); after erasure only that an erasure happened'
	},
	{
		table: 'personal_data_export',
		personal: {
			user_id: 'the account that asked for its data',
			created_at: 'when asked',
			expires_at: 'link expiry',
			used_at: 'when downloaded'
		},
		notPersonal: ['id', 'token_hash'],
		purpose: 'a single-use, expiring link to the download of all own data',
		legalBasis: 'legal_obligation',
		visibleTo: 'nobody in the application (the download is in the audit log)',
		retention:
			"until it expires (10 minutes; the daily housekeeping removes it), or the user's next request"
	},
	{
		table: 'erasure_request',
		personal: {
			user_id: 'the account that asked to be deleted (null once carried out)',
			requested_at: 'when asked',
			cancelled_at: 'when withdrawn',
			executed_at: 'when carried out',
			executed_by: 'admin who carried it out'
		},
		notPersonal: ['id'],
		purpose: 'erasure on request: the admin sees and carries out the request',
		legalBasis: 'legal_obligation',
		visibleTo: 'the user (own open request), admins',
		retention: 'kept without the person once carried out (only that an erasure happened)'
	},
	{
		table: 'login_attempt',
		personal: {
			email: 'e-mail address tried',
			ip: 'IP address',
			success: 'outcome',
			created_at: 'when'
		},
		notPersonal: ['id'],
		purpose: 'throttling password guessing',
		legalBasis: 'legitimate_interest',
		visibleTo: 'nobody in the application',
		retention: 'one day (daily housekeeping)'
	},
	{
		table: 'auth_throttle',
		personal: {
			key: 'e-mail address or IP address being throttled',
			hits: 'attempts',
			blocked_until: 'blocked until',
			window_started_at: 'window start',
			last_hit_at: 'last attempt'
		},
		notPersonal: [],
		purpose: 'throttling password guessing and reset mails',
		legalBasis: 'legitimate_interest',
		visibleTo: 'nobody in the application',
		retention: 'while a window is open'
	},
	{
		table: 'form_token',
		personal: {
			user_id: 'the account',
			result: 'id of what a form created',
			created_at: 'when'
		},
		notPersonal: ['purpose', 'token'],
		purpose: 'no double records on a double submit',
		legalBasis: 'contract',
		visibleTo: 'nobody in the application',
		retention: 'two days (daily housekeeping)'
	},
	{
		table: 'mail_outbox',
		personal: {
			recipient: 'e-mail address',
			subject: 'subject (may name a person)',
			body: 'mail text (may name a person)',
			created_at: 'when queued',
			sent_at: 'when sent',
			last_error: 'delivery error (may contain the address)'
		},
		notPersonal: ['id', 'kind', 'status', 'attempts', 'next_attempt_at'],
		purpose: 'delivering mails after the transaction that wrote them',
		legalBasis: 'contract',
		visibleTo: 'nobody in the application',
		retention: 'sent: 30 days, failed: 90 days (daily housekeeping)'
	},
	{ table: 'job_run', personal: {}, notPersonal: ['job', 'last_run_at'] },

	// ── Reference data ─────────────────────────────────────────────────────────────────
	{ table: 'region', personal: {}, notPersonal: ['id', 'name', 'tile_col', 'tile_row'] },
	{ table: 'sector_chamber', personal: {}, notPersonal: ['id', 'name'] },
	{ table: 'competence', personal: {}, notPersonal: ['code', 'sbb_nr', 'title'] },
	{
		table: 'qualification_dossier',
		personal: { imported_by: who('imported it') },
		notPersonal: [
			'id',
			'nr',
			'version_no',
			'title',
			'sbb_version',
			'status',
			'crebo',
			'valid_from',
			'end_intake',
			'end_training',
			'price_factor',
			'adopted_on',
			'sector_chamber_id',
			'domain',
			'content_hash',
			'source',
			'source_file',
			'imported_at',
			'superseded_at',
			'superseded_by'
		],
		purpose: 'who imported reference data',
		legalBasis: 'public_task',
		visibleTo: 'admins',
		retention: 'as long as the version'
	},
	{
		table: 'qualification',
		personal: {},
		notPersonal: [
			'id',
			'dossier_id',
			'nr',
			'code',
			'crebo',
			'title',
			'level',
			'occupational_group',
			'valid_from',
			'end_intake',
			'end_training',
			'study_load_hours',
			'search'
		]
	},
	{
		table: 'core_task',
		personal: {},
		notPersonal: [
			'id',
			'dossier_id',
			'qualification_id',
			'nr',
			'code',
			'title',
			'complexity',
			'responsibility',
			'position'
		]
	},
	{
		table: 'work_process',
		personal: {},
		notPersonal: [
			'id',
			'dossier_id',
			'core_task_id',
			'nr',
			'code',
			'title',
			'description',
			'result',
			'behaviour',
			'position',
			'search'
		]
	},
	{
		table: 'work_process_competence',
		personal: {},
		notPersonal: ['work_process_id', 'competence_code']
	},
	{
		table: 'work_process_supplement',
		personal: {},
		notPersonal: [
			'work_process_id',
			'qualification_id',
			'description',
			'result',
			'behaviour',
			'competence_codes'
		]
	},
	{
		table: 'elective',
		personal: {},
		notPersonal: ['id', 'code', 'title', 'level', 'study_load_hours', 'created_at']
	},
	{
		table: 'certificate',
		personal: { created_by: who('added it') },
		notPersonal: ['id', 'code', 'title', 'qualification_id', 'elective_id', 'created_at'],
		purpose: 'who added reference data',
		legalBasis: 'public_task',
		visibleTo: 'admins',
		retention: 'as long as the certificate'
	},
	{
		table: 'certificate_work_process',
		personal: {},
		notPersonal: ['certificate_id', 'work_process_id']
	},
	{
		table: 'qualification_import',
		personal: { imported_by: who('imported it') },
		notPersonal: ['id', 'file_name', 'file_hash', 'imported_at', 'summary'],
		purpose: 'who imported reference data',
		legalBasis: 'public_task',
		visibleTo: 'admins',
		retention: 'as long as the import record'
	},
	{
		table: 'qualification_upload',
		personal: { uploaded_by: who('uploaded it') },
		notPersonal: ['id', 'file_name', 'file_hash', 'content', 'uploaded_at'],
		purpose: 'staging an import',
		legalBasis: 'public_task',
		visibleTo: 'admins',
		retention: 'until confirmed or discarded'
	},

	// ── Trajectories and progress ──────────────────────────────────────────────────────
	{
		table: 'learner',
		personal: {
			id: 'the learner in this company',
			user_id: 'their account, once they have one',
			name: 'name',
			email: 'e-mail address',
			created_at: 'when added',
			created_by: who('added the learner')
		},
		notPersonal: ['company_id'],
		purpose: "recording a learner's development at the company",
		legalBasis: 'legitimate_interest',
		visibleTo: 'the learner, HR, the trainers of their trajectories',
		retention: COMPANY_RECORD
	},
	{
		table: 'trajectory',
		personal: {
			learner_id: 'the learner',
			route: 'learning route',
			target_kind: 'kind of target',
			qualification_id: 'target qualification',
			certificate_id: 'target certificate',
			title: 'title',
			school: 'school',
			start_date: 'start',
			planned_end_date: 'planned end',
			status: 'status',
			created_at: 'when made',
			created_by: who('made it'),
			status_changed_at: 'when the status changed'
		},
		notPersonal: ['company_id', 'id'],
		purpose: "the learner's route to a diploma, certificate or statement",
		legalBasis: 'legitimate_interest',
		visibleTo: 'the learner, HR, the trainers of the trajectory',
		retention: COMPANY_RECORD + '; achievements stay in the LLO passport'
	},
	{
		table: 'trajectory_trainer',
		personal: { trajectory_id: 'the trajectory', user_id: 'its trainer' },
		notPersonal: ['company_id'],
		purpose: 'who coaches whom',
		legalBasis: 'legitimate_interest',
		visibleTo: 'the learner, HR, the trainer',
		retention: COMPANY_RECORD
	},
	{
		table: 'trajectory_work_process',
		personal: { trajectory_id: 'the trajectory', work_process_id: 'a work process in its target' },
		notPersonal: ['company_id'],
		purpose: "the trajectory's target",
		legalBasis: 'legitimate_interest',
		visibleTo: 'the learner, HR, the trainers of the trajectory',
		retention: COMPANY_RECORD
	},
	{
		table: 'assessment',
		personal: {
			trajectory_id: 'the trajectory (so the learner)',
			work_process_id: 'work process judged',
			level: 'the judgement (0–3)',
			assessor_kind: 'trainer, self or school',
			assessor_name: 'name of a school assessor',
			assessed_by: who('recorded it'),
			assessed_on: 'date of the judgement',
			comment: 'comment (free text)',
			created_at: 'when recorded'
		},
		notPersonal: ['company_id', 'id'],
		purpose: 'judging progress per work process',
		legalBasis: 'legitimate_interest',
		visibleTo: 'the learner, HR, the trainers of the trajectory',
		retention: COMPANY_RECORD + '; competent work processes stay in the LLO passport'
	},
	{
		table: 'exemption',
		personal: {
			trajectory_id: 'the trajectory (so the learner)',
			work_process_id: 'work process exempted',
			basis: 'basis (evc, earlier diploma)',
			reference: 'reference of the proof (free text)',
			granted_on: 'date',
			recorded_by: who('recorded it'),
			created_at: 'when recorded'
		},
		notPersonal: ['company_id', 'id'],
		purpose: 'recognising prior learning',
		legalBasis: 'legitimate_interest',
		visibleTo: 'the learner, HR, the trainers of the trajectory',
		retention: COMPANY_RECORD + '; stays in the LLO passport'
	},
	{
		table: 'obtained_certificate',
		personal: {
			learner_id: 'the learner',
			certificate_id: 'certificate obtained',
			obtained_on: 'date',
			issuer: 'issuer',
			recorded_by: who('recorded it'),
			created_at: 'when recorded'
		},
		notPersonal: ['company_id', 'id'],
		purpose: 'distance to a diploma; the LLO passport',
		legalBasis: 'legitimate_interest',
		visibleTo: 'the learner, HR, the trainers of the learner',
		retention: COMPANY_RECORD + '; stays in the LLO passport'
	},
	{
		table: 'evidence',
		personal: {
			trajectory_id: 'the trajectory (so the learner)',
			work_process_id: 'work process it supports',
			kind: 'note, file or link',
			title: 'title',
			body: 'note (free text)',
			url: 'link',
			file_name: 'name of the uploaded file',
			content_type: 'file type',
			size_bytes: 'file size',
			storage_key: 'where the file is stored (the file itself is personal data too)',
			created_by: who('added it'),
			created_at: 'when added'
		},
		notPersonal: ['company_id', 'id'],
		purpose: 'proof of what the learner can do',
		legalBasis: 'legitimate_interest',
		visibleTo: 'the learner, HR, the trainers of the trajectory',
		retention: COMPANY_RECORD + '; files are removed with the record'
	},
	{
		table: 'trajectory_progress',
		personal: {
			trajectory_id: 'the trajectory (so the learner)',
			total: 'target size',
			competent: 'work processes competent',
			exempt: 'work processes exempt',
			last_assessed_on: 'last judgement'
		},
		notPersonal: ['company_id'],
		purpose: 'progress lists (maintained summary of the judgements)',
		legalBasis: 'legitimate_interest',
		visibleTo: 'the learner, HR, the trainers of the trajectory',
		retention: 'as the trajectory'
	},
	{
		table: 'assessment_month',
		personal: {},
		notPersonal: ['company_id', 'month', 'assessor_kind', 'assessments']
	},

	// ── Trainer profiles ───────────────────────────────────────────────────────────────
	{
		table: 'competence_framework_version',
		personal: { created_by: who('made the version') },
		notPersonal: ['id', 'number', 'status', 'published_at', 'created_at'],
		purpose: 'who edited reference data',
		legalBasis: 'public_task',
		visibleTo: 'admins',
		retention: 'as long as the version'
	},
	{
		table: 'competence_area',
		personal: {},
		notPersonal: ['id', 'version_id', 'code', 'name', 'description', 'position', 'source']
	},
	{
		table: 'competence_indicator',
		personal: {},
		notPersonal: ['id', 'area_id', 'text', 'position']
	},
	{
		table: 'trainer_profile',
		personal: {
			user_id: 'the trainer',
			bio: 'introduction (free text)',
			specialisms: 'specialisms',
			languages: 'languages',
			years_experience: 'years of experience',
			updated_at: 'last change'
		},
		notPersonal: [],
		purpose: "the trainer's LLO profile, shown in their companies",
		legalBasis: 'legitimate_interest',
		visibleTo:
			'the trainer; HR and colleagues in their companies; jurors of a round they are nominated in',
		retention: UNTIL_ERASURE
	},
	{
		table: 'trainer_profile_sector',
		personal: { user_id: 'the trainer', sector_chamber_id: 'sector' },
		notPersonal: [],
		purpose: "the trainer's LLO profile",
		legalBasis: 'legitimate_interest',
		visibleTo: 'as trainer_profile',
		retention: UNTIL_ERASURE
	},
	{
		table: 'trainer_profile_qualification',
		personal: { user_id: 'the trainer', qualification_id: 'qualification they coach for' },
		notPersonal: [],
		purpose: "the trainer's LLO profile",
		legalBasis: 'legitimate_interest',
		visibleTo: 'as trainer_profile',
		retention: UNTIL_ERASURE
	},
	{
		table: 'trainer_capacity',
		personal: {
			user_id: 'the trainer',
			max_learners: 'how many learners they can coach',
			updated_at: 'last change',
			updated_by: who('set it')
		},
		notPersonal: ['company_id'],
		purpose: 'planning coaching in the company',
		legalBasis: 'legitimate_interest',
		visibleTo: 'the trainer, HR',
		retention: COMPANY_RECORD
	},
	{
		table: 'self_assessment',
		personal: {
			id: 'the round',
			user_id: 'the trainer',
			version_id: 'framework version',
			status: 'draft or submitted',
			created_at: 'started',
			updated_at: 'last change',
			submitted_at: 'submitted'
		},
		notPersonal: [],
		purpose: "the trainer's own reflection on their competences",
		legalBasis: 'legitimate_interest',
		visibleTo: 'the trainer; HR of their companies (submitted rounds)',
		retention: UNTIL_ERASURE
	},
	{
		table: 'self_assessment_answer',
		personal: {
			assessment_id: 'the round (so the trainer)',
			indicator_id: 'indicator',
			level: 'own judgement',
			reflection: 'reflection (free text)'
		},
		notPersonal: [],
		purpose: "the trainer's own reflection on their competences",
		legalBasis: 'legitimate_interest',
		visibleTo: 'as self_assessment',
		retention: UNTIL_ERASURE
	},
	{
		table: 'development_activity',
		personal: {
			id: 'the activity',
			user_id: 'the trainer',
			kind: 'kind',
			title: 'title',
			provider: 'provider',
			activity_date: 'date',
			hours: 'hours',
			impact: 'what it changed (free text)',
			created_at: 'when recorded'
		},
		notPersonal: [],
		purpose: "the trainer's development log",
		legalBasis: 'legitimate_interest',
		visibleTo: 'the trainer; HR of their companies',
		retention: UNTIL_ERASURE
	},
	{
		table: 'development_goal',
		personal: {
			id: 'the goal',
			user_id: 'the trainer',
			text: 'goal (free text)',
			target_date: 'target date',
			status: 'status',
			created_at: 'when recorded'
		},
		notPersonal: [],
		purpose: "the trainer's development plan",
		legalBasis: 'legitimate_interest',
		visibleTo: 'the trainer; HR of their companies',
		retention: UNTIL_ERASURE
	},
	{
		table: 'trainer_feedback',
		personal: {
			trainer_user_id: 'the trainer it is about',
			learner_id: 'the learner who gave it',
			explains: 'score',
			listens: 'score',
			recognises: 'score',
			available: 'score',
			submitted_at: 'when'
		},
		notPersonal: ['company_id'],
		purpose: 'feedback of learners to their trainer',
		legalBasis: 'legitimate_interest',
		visibleTo:
			'the learner who gave it; the trainer and HR only as an aggregate of at least 3 responses',
		retention: COMPANY_RECORD
	},
	{
		table: 'trainer_llo_summary',
		personal: {
			user_id: 'the trainer',
			version_id: 'framework version assessed',
			areas_assessed_on: 'oldest latest self-assessment per area',
			last_activity_on: 'latest development activity',
			updated_at: 'last refresh'
		},
		notPersonal: [],
		purpose: '"LLO-profiel compleet" (maintained summary)',
		legalBasis: 'legitimate_interest',
		visibleTo: 'the trainer, HR; advisers as a share per company',
		retention: 'as the profile'
	},

	// ── Conversations ──────────────────────────────────────────────────────────────────
	{
		table: 'conversation_template',
		personal: { created_by: who('made the template') },
		notPersonal: [
			'id',
			'company_id',
			'kind',
			'name',
			'based_on',
			'draft',
			'version',
			'created_at',
			'archived_at'
		],
		purpose: 'who edited a template',
		legalBasis: 'legitimate_interest',
		visibleTo: 'HR of the company',
		retention: 'as long as the template'
	},
	{
		table: 'conversation_template_version',
		personal: { published_by: who('published it') },
		notPersonal: ['id', 'template_id', 'number', 'content', 'published_at'],
		purpose: 'who published a template',
		legalBasis: 'legitimate_interest',
		visibleTo: 'HR of the company',
		retention: 'as long as the template'
	},
	{
		table: 'conversation_setting',
		personal: { updated_by: who('changed the settings') },
		notPersonal: ['company_id', 'apk_interval_months', 'reminder_days', 'updated_at'],
		purpose: 'who changed a setting',
		legalBasis: 'legitimate_interest',
		visibleTo: 'HR of the company',
		retention: 'as long as the setting'
	},
	{
		table: 'conversation',
		personal: {
			learner_id: 'the learner',
			trajectory_id: 'the trajectory',
			planned_at: 'when planned',
			status: 'status',
			trainer_user_id: 'the trainer',
			created_by: who('planned it'),
			created_at: 'when made',
			held_at: 'when held',
			next_date: 'next conversation',
			learner_signed_at: 'signed by the learner',
			learner_signed_by: who('signed for the learner'),
			trainer_signed_at: 'signed by the trainer',
			trainer_signed_by: who('signed for the trainer'),
			updated_at: 'last change'
		},
		notPersonal: ['company_id', 'id', 'template_version_id', 'version'],
		purpose: 'development conversations between learner and trainer',
		legalBasis: 'legitimate_interest',
		visibleTo: 'the learner, the trainer, HR of the company',
		retention: COMPANY_RECORD
	},
	{
		table: 'conversation_answer',
		personal: {
			conversation_id: 'the conversation',
			role: 'whose preparation (learner, trainer, shared record)',
			answers: 'answers (free text, scales, goals)',
			shared_at: 'when shared',
			updated_at: 'last change',
			updated_by: who('wrote it')
		},
		notPersonal: ['company_id', 'version'],
		purpose: 'preparation and record of a conversation',
		legalBasis: 'legitimate_interest',
		visibleTo:
			'the one who wrote it; once shared, the other participant and HR; the record: both and HR',
		retention: COMPANY_RECORD
	},
	{
		table: 'conversation_action',
		personal: {
			conversation_id: 'the conversation',
			learner_id: 'the learner',
			description: 'agreed action (free text)',
			owner_role: 'who does it',
			due_date: 'due',
			work_process_id: 'work process',
			done_at: 'when done',
			done_by: who('marked it done'),
			created_at: 'when agreed',
			created_by: who('recorded it')
		},
		notPersonal: ['company_id', 'id'],
		purpose: 'follow-up of a conversation',
		legalBasis: 'legitimate_interest',
		visibleTo: 'the learner, the trainer, HR',
		retention: COMPANY_RECORD
	},
	{
		table: 'conversation_addendum',
		personal: {
			conversation_id: 'the conversation',
			body: 'addition after sign-off (free text)',
			created_by: who('wrote it'),
			created_at: 'when'
		},
		notPersonal: ['company_id', 'id'],
		purpose: 'correcting a signed record',
		legalBasis: 'legitimate_interest',
		visibleTo: 'the learner, the trainer, HR',
		retention: COMPANY_RECORD
	},
	{
		table: 'conversation_reminder',
		personal: { item_id: 'the conversation or action reminded of', sent_at: 'when' },
		notPersonal: ['company_id', 'kind'],
		purpose: 'not sending a reminder twice',
		legalBasis: 'legitimate_interest',
		visibleTo: 'nobody in the application',
		retention: 'as the conversation'
	},

	// ── Awards ─────────────────────────────────────────────────────────────────────────
	{
		table: 'award_round',
		personal: {
			winner_user_id: 'the winner',
			winner_company_id: "the winner's company",
			created_by: who('made the round')
		},
		notPersonal: [
			'id',
			'year',
			'title',
			'nominations_open_at',
			'nominations_close_at',
			'regional_jury_until',
			'national_jury_until',
			'results_published_at',
			'finalists_per_panel',
			'eligibility',
			'created_at'
		],
		purpose: 'the yearly election and its published result',
		legalBasis: 'consent',
		visibleTo: 'everyone once published (the winner consented to publication)',
		retention: 'permanent (published result)'
	},
	{
		table: 'award_criterion',
		personal: {},
		notPersonal: ['id', 'round_id', 'name', 'description', 'weight', 'position']
	},
	{
		table: 'nomination',
		personal: {
			nominator_id: 'who nominated',
			nominee_id: 'who was nominated',
			company_id: "the nominee's company",
			evidence: 'evidence (free text)',
			nominator_named: 'whether the nominator may be named',
			status: 'status',
			publish_consent: "nominee's consent to publication",
			consented_at: 'when consented',
			endorsement: 'endorsement (free text)',
			endorsed_by: who('endorsed it'),
			endorsed_at: 'when endorsed',
			created_at: 'when made',
			updated_at: 'last change'
		},
		notPersonal: ['id', 'round_id'],
		purpose: 'the election of the best LLO practice trainer',
		legalBasis: 'consent',
		visibleTo: 'the nominator, the nominee, HR of the company, the jury',
		retention: 'the round plus one year'
	},
	{
		table: 'nomination_motivation',
		personal: { nomination_id: 'the nomination', text: 'motivation (free text)' },
		notPersonal: ['criterion_id'],
		purpose: 'the election',
		legalBasis: 'consent',
		visibleTo: 'as nomination',
		retention: 'as nomination'
	},
	{
		table: 'jury_panel',
		personal: {},
		notPersonal: ['id', 'round_id', 'kind', 'name', 'region_ids', 'created_at']
	},
	{
		table: 'jury_member',
		personal: {
			user_id: 'the juror',
			added_at: 'since',
			replaced_at: 'until',
			replaced_by: 'the juror who replaced them'
		},
		notPersonal: ['id', 'panel_id'],
		purpose: 'the jury',
		legalBasis: 'consent',
		visibleTo: 'admins, the jury',
		retention: 'the round plus one year'
	},
	{
		table: 'jury_conflict',
		personal: {
			juror_id: 'the juror',
			nominee_id: 'the nominee',
			reason: 'declared conflict (free text)',
			declared_at: 'when'
		},
		notPersonal: ['panel_id'],
		purpose: 'fair scoring',
		legalBasis: 'legitimate_interest',
		visibleTo: 'admins',
		retention: 'the round plus one year'
	},
	{
		table: 'jury_score',
		personal: {
			juror_id: 'the juror',
			nominee_id: 'the nominee',
			score: 'score',
			comment: 'comment (free text)',
			submitted_at: 'when'
		},
		notPersonal: ['panel_id', 'criterion_id'],
		purpose: 'the election',
		legalBasis: 'consent',
		visibleTo: 'the juror; admins',
		retention: 'the round plus one year'
	},

	// ── Adviser overview ───────────────────────────────────────────────────────────────
	{
		table: 'adviser_contact',
		personal: {
			adviser_id: 'the adviser',
			contacted_on: 'date',
			notes: 'notes (free text; may name people of the company)',
			agreements: 'agreements (free text)',
			created_at: 'when recorded'
		},
		notPersonal: ['company_id', 'id', 'kind', 'follow_up_on'],
		purpose: 'the adviser coaching the company',
		legalBasis: 'public_task',
		visibleTo: 'advisers of the region, admins',
		retention: 'as long as SBB advises the company'
	},
	{
		table: 'company_overview',
		personal: {},
		notPersonal: [
			'company_id',
			'region_id',
			'sector_chamber_id',
			'name',
			'kvk_number',
			'trainers',
			'trainers_llo',
			'active_learners',
			'active_trajectories',
			'route_bbl_diploma',
			'route_mbo_certificate',
			'route_practice_statement',
			'route_branch_certificate',
			'route_informal',
			'progress_sum',
			'progress_b0',
			'progress_b1',
			'progress_b2',
			'progress_b3',
			'progress_b4',
			'stalled',
			'quarter_of',
			'active_q1',
			'active_q2',
			'active_q3',
			'active_q4',
			'active_q5',
			'active_q6',
			'active_q7',
			'active_q8',
			'last_contact_on',
			'overdue_conversations',
			'overdue_actions',
			'signal_rank',
			'signal_reasons',
			'recheck_on',
			'updated_at',
			'follow_up_on',
			'follow_up_contact_id',
			'last_scan_on',
			'culture_shared'
		]
	},

	// ── Learning culture ───────────────────────────────────────────────────────────────
	{
		table: 'culture_instrument_version',
		personal: { created_by: who('made the version') },
		notPersonal: [
			'id',
			'number',
			'status',
			'open_question_nl',
			'open_question_en',
			'published_at',
			'created_at'
		],
		purpose: 'who edited reference data',
		legalBasis: 'public_task',
		visibleTo: 'admins',
		retention: 'as long as the version'
	},
	{
		table: 'culture_dimension',
		personal: {},
		notPersonal: [
			'id',
			'version_id',
			'code',
			'name_nl',
			'name_en',
			'description_nl',
			'description_en',
			'position'
		]
	},
	{
		table: 'culture_statement',
		personal: {},
		notPersonal: ['id', 'dimension_id', 'audience', 'text_nl', 'text_en', 'position']
	},
	{
		table: 'culture_round',
		personal: { created_by: who('opened the round') },
		notPersonal: [
			'id',
			'company_id',
			'version_id',
			'opens_on',
			'closes_on',
			'reminder_on',
			'invited_employees',
			'invited_management',
			'invitations_sent_at',
			'reminder_sent_at',
			'created_at',
			'teams'
		],
		purpose: 'who opened a scan round',
		legalBasis: 'legitimate_interest',
		visibleTo: 'HR of the company',
		retention: 'as long as the round'
	},
	{
		table: 'culture_invitation',
		personal: {
			email: 'e-mail address of the invitee (not linked to the answer)',
			token_sealed: 'personal link (sealed)'
		},
		notPersonal: ['id', 'company_id', 'round_id', 'audience', 'token_hash'],
		purpose: 'sending personal links to an anonymous scan',
		legalBasis: 'legitimate_interest',
		visibleTo: 'nobody in the application (HR sees counts)',
		retention: 'until the round closes'
	},
	{
		table: 'culture_response',
		personal: {
			open_answer: 'open answer (free text; anonymous, but may name someone)'
		},
		notPersonal: ['id', 'company_id', 'round_id', 'audience', 'response_key', 'answers', 'team'],
		purpose: 'the anonymous learning-culture scan',
		legalBasis: 'legitimate_interest',
		visibleTo: 'HR of the company (from 5 answers; per team after the close, from 5 per team)',
		retention: 'as long as the round'
	},
	{
		table: 'culture_action',
		personal: { owner_user_id: 'who owns the action', created_by: who('added it') },
		notPersonal: [
			'id',
			'company_id',
			'round_id',
			'dimension_code',
			'title',
			'due_on',
			'status',
			'created_at',
			'updated_at'
		],
		purpose: 'the improvement plan',
		legalBasis: 'legitimate_interest',
		visibleTo: 'HR of the company; the adviser when shared',
		retention: 'as long as the plan'
	},
	{
		table: 'culture_share',
		personal: { shared_by: who('shared the results') },
		notPersonal: ['company_id', 'shared_at'],
		purpose: 'who shared the scan with the adviser',
		legalBasis: 'legitimate_interest',
		visibleTo: 'HR of the company',
		retention: 'while shared'
	},
	{
		table: 'culture_round_result',
		personal: {},
		notPersonal: ['round_id', 'company_id', 'version_id', 'closes_on', 'employees', 'means'],
		purpose: 'a round’s answers counted and averaged per dimension (no answer, no person)',
		legalBasis: 'legitimate_interest',
		visibleTo: 'HR of the company (from 5 answers); the adviser when shared',
		retention: 'as long as the round'
	},
	{
		table: 'culture_benchmark',
		personal: {},
		notPersonal: [
			'scope',
			'scope_id',
			'computed_on',
			'companies',
			'shared_companies',
			'dimensions'
		],
		purpose: 'comparisons per region and sector over 5 or more companies',
		legalBasis: 'legitimate_interest',
		visibleTo: 'HR (its region and sector); advisers (their regions)',
		retention: 'recomputed daily'
	}
];

/** Tables whose rows are personal data, by name. */
export function registeredTable(table: string): RegisteredTable | undefined {
	return REGISTER.find((t) => t.table === table);
}

const cell = (s: string) => s.replace(/\|/g, '\\|');

/**
 * The register as Markdown (docs/privacy.md carries it between the markers
 * `<!-- register:start -->` and `<!-- register:end -->`).
 */
export function renderRegister(): string {
	const lines: string[] = [];
	const personal = REGISTER.filter((t) => Object.keys(t.personal).length > 0);
	lines.push('| table | personal data | purpose | legal basis | visible to | retention |');
	lines.push('| --- | --- | --- | --- | --- | --- |');
	for (const t of personal) {
		const data = Object.entries(t.personal)
			.map(([c, what]) => `\`${c}\` ${what}`)
			.join('; ');
		lines.push(
			`| \`${t.table}\` | ${cell(data)} | ${cell(t.purpose ?? '')} | ${
				t.legalBasis ? LEGAL_BASIS_TEXT[t.legalBasis] : ''
			} | ${cell(t.visibleTo ?? '')} | ${cell(t.retention ?? '')} |`
		);
	}
	lines.push('');
	lines.push('Not personal (every column), ' + REFERENCE + ' or aggregates:');
	lines.push('');
	for (const t of REGISTER.filter((t) => Object.keys(t.personal).length === 0)) {
		lines.push(`- \`${t.table}\`: ${t.notPersonal.map((c) => `\`${c}\``).join(', ')}`);
	}
	lines.push('');
	lines.push('Columns without personal data in tables that have some:');
	lines.push('');
	for (const t of personal.filter((t) => t.notPersonal.length > 0)) {
		lines.push(`- \`${t.table}\`: ${t.notPersonal.map((c) => `\`${c}\``).join(', ')}`);
	}
	return lines.join('\n');
}

/**
 * What is wrong with the register for these columns (table → column names, as the
 * database has them): one line per unregistered table or column, per column registered
 * twice, per registered column or table that does not exist, per table with personal data
 * whose purpose, legal basis, visibility or retention is missing. Empty: all is well.
 */
export function registerProblems(columns: Map<string, string[]>): string[] {
	const problems: string[] = [];
	for (const [table, cols] of columns) {
		const entry = registeredTable(table);
		if (!entry) {
			problems.push(
				`table ${table} is not in the data register (src/lib/server/privacy/register.ts)`
			);
			continue;
		}
		const personal = Object.keys(entry.personal);
		for (const c of cols) {
			const inPersonal = personal.includes(c);
			const inNot = entry.notPersonal.includes(c);
			if (!inPersonal && !inNot) {
				problems.push(
					`column ${table}.${c} is neither registered as personal data nor as not personal`
				);
			}
			if (inPersonal && inNot) problems.push(`column ${table}.${c} is registered twice`);
		}
		for (const c of [...personal, ...entry.notPersonal]) {
			if (!cols.includes(c)) problems.push(`column ${table}.${c} is registered but does not exist`);
		}
	}
	for (const entry of REGISTER) {
		if (!columns.has(entry.table))
			problems.push(`table ${entry.table} is registered but does not exist`);
		if (
			Object.keys(entry.personal).length > 0 &&
			!(entry.purpose && entry.legalBasis && entry.visibleTo && entry.retention)
		) {
			problems.push(`table ${entry.table} lacks purpose, legal basis, visibility or retention`);
		}
	}
	return problems;
}
