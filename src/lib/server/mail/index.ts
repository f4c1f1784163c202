import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import nodemailer, { type Transporter } from 'nodemailer';
import { log } from '../log';

export interface Mail {
	to: string;
	subject: string;
	text: string;
}

export interface MailRecord extends Mail {
	from: string;
	sentAt: string;
}

const FROM = () => process.env.MAIL_FROM ?? 'Vakmaat <noreply@vakmaat.nl>';
export const mailDir = () => process.env.MAIL_DIR ?? '.data/mail';

let smtp: Transporter | undefined;

/**
 * Sends through SMTP when SMTP_URL is set. Otherwise every mail is written as JSON to
 * MAIL_DIR (default .data/mail) and logged, so developers and tests can follow links.
 */
export async function sendMail(mail: Mail): Promise<void> {
	const from = FROM();
	if (process.env.SMTP_URL) {
		smtp ??= nodemailer.createTransport(process.env.SMTP_URL);
		await smtp.sendMail({ from, ...mail });
		log.info({ to: mail.to, subject: mail.subject }, 'mail sent');
		return;
	}
	const dir = mailDir();
	mkdirSync(dir, { recursive: true });
	const record: MailRecord = { from, ...mail, sentAt: new Date().toISOString() };
	const safeTo = mail.to.replace(/[^a-z0-9@._-]/gi, '_');
	const file = join(dir, `${Date.now()}-${crypto.randomUUID().slice(0, 8)}-${safeTo}.json`);
	writeFileSync(file, JSON.stringify(record, null, 2));
	log.info({ to: mail.to, subject: mail.subject, file }, 'mail written to folder');
}
