/**
 * Process figures from Linux's /proc for the benchmark and the fault test: CPU time,
 * resident memory and a server's worker processes. Where there is no /proc (not Linux)
 * every figure is 0 and every list empty.
 */
import { readdirSync, readFileSync } from 'node:fs';

/** The fields of /proc/<pid>/stat after the command name (field 3 onwards), or null. */
function statFields(pid: number): string[] | null {
	try {
		const line = readFileSync(`/proc/${pid}/stat`, 'utf8');
		return line.slice(line.lastIndexOf(') ') + 2).split(' ');
	} catch {
		return null;
	}
}

function pids(): number[] {
	try {
		return readdirSync('/proc')
			.filter((e) => /^\d+$/.test(e))
			.map(Number);
	} catch {
		return [];
	}
}

/** CPU time (user + system) of a process in ms; 0 when it is gone. */
export function cpuMs(pid: number): number {
	const fields = statFields(pid);
	// utime and stime are fields 14 and 15 of the line, in clock ticks (100 per second).
	return fields ? (Number(fields[11]) + Number(fields[12])) * 10 : 0;
}

/** The processes whose parent is `pid` (a cluster primary's workers). */
export function childrenOf(pid: number): number[] {
	return pids().filter((p) => Number(statFields(p)?.[1]) === pid);
}

/** `pid` and its children: a server, in cluster mode its primary and workers. */
export function serverProcesses(pid: number): number[] {
	return [pid, ...childrenOf(pid)];
}

/** The running processes named `name` (e.g. the PostgreSQL server's backends). */
export function processesNamed(name: string): number[] {
	return pids().filter((p) => {
		try {
			return readFileSync(`/proc/${p}/comm`, 'utf8').trim() === name;
		} catch {
			return false;
		}
	});
}

/** CPU time in ms of each process, by pid. */
export function cpuByPid(list: number[]): Map<number, number> {
	return new Map(list.map((p) => [p, cpuMs(p)]));
}

/** CPU used by the processes between two readings (a process new in `after` counts from 0). */
export function cpuSpent(before: Map<number, number>, after: Map<number, number>): number {
	let ms = 0;
	for (const [pid, t] of after) ms += t - (before.get(pid) ?? 0);
	return ms;
}

/** Busy CPU time of the whole machine in ms (every core; all but idle and iowait). */
export function machineBusyMs(): number {
	try {
		const [, ...ticks] = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/);
		const [user, nice, system, , , irq, softirq, steal] = ticks.map(Number);
		return (user + nice + system + irq + softirq + (steal || 0)) * 10;
	} catch {
		return 0;
	}
}

/** Fields of /proc/<pid>/status in kB (VmHWM, VmRSS, …), in the order asked; 0 when absent. */
function statusKb(pid: number, ...fields: string[]): number[] {
	let status = '';
	try {
		status = readFileSync(`/proc/${pid}/status`, 'utf8');
	} catch {
		// No such process, or no /proc: every figure 0.
	}
	return fields.map((f) => Number(new RegExp(`${f}:\\s+(\\d+)`).exec(status)?.[1] ?? 0));
}

/** Peak resident memory in kB of a process: VmHWM when the kernel reports it, else VmRSS. */
export function peakRssKb(pid: number): number {
	const [hwm, rss] = statusKb(pid, 'VmHWM', 'VmRSS');
	return Math.max(hwm, rss);
}

/** Resident memory in kB of a process now (VmRSS). */
export function rssKb(pid: number): number {
	return statusKb(pid, 'VmRSS')[0];
}
