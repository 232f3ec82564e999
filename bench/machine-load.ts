/**
 * Is anything else using the CPU? Compares the machine's busy time (/proc/stat) with
 * what this process and the server child used over the same interval. On a shared
 * 2-core machine a few tenths of a core elsewhere already moves the tail latencies.
 */
import { readFileSync } from 'node:fs';
import { cpus } from 'node:os';
import type { ChildStats } from './ipc';

export interface CpuShare {
  /** Cores running processes (user + system time), machine-wide, on average. */
  processCores: number;
  /** Cores in interrupts (irq + softirq): mostly the loopback traffic itself. */
  interruptCores: number;
  /** Cores taken by the hypervisor (steal). */
  stealCores: number;
  /** Cores used by the benchmark itself (client process + server child). */
  benchCores: number;
  /** Cores used by other processes (the difference; ~0 on a quiet machine). */
  otherCores: number;
}

interface Jiffies {
  process: number;
  interrupt: number;
  steal: number;
  total: number;
}

/** Jiffies over all CPUs by kind, or null where /proc/stat is not available. */
function procStat(): Jiffies | null {
  try {
    const line = readFileSync('/proc/stat', 'utf8').split('\n')[0]!;
    // user nice system idle iowait irq softirq steal (guest time is already in user)
    const [user = 0, nice = 0, system = 0, idle = 0, iowait = 0, irq = 0, softirq = 0, steal = 0] =
      line.trim().split(/\s+/).slice(1, 9).map(Number);
    return {
      process: user + nice + system,
      interrupt: irq + softirq,
      steal,
      total: user + nice + system + idle + iowait + irq + softirq + steal,
    };
  } catch {
    return null;
  }
}

export function startCpuProbe(): { stop(child: ChildStats): CpuShare | null } {
  const machineBefore = procStat();
  const ownBefore = process.cpuUsage();
  const startedAt = performance.now();
  return {
    stop(child) {
      const machineAfter = procStat();
      if (!machineBefore || !machineAfter) return null;
      const elapsedMs = performance.now() - startedAt;
      const own = process.cpuUsage(ownBefore);
      const total = machineAfter.total - machineBefore.total;
      const cores = (kind: keyof Jiffies) =>
        ((machineAfter[kind] - machineBefore[kind]) / total) * cpus().length;
      const benchCores =
        ((own.user + own.system) / 1000 + child.cpuUserMs + child.cpuSystemMs) / elapsedMs;
      const processCores = cores('process');
      return {
        processCores,
        interruptCores: cores('interrupt'),
        stealCores: cores('steal'),
        benchCores,
        otherCores: Math.max(0, processCores - benchCores),
      };
    },
  };
}
