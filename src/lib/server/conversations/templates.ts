import { sql } from 'kysely';
import {
	templateContentSchema,
	templateDraftSchema,
	type TemplateContent,
	type TemplateKind
} from '../../schemas/conversations';
import type { RequestContext } from '../auth/context';
import { auditAs } from '../accounts/audit';
import type { DB } from '../db';
import { DomainError, isUuid } from '../errors';
import { createOnce, type FormToken } from '../once';

/**
 * Conversation templates: the platform's defaults (company_id null, read-only for
 * companies) and a company's own templates (copies of a default, or new). Editing
 * writes a draft; publishing validates it and adds an immutable version. Archiving
 * hides a template from new conversations; held conversations keep their version.
 */

export interface TemplateListItem {
	id: string;
	name: string;
	kind: TemplateKind;
	isDefault: boolean;
	archived: boolean;
	latestVersion: number | null;
	hasDraft: boolean;
	publishedAt: Date | null;
}

export const EMPTY_CONTENT: TemplateContent = {
	sections: [{ id: 'algemeen', title: 'Algemeen', visibleToHr: false, questions: [] }]
};

function requireHr(ctx: RequestContext) {
	if (!ctx.roles.includes('hr')) throw new DomainError('not_allowed');
}

/** Defaults and the company's own templates, with their latest version (one query). */
export async function listTemplates(db: DB, ctx: RequestContext): Promise<TemplateListItem[]> {
	const rows = await db
		.selectFrom('conversation_template as t')
		.leftJoinLateral(
			(eb) =>
				eb
					.selectFrom('conversation_template_version as v')
					.select(['v.number', 'v.published_at'])
					.whereRef('v.template_id', '=', 't.id')
					.orderBy('v.number', 'desc')
					.limit(1)
					.as('v'),
			(j) => j.onTrue()
		)
		.select([
			't.id',
			't.name',
			't.kind',
			't.company_id',
			't.archived_at',
			sql<boolean>`t.draft is not null`.as('has_draft'),
			'v.number',
			'v.published_at'
		])
		.where((eb) => eb.or([eb('t.company_id', 'is', null), eb('t.company_id', '=', ctx.company.id)]))
		.orderBy(sql`t.company_id is null`, 'desc')
		.orderBy('t.name')
		.execute();
	return rows.map((r) => ({
		id: r.id,
		name: r.name,
		kind: r.kind as TemplateKind,
		isDefault: r.company_id === null,
		archived: r.archived_at !== null,
		latestVersion: r.number ?? null,
		hasDraft: r.has_draft,
		publishedAt: r.published_at ?? null
	}));
}

/** Templates a conversation can be planned with: published and not archived. */
export async function plannableTemplates(db: DB, ctx: RequestContext) {
	return (await listTemplates(db, ctx)).filter((t) => !t.archived && t.latestVersion !== null);
}

export interface TemplateDetail {
	id: string;
	name: string;
	kind: TemplateKind;
	isDefault: boolean;
	archived: boolean;
	/** Optimistic lock of the draft. */
	version: number;
	/** What the editor shows: the draft, else the latest published content. */
	content: TemplateContent;
	hasDraft: boolean;
	versions: { id: string; number: number; publishedAt: Date }[];
}

/** A template the company may see (its own or a default), else null (→ 404). */
export async function getTemplate(
	db: DB,
	ctx: RequestContext,
	id: string
): Promise<TemplateDetail | null> {
	if (!isUuid(id)) return null;
	const t = await db
		.selectFrom('conversation_template')
		.selectAll()
		.where('id', '=', id)
		.where((eb) => eb.or([eb('company_id', 'is', null), eb('company_id', '=', ctx.company.id)]))
		.executeTakeFirst();
	if (!t) return null;
	const versions = await db
		.selectFrom('conversation_template_version')
		.select(['id', 'number', 'published_at', 'content'])
		.where('template_id', '=', id)
		.orderBy('number', 'desc')
		.execute();
	const content = t.draft ?? versions[0]?.content ?? EMPTY_CONTENT;
	return {
		id: t.id,
		name: t.name,
		kind: t.kind as TemplateKind,
		isDefault: t.company_id === null,
		archived: t.archived_at !== null,
		version: t.version,
		content,
		hasDraft: t.draft !== null,
		versions: versions.map((v) => ({ id: v.id, number: v.number, publishedAt: v.published_at }))
	};
}

/** The content of one published version (a conversation's questions). */
export async function versionContent(db: DB, versionId: string): Promise<TemplateContent> {
	const v = await db
		.selectFrom('conversation_template_version')
		.select('content')
		.where('id', '=', versionId)
		.executeTakeFirstOrThrow();
	return v.content;
}

/** HR copies a default (or one of the company's templates) into a new company template. */
export async function copyTemplate(
	db: DB,
	ctx: RequestContext,
	id: string,
	token?: FormToken
): Promise<string> {
	requireHr(ctx);
	const source = await getTemplate(db, ctx, id);
	if (!source) throw new DomainError('template_not_found');
	return createOnce(db, ctx.user.id, `template_copy:${source.id}`, token, async (trx) => {
		const row = await trx
			.insertInto('conversation_template')
			.values({
				company_id: ctx.company.id,
				kind: source.kind,
				name: source.name,
				based_on: source.id,
				draft: JSON.stringify(source.content),
				created_by: ctx.user.id
			})
			.returning('id')
			.executeTakeFirstOrThrow();
		await auditAs(trx, ctx, {
			action: 'conversation_template.copied',
			entityType: 'conversation_template',
			entityId: row.id,
			data: { from: source.id }
		});
		return row.id;
	});
}

/** HR starts an empty template. */
export async function createTemplate(
	db: DB,
	ctx: RequestContext,
	name: string,
	kind: TemplateKind = 'other',
	token?: FormToken
): Promise<string> {
	requireHr(ctx);
	return createOnce(db, ctx.user.id, 'template', token, async (trx) => {
		const row = await trx
			.insertInto('conversation_template')
			.values({
				company_id: ctx.company.id,
				kind,
				name,
				draft: JSON.stringify(EMPTY_CONTENT),
				created_by: ctx.user.id
			})
			.returning('id')
			.executeTakeFirstOrThrow();
		return row.id;
	});
}

async function ownTemplateForUpdate(db: DB, ctx: RequestContext, id: string) {
	requireHr(ctx);
	if (!isUuid(id)) throw new DomainError('template_not_found');
	const t = await db
		.selectFrom('conversation_template')
		.select(['id', 'version', 'archived_at'])
		.where('id', '=', id)
		.where('company_id', '=', ctx.company.id)
		.forUpdate()
		.executeTakeFirst();
	if (!t) throw new DomainError('template_not_found');
	return t;
}

/**
 * Saves the editor's draft (name and content). `version` is the draft version the
 * editor loaded: another save in between → 'conversation_conflict', nothing written.
 */
export async function saveTemplateDraft(
	db: DB,
	ctx: RequestContext,
	id: string,
	input: { name: string; content: unknown; version: number }
): Promise<number> {
	const draft = templateDraftSchema.parse(input.content);
	return db.transaction().execute(async (trx) => {
		const t = await ownTemplateForUpdate(trx, ctx, id);
		if (t.version !== input.version) throw new DomainError('conversation_conflict');
		const row = await trx
			.updateTable('conversation_template')
			.set({ name: input.name, draft: JSON.stringify(draft), version: t.version + 1 })
			.where('id', '=', id)
			.where('company_id', '=', ctx.company.id)
			.returning('version')
			.executeTakeFirstOrThrow();
		return row.version;
	});
}

/**
 * Publishes the content as the next version (validated: sections with questions,
 * labels, options for choice questions, unique ids) and clears the draft.
 */
export async function publishTemplate(
	db: DB,
	ctx: RequestContext,
	id: string,
	input: { name: string; content: unknown; version: number }
): Promise<number> {
	const content = templateContentSchema.parse(input.content);
	return db.transaction().execute(async (trx) => {
		const t = await ownTemplateForUpdate(trx, ctx, id);
		if (t.version !== input.version) throw new DomainError('conversation_conflict');
		const last = await trx
			.selectFrom('conversation_template_version')
			.select(sql<number>`coalesce(max(number), 0)::int`.as('n'))
			.where('template_id', '=', id)
			.executeTakeFirstOrThrow();
		const number = last.n + 1;
		const v = await trx
			.insertInto('conversation_template_version')
			.values({
				template_id: id,
				number,
				content: JSON.stringify(content),
				published_by: ctx.user.id
			})
			.returning('id')
			.executeTakeFirstOrThrow();
		await trx
			.updateTable('conversation_template')
			.set({ name: input.name, draft: null, version: t.version + 1 })
			.where('id', '=', id)
			.execute();
		await auditAs(trx, ctx, {
			action: 'conversation_template.published',
			entityType: 'conversation_template',
			entityId: id,
			data: { number, versionId: v.id }
		});
		return number;
	});
}

/** Hides a company template from new conversations (or shows it again). */
export async function setTemplateArchived(
	db: DB,
	ctx: RequestContext,
	id: string,
	archived: boolean
): Promise<void> {
	await db.transaction().execute(async (trx) => {
		await ownTemplateForUpdate(trx, ctx, id);
		await trx
			.updateTable('conversation_template')
			.set({ archived_at: archived ? new Date() : null })
			.where('id', '=', id)
			.where('company_id', '=', ctx.company.id)
			.execute();
		await auditAs(trx, ctx, {
			action: archived ? 'conversation_template.archived' : 'conversation_template.restored',
			entityType: 'conversation_template',
			entityId: id
		});
	});
}
