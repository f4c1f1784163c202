import type { Migration } from 'kysely';
import * as m0001 from './0001_foundation';
import * as m0002 from './0002_qualification_structure';
import * as m0003 from './0003_work_process_supplements';
import * as m0004 from './0004_trajectories';
import * as m0005 from './0005_evidence';
import * as m0006 from './0006_obtained_certificates';
import * as m0007 from './0007_trainer_profiles';
import * as m0008 from './0008_conversations';
import * as m0009 from './0009_trajectory_progress';
import * as m0010 from './0010_assessment_months';
import * as m0011 from './0011_awards';
import * as m0012 from './0012_adviser_overview';
import * as m0013 from './0013_progress_rebuild';
import * as m0014 from './0014_overview_follow_ups';
import * as m0015 from './0015_award_candidate_region';
import * as m0016 from './0016_two_factor';
import * as m0017 from './0017_mail_outbox';
import * as m0018 from './0018_official_last_assessment';
import * as m0019 from './0019_totp_keys_sealed';
import * as m0020 from './0020_auth_throttle';
import * as m0021 from './0021_form_token';
import * as m0022 from './0022_row_level_security';
import * as m0023 from './0023_cancelled_conversation_actions';
import * as m0025 from './0025_learning_culture_scan';
import * as m0026 from './0026_access_log';
import * as m0027 from './0027_security_invoker_views';
import * as m0028 from './0028_leaving';
import * as m0030 from './0030_audit_log_partitions';
import * as m0031 from './0031_erasure';
import * as m0032 from './0032_audit_log_changes_index';
import * as m0033 from './0033_culture_team_template';
import * as m0034 from './0034_culture_overview';
import * as m0035 from './0035_award_culture_rule';
import * as m0036 from './0036_culture_teams';
import * as m0037 from './0037_dashboard_covering_indexes';

/**
 * Every migration, in order. Forward-only: never edit a migration that has shipped,
 * add a new one. Listed statically so the production bundle and scripts (tsx) load
 * the same set without a filesystem scan.
 */
export const migrations: Record<string, Migration> = {
	'0001_foundation': m0001,
	'0002_qualification_structure': m0002,
	'0003_work_process_supplements': m0003,
	'0004_trajectories': m0004,
	'0005_evidence': m0005,
	'0006_obtained_certificates': m0006,
	'0007_trainer_profiles': m0007,
	'0008_conversations': m0008,
	'0009_trajectory_progress': m0009,
	'0010_assessment_months': m0010,
	'0011_awards': m0011,
	'0012_adviser_overview': m0012,
	'0013_progress_rebuild': m0013,
	'0014_overview_follow_ups': m0014,
	'0015_award_candidate_region': m0015,
	'0016_two_factor': m0016,
	'0017_mail_outbox': m0017,
	'0018_official_last_assessment': m0018,
	'0019_totp_keys_sealed': m0019,
	'0020_auth_throttle': m0020,
	'0021_form_token': m0021,
	'0022_row_level_security': m0022,
	'0023_cancelled_conversation_actions': m0023,
	'0025_learning_culture_scan': m0025,
	'0026_access_log': m0026,
	'0027_security_invoker_views': m0027,
	'0028_leaving': m0028,
	'0030_audit_log_partitions': m0030,
	'0031_erasure': m0031,
	'0032_audit_log_changes_index': m0032,
	'0033_culture_team_template': m0033,
	'0034_culture_overview': m0034,
	'0035_award_culture_rule': m0035,
	'0036_culture_teams': m0036,
	'0037_dashboard_covering_indexes': m0037
};
