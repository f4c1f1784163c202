import { sql, type Kysely } from 'kysely';

/**
 * Results per team (issue 15). HR may name the teams of a round (at most 30); an employee
 * may say which team they work in, or not. The response keeps the team as its position in
 * the round's list (1-based), nothing more: the person behind an answer stays unknown
 * (migration 0025), and a team is shown only where every team in the breakdown has
 * CULTURE_MIN_RESPONSES answers or more (server/culture/results.ts). Management answers
 * for the company as a whole and is never asked for a team.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
	for (const statement of [
		`alter table culture_round add column teams text[] not null default '{}'
			check (cardinality(teams) <= 30 and array_position(teams, null) is null)`,
		`alter table culture_response add column team smallint check (team between 1 and 30)`,
		`alter table culture_response add constraint culture_response_team_employee
			check (team is null or audience = 'employee')`
	]) {
		await sql.raw(statement).execute(db);
	}
}
