import type { ColumnType, Generated, GeneratedAlways, Insertable, Selectable } from 'kysely';
import type { Answers, TemplateContent } from '../../schemas/conversations';

/** Timestamps come back as Date; we write Date or ISO strings. */
type Timestamp = ColumnType<Date, Date | string, Date | string>;
type CreatedAt = ColumnType<Date, Date | string | undefined, Date | string>;

export type MemberRole = 'learner' | 'trainer' | 'hr';
export type PlatformRole = 'admin' | 'adviser';

export interface RegionTable {
	id: number;
	name: string;
	tile_col: number;
	tile_row: number;
}

export interface SectorChamberTable {
	id: number;
	name: string;
}

export interface AppUserTable {
	id: Generated<string>;
	email: string;
	name: string;
	password_hash: string | null;
	locale: Generated<string>;
	created_at: CreatedAt;
	password_changed_at: Timestamp | null;
	/** TOTP second factor (migration 0016): the confirmed key, and one being set up. */
	totp_key: Uint8Array | null;
	totp_enabled_at: Timestamp | null;
	totp_pending_key: Uint8Array | null;
	/** The time step of the last accepted code: each code is accepted once. */
	totp_last_counter: number | null;
	/** Wrong codes since the last right one, for the account (all sessions). */
	totp_failures: Generated<number>;
	totp_locked_until: Timestamp | null;
}

export interface UserSessionTable {
	id: string;
	user_id: string;
	expires_at: Timestamp;
	created_at: CreatedAt;
	/** False until the TOTP code is given, for an account with TOTP (migration 0016). */
	two_factor_verified: Generated<boolean>;
}

export interface TotpRecoveryCodeTable {
	user_id: string;
	code_hash: string;
	used_at: Timestamp | null;
}

export interface PlatformRoleTable {
	user_id: string;
	role: PlatformRole;
	created_at: CreatedAt;
}

export interface AdviserRegionTable {
	user_id: string;
	region_id: number;
}

export interface CompanyTable {
	id: Generated<string>;
	slug: string;
	name: string;
	kvk_number: string;
	sbb_number: string | null;
	street: string;
	postcode: string;
	city: string;
	region_id: number;
	sector_chamber_id: number;
	created_at: CreatedAt;
	/** Months a former member's records are kept before anonymisation (6–84; migration 0028). */
	retention_months: Generated<number>;
}

export interface MembershipTable {
	company_id: string;
	user_id: string;
	roles: MemberRole[];
	created_at: CreatedAt;
	deactivated_at: Timestamp | null;
	/** The planned last day before the membership ends (migration 0028): inactive from this date. */
	ends_on: DateString | null;
	/** When the member's records in the company were anonymised (migration 0028). */
	anonymised_at: Timestamp | null;
}

/**
 * What a person achieved in a company, kept for their LLO passport when the company's
 * records of them are anonymised (migration 0028). The person's own data: no company_id.
 */
export interface PassportSnapshotTable {
	id: Generated<string>;
	user_id: string;
	company_name: string;
	left_on: DateString;
	taken_at: CreatedAt;
	/** JSON of PassportTrajectory[] (src/lib/server/trajectories/passport.ts). */
	trajectories: ColumnType<unknown, string, string>;
	/** JSON of the passport's certificates of that company. */
	certificates: ColumnType<unknown, string, string>;
}

export interface InvitationTable {
	company_id: string;
	id: Generated<string>;
	email: string;
	roles: MemberRole[];
	token_hash: string;
	invited_by: string | null;
	created_at: CreatedAt;
	expires_at: Timestamp;
	accepted_at: Timestamp | null;
	revoked_at: Timestamp | null;
}

/**
 * A single-use link of a user, kept as its token's hash: the password reset, and the
 * download of their own data (migration 0026).
 */
export interface SingleUseLinkTable {
	id: Generated<string>;
	user_id: string;
	token_hash: string;
	created_at: CreatedAt;
	expires_at: Timestamp;
	used_at: Timestamp | null;
}

export interface AuditLogTable {
	id: Generated<string>;
	company_id: string | null;
	actor_user_id: string | null;
	action: string;
	entity_type: string;
	entity_id: string | null;
	data: ColumnType<unknown, string | undefined, never>;
	request_id: string | null;
	created_at: CreatedAt;
	/** The person whose data was read or changed (the access log; migration 0026). */
	subject_user_id: string | null;
}

/**
 * A user's request to delete their account (migration 0031). `user_id` becomes null when
 * it is carried out (the account is gone): only that it was asked and done stays.
 */
export interface ErasureRequestTable {
	id: Generated<string>;
	user_id: string | null;
	requested_at: CreatedAt;
	cancelled_at: Timestamp | null;
	executed_at: Timestamp | null;
	executed_by: string | null;
}

export interface LoginAttemptTable {
	id: Generated<string>;
	email: string;
	ip: string;
	success: boolean;
	created_at: CreatedAt;
}

/** Login and password-reset throttling, one row per key (migration 0019). */
export interface AuthThrottleTable {
	key: string;
	hits: Generated<number>;
	blocked_until: Date | null;
	window_started_at: Generated<Date>;
	last_hit_at: Generated<Date>;
}

export interface CompetenceTable {
	code: string;
	sbb_nr: string | null;
	title: string;
}

type Identity = GeneratedAlways<number>;
type DateString = string; // 'YYYY-MM-DD'

export interface QualificationDossierTable {
	id: Identity;
	nr: string;
	version_no: number;
	title: string;
	sbb_version: string | null;
	status: string | null;
	crebo: string | null;
	valid_from: DateString | null;
	end_intake: DateString | null;
	end_training: DateString | null;
	price_factor: number | null;
	adopted_on: DateString | null;
	sector_chamber_id: number | null;
	domain: string | null;
	content_hash: string;
	source: Generated<string>;
	source_file: string | null;
	imported_at: CreatedAt;
	imported_by: string | null;
	superseded_at: Timestamp | null;
	superseded_by: number | null;
}

export interface QualificationTable {
	id: Identity;
	dossier_id: number;
	nr: string;
	code: string;
	crebo: string;
	title: string;
	level: number;
	occupational_group: string | null;
	valid_from: DateString | null;
	end_intake: DateString | null;
	end_training: DateString | null;
	study_load_hours: number | null;
	/** A generated tsvector column without NOT NULL (never null in practice; used in SQL only). */
	search: GeneratedAlways<string | null>;
}

export interface CoreTaskTable {
	id: Identity;
	dossier_id: number;
	qualification_id: number | null;
	nr: string;
	code: string;
	title: string;
	complexity: string | null;
	responsibility: string | null;
	position: number;
}

export interface WorkProcessTable {
	id: Identity;
	dossier_id: number;
	core_task_id: number;
	nr: string;
	code: string;
	title: string;
	description: string;
	result: string;
	behaviour: string;
	position: number;
	/** A generated tsvector column without NOT NULL (never null in practice; used in SQL only). */
	search: GeneratedAlways<string | null>;
}

export interface WorkProcessSupplementTable {
	work_process_id: number;
	qualification_id: number;
	description: string;
	result: string;
	behaviour: string;
	competence_codes: string[];
}

export interface WorkProcessCompetenceTable {
	work_process_id: number;
	competence_code: string;
}

export interface ElectiveTable {
	id: Identity;
	code: string;
	title: string;
	level: number | null;
	study_load_hours: number | null;
	created_at: CreatedAt;
}

export interface CertificateTable {
	id: Identity;
	code: string;
	title: string;
	qualification_id: number | null;
	elective_id: number | null;
	created_at: CreatedAt;
	created_by: string | null;
}

export interface CertificateWorkProcessTable {
	certificate_id: number;
	work_process_id: number;
}

export interface QualificationUploadTable {
	id: Generated<string>;
	file_name: string;
	file_hash: string;
	content: string;
	uploaded_at: CreatedAt;
	uploaded_by: string;
}

export interface QualificationImportTable {
	id: Identity;
	file_name: string | null;
	file_hash: string;
	imported_at: CreatedAt;
	imported_by: string | null;
	summary: ColumnType<unknown, string, never>;
}

export type TrajectoryRoute =
	'bbl_diploma' | 'mbo_certificate' | 'practice_statement' | 'branch_certificate' | 'informal';
export type TrajectoryStatus = 'active' | 'paused' | 'completed' | 'stopped';
export type AssessorKind = 'trainer' | 'self' | 'school';
export type ExemptionBasis =
	'experience_certificate' | 'earlier_diploma' | 'practice_statement' | 'other';

export interface LearnerTable {
	company_id: string;
	id: Generated<string>;
	user_id: string | null;
	name: string;
	email: string | null;
	created_at: CreatedAt;
	created_by: string | null;
}

export interface TrajectoryTable {
	company_id: string;
	id: Generated<string>;
	learner_id: string;
	route: TrajectoryRoute;
	target_kind: 'qualification' | 'certificate' | 'work_processes';
	qualification_id: number | null;
	certificate_id: number | null;
	title: string;
	school: string | null;
	start_date: DateString;
	planned_end_date: DateString | null;
	status: Generated<TrajectoryStatus>;
	created_at: CreatedAt;
	created_by: string | null;
	status_changed_at: ColumnType<Date, Date | string | undefined, Date | string>;
}

export interface TrajectoryTrainerTable {
	company_id: string;
	trajectory_id: string;
	user_id: string;
}

export interface TrajectoryWorkProcessTable {
	company_id: string;
	trajectory_id: string;
	work_process_id: number;
}

export interface AssessmentTable {
	company_id: string;
	id: GeneratedAlways<number>;
	trajectory_id: string;
	work_process_id: number;
	level: number;
	assessor_kind: AssessorKind;
	assessor_name: string | null;
	assessed_by: string | null;
	assessed_on: DateString;
	comment: string | null;
	created_at: CreatedAt;
}

export interface ExemptionTable {
	company_id: string;
	id: Generated<string>;
	trajectory_id: string;
	work_process_id: number;
	basis: ExemptionBasis;
	reference: string | null;
	granted_on: DateString;
	recorded_by: string | null;
	created_at: CreatedAt;
}

export interface ObtainedCertificateTable {
	company_id: string;
	id: Generated<string>;
	learner_id: string;
	certificate_id: number;
	obtained_on: DateString;
	issuer: string;
	recorded_by: string | null;
	created_at: CreatedAt;
}

/** Maintained by database triggers (migration 0009): read it, never write it. */
export interface TrajectoryProgressTable {
	company_id: string;
	trajectory_id: string;
	total: number;
	competent: number;
	exempt: number;
	last_assessed_on: DateString | null;
}

/** Maintained by database triggers (migration 0010): read it, never write it. */
export type AdviserContactKind = 'visit' | 'call' | 'email' | 'workshop';

/** A contact of an SBB adviser with a company (migration 0012). */
export interface AdviserContactTable {
	company_id: string;
	id: Generated<string>;
	adviser_id: string;
	contacted_on: DateString;
	kind: AdviserContactKind;
	/** Internal: never shown to the company. */
	notes: string | null;
	/** Shared with the company's HR. */
	agreements: string | null;
	follow_up_on: DateString | null;
	created_at: CreatedAt;
}

/**
 * Per-company figures of the adviser overview, maintained by triggers (migration 0012):
 * read it, never write it (refresh_company_overview does; the follow-up columns,
 * refresh_company_follow_up, migration 0014).
 */
export interface CompanyOverviewTable {
	company_id: string;
	region_id: number;
	sector_chamber_id: number;
	name: string;
	kvk_number: string;
	trainers: number;
	trainers_llo: number;
	active_learners: number;
	active_trajectories: number;
	route_bbl_diploma: number;
	route_mbo_certificate: number;
	route_practice_statement: number;
	route_branch_certificate: number;
	route_informal: number;
	progress_sum: number;
	/** Active trajectories per progress bucket (0–25, 25–50, 50–75, 75–100 %, complete). */
	progress_b0: number;
	progress_b1: number;
	progress_b2: number;
	progress_b3: number;
	progress_b4: number;
	stalled: number;
	/** The quarter of active_q8; active_q1 is seven quarters earlier. */
	quarter_of: DateString;
	active_q1: number;
	active_q2: number;
	active_q3: number;
	active_q4: number;
	active_q5: number;
	active_q6: number;
	active_q7: number;
	active_q8: number;
	last_contact_on: DateString | null;
	overdue_conversations: number;
	overdue_actions: number;
	/** 2 red, 1 amber, 0 green: the rules of src/lib/server/adviser/signals.ts. */
	signal_rank: number;
	signal_reasons: string[];
	recheck_on: DateString | null;
	updated_at: Timestamp;
	/** The follow-up date of the company's latest contact (null: none) and that contact. */
	follow_up_on: DateString | null;
	follow_up_contact_id: string | null;
	/** Migration 0034: the opening date of the latest learning-culture round that opened. */
	last_scan_on: ColumnType<DateString | null, never, never>;
	/** Migration 0034: HR shares the scan's results with the adviser. */
	culture_shared: ColumnType<boolean, never, never>;
}

export interface AssessmentMonthTable {
	company_id: string;
	/** The first day of the month. */
	month: DateString;
	assessor_kind: AssessorKind;
	assessments: number;
}

export type EvidenceKind = 'note' | 'link' | 'file';

export interface EvidenceTable {
	company_id: string;
	id: Generated<string>;
	trajectory_id: string;
	work_process_id: number;
	kind: EvidenceKind;
	title: string;
	body: string | null;
	url: string | null;
	file_name: string | null;
	content_type: string | null;
	size_bytes: number | null;
	storage_key: string | null;
	created_by: string | null;
	created_at: CreatedAt;
}

export type FrameworkStatus = 'draft' | 'published';
export type ActivityKind = 'workshop' | 'webinar' | 'course' | 'intervision' | 'other';
export type GoalStatus = 'open' | 'in_progress' | 'achieved' | 'dropped';

export interface CompetenceFrameworkVersionTable {
	id: Identity;
	number: number;
	status: ColumnType<FrameworkStatus, FrameworkStatus | undefined, FrameworkStatus>;
	published_at: Timestamp | null;
	created_at: CreatedAt;
	created_by: string | null;
}

export interface CompetenceAreaTable {
	id: Identity;
	version_id: number;
	code: string;
	name: string;
	description: Generated<string>;
	position: number;
	source: 'sbb' | 'llo';
}

export interface CompetenceIndicatorTable {
	id: Identity;
	area_id: number;
	text: string;
	position: number;
}

export type CultureAudience = 'employee' | 'management';

/** Migration 0025: the learning-culture scan (see the migration for anonymity). */
export interface CultureInstrumentVersionTable {
	id: Identity;
	number: number;
	status: ColumnType<FrameworkStatus, FrameworkStatus | undefined, FrameworkStatus>;
	open_question_nl: string;
	open_question_en: string;
	published_at: Timestamp | null;
	created_at: CreatedAt;
	created_by: string | null;
}

export interface CultureDimensionTable {
	id: Identity;
	version_id: number;
	code: string;
	name_nl: string;
	name_en: string;
	description_nl: Generated<string>;
	description_en: Generated<string>;
	position: number;
}

export interface CultureStatementTable {
	id: Identity;
	dimension_id: number;
	audience: CultureAudience;
	text_nl: string;
	text_en: string;
	position: number;
}

export interface CultureRoundTable {
	id: Generated<string>;
	company_id: string;
	version_id: number;
	/** 'YYYY-MM-DD' */
	opens_on: string;
	closes_on: string;
	reminder_on: string | null;
	invited_employees: Generated<number>;
	invited_management: Generated<number>;
	invitations_sent_at: Timestamp | null;
	reminder_sent_at: Timestamp | null;
	created_by: string | null;
	created_at: CreatedAt;
	/** The teams employees may choose from (migration 0036); empty: no breakdown. */
	teams: Generated<string[]>;
}

export interface CultureInvitationTable {
	id: Generated<string>;
	company_id: string;
	round_id: string;
	audience: CultureAudience;
	email: string | null;
	token_sealed: Uint8Array | null;
	token_hash: string;
}

export interface CultureResponseTable {
	id: Generated<string>;
	company_id: string;
	round_id: string;
	audience: CultureAudience;
	response_key: string;
	/** statement id → 1…5 */
	answers: ColumnType<Record<string, number>, string, string>;
	open_answer: string | null;
	/** The employee's team: its position (1-based) in the round's `teams`, or null. */
	team: ColumnType<number | null, number | null | undefined, number | null>;
}

export interface CultureShareTable {
	company_id: string;
	shared_at: CreatedAt;
	shared_by: string | null;
}

export type CultureActionStatus = 'open' | 'in_progress' | 'done' | 'dropped';

export interface CultureActionTable {
	id: Generated<string>;
	company_id: string;
	round_id: string;
	dimension_code: string | null;
	title: string;
	/** Null once the owner's account was erased (migration 0031). */
	owner_user_id: string | null;
	/** 'YYYY-MM-DD' */
	due_on: string;
	status: ColumnType<CultureActionStatus, CultureActionStatus | undefined, CultureActionStatus>;
	created_by: string | null;
	created_at: CreatedAt;
	updated_at: CreatedAt;
}

export interface TrainerProfileTable {
	user_id: string;
	bio: Generated<string>;
	specialisms: ColumnType<string[], string[] | undefined, string[]>;
	languages: ColumnType<string[], string[] | undefined, string[]>;
	years_experience: number | null;
	updated_at: CreatedAt;
}

export interface TrainerProfileSectorTable {
	user_id: string;
	sector_chamber_id: number;
}

export interface TrainerProfileQualificationTable {
	user_id: string;
	qualification_id: number;
}

export interface TrainerCapacityTable {
	company_id: string;
	user_id: string;
	max_learners: number;
	updated_at: CreatedAt;
	updated_by: string | null;
}

export interface SelfAssessmentTable {
	id: Generated<string>;
	user_id: string;
	version_id: number;
	status: ColumnType<
		'draft' | 'submitted',
		'draft' | 'submitted' | undefined,
		'draft' | 'submitted'
	>;
	created_at: CreatedAt;
	updated_at: CreatedAt;
	submitted_at: Timestamp | null;
}

export interface SelfAssessmentAnswerTable {
	assessment_id: string;
	indicator_id: number;
	level: number | null;
	reflection: Generated<string>;
}

export interface DevelopmentActivityTable {
	id: Generated<string>;
	user_id: string;
	kind: ActivityKind;
	title: string;
	provider: Generated<string>;
	activity_date: DateString;
	hours: number;
	impact: Generated<string>;
	created_at: CreatedAt;
}

export interface DevelopmentGoalTable {
	id: Generated<string>;
	user_id: string;
	text: string;
	target_date: DateString | null;
	status: ColumnType<GoalStatus, GoalStatus | undefined, GoalStatus>;
	created_at: CreatedAt;
}

export interface TrainerFeedbackTable {
	company_id: string;
	trainer_user_id: string;
	learner_id: string;
	explains: number;
	listens: number;
	recognises: number;
	available: number;
	submitted_at: CreatedAt;
}

export interface TrainerLloSummaryTable {
	user_id: string;
	version_id: number | null;
	areas_assessed_on: DateString | null;
	last_activity_on: DateString | null;
	updated_at: CreatedAt;
}

/** View: the one definition of "LLO-profiel compleet". */
export interface TrainerLloStatusView {
	user_id: ColumnType<string, never, never>;
	complete: ColumnType<boolean | null, never, never>;
	areas_assessed_on: ColumnType<DateString | null, never, never>;
	last_activity_on: ColumnType<DateString | null, never, never>;
}

export type ConversationStatus = 'planned' | 'held' | 'signed' | 'cancelled';
export type ConversationAnswerRole = 'learner' | 'trainer' | 'agreed';
/** A JSON column: read as `T` (pg and PGlite parse json/jsonb), written as a JSON string. */
type Json<T> = ColumnType<T, string, string>;

export interface ConversationTemplateTable {
	id: Generated<string>;
	company_id: string | null;
	kind: string;
	name: string;
	based_on: string | null;
	/** The unpublished edit: TemplateContent's shape (templateDraftSchema), its rules checked on publishing. */
	draft: ColumnType<TemplateContent | null, string | null | undefined, string | null>;
	version: Generated<number>;
	created_at: CreatedAt;
	created_by: string | null;
	archived_at: Timestamp | null;
}

export interface ConversationTemplateVersionTable {
	id: Generated<string>;
	template_id: string;
	number: number;
	content: Json<TemplateContent>;
	published_at: CreatedAt;
	published_by: string | null;
}

export interface ConversationSettingTable {
	company_id: string;
	apk_interval_months: Generated<number>;
	reminder_days: Generated<number>;
	updated_at: CreatedAt;
	updated_by: string | null;
}

export interface ConversationTable {
	company_id: string;
	id: Generated<string>;
	learner_id: string;
	trajectory_id: string | null;
	template_version_id: string;
	planned_at: Timestamp;
	status: Generated<ConversationStatus>;
	trainer_user_id: string | null;
	created_by: string | null;
	created_at: CreatedAt;
	held_at: Timestamp | null;
	next_date: DateString | null;
	learner_signed_at: Timestamp | null;
	learner_signed_by: string | null;
	trainer_signed_at: Timestamp | null;
	trainer_signed_by: string | null;
	version: Generated<number>;
	updated_at: CreatedAt;
}

export interface ConversationAnswerTable {
	company_id: string;
	conversation_id: string;
	role: ConversationAnswerRole;
	answers: ColumnType<Answers, string | undefined, string>;
	shared_at: Timestamp | null;
	version: Generated<number>;
	updated_at: CreatedAt;
	updated_by: string | null;
}

export interface ConversationActionTable {
	company_id: string;
	id: Generated<string>;
	conversation_id: string;
	learner_id: string;
	description: string;
	owner_role: 'learner' | 'trainer' | 'hr';
	due_date: DateString | null;
	work_process_id: number | null;
	done_at: Timestamp | null;
	done_by: string | null;
	created_at: CreatedAt;
	created_by: string | null;
}

export interface ConversationAddendumTable {
	company_id: string;
	id: Generated<string>;
	conversation_id: string;
	body: string;
	created_by: string | null;
	created_at: CreatedAt;
}

export interface ConversationReminderTable {
	company_id: string;
	kind: 'conversation' | 'action';
	item_id: string;
	sent_at: CreatedAt;
}

/** Mail outbox (migration 0017): every mail is a row first, delivered after commit. */
export type MailStatus = 'pending' | 'sent' | 'failed';

export interface MailOutboxTable {
	id: GeneratedAlways<number>;
	kind: string;
	recipient: string;
	subject: string;
	body: string;
	status: Generated<MailStatus>;
	attempts: Generated<number>;
	next_attempt_at: CreatedAt;
	last_error: string | null;
	created_at: CreatedAt;
	sent_at: Timestamp | null;
}

/** A create form's token and the record it created (migration 0021, `once.ts`). */
export interface FormTokenTable {
	user_id: string;
	purpose: string;
	token: string;
	/** JSON of what the create returned; written as a JSON string. */
	result: ColumnType<unknown, string | null | undefined, string | null>;
	created_at: CreatedAt;
}

/** When a periodic job last ran (migration 0017), shared by all app servers. */
export interface JobRunTable {
	job: string;
	last_run_at: Timestamp;
}

/** Awards (migration 0011): the election of the best LLO practice trainer. */
export type NominationStatus = 'pending_consent' | 'accepted' | 'declined' | 'withdrawn';
export type PanelKind = 'regional' | 'national';

export interface AwardRoundTable {
	id: Generated<string>;
	year: number;
	title: string;
	nominations_open_at: Timestamp;
	nominations_close_at: Timestamp;
	regional_jury_until: Timestamp;
	national_jury_until: Timestamp;
	results_published_at: Timestamp | null;
	finalists_per_panel: Generated<number>;
	eligibility: ColumnType<Record<string, unknown>, string | undefined, string>;
	winner_user_id: string | null;
	winner_company_id: string | null;
	created_at: CreatedAt;
	created_by: string | null;
}

export interface AwardCriterionTable {
	id: Generated<string>;
	round_id: string;
	name: string;
	description: Generated<string>;
	weight: number;
	position: number;
}

export interface NominationTable {
	id: Generated<string>;
	round_id: string;
	/** Null once the nominator's account was erased (migration 0031). */
	nominator_id: string | null;
	nominee_id: string;
	company_id: string;
	evidence: Generated<string>;
	nominator_named: Generated<boolean>;
	status: Generated<NominationStatus>;
	publish_consent: Generated<boolean>;
	consented_at: Timestamp | null;
	endorsement: string | null;
	endorsed_by: string | null;
	endorsed_at: Timestamp | null;
	created_at: CreatedAt;
	updated_at: CreatedAt;
}

export interface NominationMotivationTable {
	nomination_id: string;
	criterion_id: string;
	text: string;
}

export interface JuryPanelTable {
	id: Generated<string>;
	round_id: string;
	kind: PanelKind;
	name: string;
	region_ids: Generated<number[]>;
	created_at: CreatedAt;
}

export interface JuryMemberTable {
	id: Generated<string>;
	panel_id: string;
	user_id: string;
	added_at: CreatedAt;
	replaced_at: Timestamp | null;
	replaced_by: string | null;
}

export interface JuryConflictTable {
	panel_id: string;
	juror_id: string;
	nominee_id: string;
	reason: string;
	declared_at: CreatedAt;
}

export interface JuryScoreTable {
	panel_id: string;
	juror_id: string;
	nominee_id: string;
	criterion_id: string;
	score: number;
	comment: Generated<string>;
	submitted_at: CreatedAt;
}

/** View: nominees with an accepted nomination, with company and region. */
export interface AwardCandidateView {
	round_id: ColumnType<string, never, never>;
	nominee_id: ColumnType<string, never, never>;
	company_id: ColumnType<string, never, never>;
	region_id: ColumnType<number, never, never>;
}

export interface Database {
	region: RegionTable;
	sector_chamber: SectorChamberTable;
	app_user: AppUserTable;
	user_session: UserSessionTable;
	totp_recovery_code: TotpRecoveryCodeTable;
	platform_role: PlatformRoleTable;
	adviser_region: AdviserRegionTable;
	company: CompanyTable;
	membership: MembershipTable;
	passport_snapshot: PassportSnapshotTable;
	invitation: InvitationTable;
	password_reset: SingleUseLinkTable;
	audit_log: AuditLogTable;
	personal_data_export: SingleUseLinkTable;
	erasure_request: ErasureRequestTable;
	login_attempt: LoginAttemptTable;
	auth_throttle: AuthThrottleTable;
	competence: CompetenceTable;
	qualification_dossier: QualificationDossierTable;
	qualification: QualificationTable;
	core_task: CoreTaskTable;
	work_process: WorkProcessTable;
	work_process_competence: WorkProcessCompetenceTable;
	work_process_supplement: WorkProcessSupplementTable;
	elective: ElectiveTable;
	certificate: CertificateTable;
	certificate_work_process: CertificateWorkProcessTable;
	qualification_import: QualificationImportTable;
	qualification_upload: QualificationUploadTable;
	learner: LearnerTable;
	trajectory: TrajectoryTable;
	trajectory_trainer: TrajectoryTrainerTable;
	trajectory_work_process: TrajectoryWorkProcessTable;
	assessment: AssessmentTable;
	exemption: ExemptionTable;
	obtained_certificate: ObtainedCertificateTable;
	evidence: EvidenceTable;
	trajectory_progress: TrajectoryProgressTable;
	assessment_month: AssessmentMonthTable;
	competence_framework_version: CompetenceFrameworkVersionTable;
	competence_area: CompetenceAreaTable;
	competence_indicator: CompetenceIndicatorTable;
	trainer_profile: TrainerProfileTable;
	trainer_profile_sector: TrainerProfileSectorTable;
	trainer_profile_qualification: TrainerProfileQualificationTable;
	trainer_capacity: TrainerCapacityTable;
	self_assessment: SelfAssessmentTable;
	self_assessment_answer: SelfAssessmentAnswerTable;
	development_activity: DevelopmentActivityTable;
	development_goal: DevelopmentGoalTable;
	trainer_feedback: TrainerFeedbackTable;
	trainer_llo_summary: TrainerLloSummaryTable;
	trainer_llo_status: TrainerLloStatusView;
	conversation_template: ConversationTemplateTable;
	conversation_template_version: ConversationTemplateVersionTable;
	conversation_setting: ConversationSettingTable;
	conversation: ConversationTable;
	conversation_answer: ConversationAnswerTable;
	conversation_action: ConversationActionTable;
	conversation_addendum: ConversationAddendumTable;
	conversation_reminder: ConversationReminderTable;
	mail_outbox: MailOutboxTable;
	job_run: JobRunTable;
	form_token: FormTokenTable;
	award_round: AwardRoundTable;
	award_criterion: AwardCriterionTable;
	nomination: NominationTable;
	nomination_motivation: NominationMotivationTable;
	jury_panel: JuryPanelTable;
	jury_member: JuryMemberTable;
	jury_conflict: JuryConflictTable;
	jury_score: JuryScoreTable;
	award_candidate: AwardCandidateView;
	adviser_contact: AdviserContactTable;
	company_overview: CompanyOverviewTable;
	culture_instrument_version: CultureInstrumentVersionTable;
	culture_dimension: CultureDimensionTable;
	culture_statement: CultureStatementTable;
	culture_round: CultureRoundTable;
	culture_invitation: CultureInvitationTable;
	culture_response: CultureResponseTable;
	culture_action: CultureActionTable;
	culture_share: CultureShareTable;
	culture_round_result: CultureRoundResultTable;
	culture_benchmark: CultureBenchmarkTable;
}

export type AppUser = Selectable<AppUserTable>;
export type Company = Selectable<CompanyTable>;
export type NewCompany = Insertable<CompanyTable>;

/**
 * Migration 0034: per round, the employees' answers counted and their mean per dimension
 * code; kept by triggers, never written by application code.
 */
export interface CultureRoundResultTable {
	round_id: string;
	company_id: string;
	version_id: number;
	closes_on: DateString;
	employees: number;
	means: ColumnType<Record<string, number>, string, string>;
}

/** Migration 0034: comparisons per region and sector, written by refresh_culture_benchmark only. */
export interface CultureBenchmarkTable {
	scope: 'region' | 'sector';
	scope_id: number;
	computed_on: DateString;
	companies: number;
	shared_companies: number;
	dimensions: ColumnType<unknown, string, string>;
}
