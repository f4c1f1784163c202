import type { ColumnType, Generated, Insertable, Selectable } from 'kysely';

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
}

export interface UserSessionTable {
	id: string;
	user_id: string;
	expires_at: Timestamp;
	created_at: CreatedAt;
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
}

export interface MembershipTable {
	company_id: string;
	user_id: string;
	roles: MemberRole[];
	created_at: CreatedAt;
	deactivated_at: Timestamp | null;
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

export interface PasswordResetTable {
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
}

export interface LoginAttemptTable {
	id: Generated<string>;
	email: string;
	ip: string;
	success: boolean;
	created_at: CreatedAt;
}

export interface Database {
	region: RegionTable;
	sector_chamber: SectorChamberTable;
	app_user: AppUserTable;
	user_session: UserSessionTable;
	platform_role: PlatformRoleTable;
	adviser_region: AdviserRegionTable;
	company: CompanyTable;
	membership: MembershipTable;
	invitation: InvitationTable;
	password_reset: PasswordResetTable;
	audit_log: AuditLogTable;
	login_attempt: LoginAttemptTable;
}

export type AppUser = Selectable<AppUserTable>;
export type Company = Selectable<CompanyTable>;
export type NewCompany = Insertable<CompanyTable>;
