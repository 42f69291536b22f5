"""How busy the machine was while a benchmark ran, and whether its targets may be called met.

Shared by bench/tabular.py and bench/compare.py. A round records the 1-minute load average (os.getloadavg) just
before it starts and just after it ends, and the cores that other processes used meanwhile: the busy time of all
CPUs in /proc/stat minus the CPU time of the benchmark's own process and its child processes, over the elapsed time (and the
hypervisor's steal time, when the machine is a virtual one). The load average after a round includes the
benchmark's own threads, so on a quiet 2-core machine it reads about 1 after a round that kept both cores busy.

The machine counts as quiet when the load average before the first round was at most --max-load and, in every round,
other processes used at most --max-others cores. The load average during and after a round holds the benchmark's own
threads (both tools run two, so it reads about 2 on a quiet 2-core machine) and cannot tell its own work from other
work; the cores other processes used can. Where /proc/stat cannot be read, every round's load average (before and
after) must be at most --max-load instead.

A target line for a time says `met` only on a quiet machine; otherwise the
script prints `met (LOADED)` with --allow-loaded, and `not judged (loaded)` without it. `NOT MET` is printed
either way: a slower run on a loaded machine is no evidence that a target is met, but it is some that it is not
(other work only ever slows a run down) — which is why a missed target is printed, marked, even when loaded. Targets
that are not times (peak memory, accuracy) are judged whatever the load.
"""
import os
import time


def add_arguments(parser):
    parser.add_argument("--max-load", type=float, default=1.5,
                        help="the highest 1-minute load average before the first round at which targets are judged (default 1.5)")
    parser.add_argument("--max-others", type=float, default=0.25,
                        help="the most cores other processes may use during any round for targets to be judged (default 0.25)")
    parser.add_argument("--allow-loaded", action="store_true",
                        help="judge the targets even on a loaded machine, marking every 'met' line LOADED")
    parser.add_argument("--settle", type=float, default=0,
                        help="before each round, wait up to this many seconds for the load average to fall below --max-load")


def _cpu_ticks():
    """(busy, steal) clock ticks of all CPUs since boot, from /proc/stat; None where it cannot be read."""
    try:
        with open("/proc/stat") as f:
            fields = [int(v) for v in f.readline().split()[1:]]
    except (OSError, ValueError):
        return None
    user, nice, system, idle, iowait, irq, softirq = fields[:7]
    steal = fields[7] if len(fields) > 7 else 0
    return user + nice + system + irq + softirq, steal


def _own_seconds():
    """CPU seconds of this process and its finished child processes (compare.py runs its peers in process)."""
    t = os.times()
    return t.user + t.system + t.children_user + t.children_system


class Round:
    """One round's load: use as `with guard.round(n): ...`."""

    def __init__(self, guard, number):
        self.guard, self.number = guard, number
        self.before = self.after = float("nan")
        self.others = self.steal = None

    def __enter__(self):
        self.guard.settle()
        self.before = os.getloadavg()[0]
        self._ticks, self._children, self._clock = _cpu_ticks(), _own_seconds(), time.monotonic()
        return self

    def __exit__(self, *exc):
        self.after = os.getloadavg()[0]
        elapsed = time.monotonic() - self._clock
        ticks = _cpu_ticks()
        if ticks and self._ticks and elapsed > 0:
            hz = os.sysconf("SC_CLK_TCK")
            busy = (ticks[0] - self._ticks[0]) / hz
            self.others = max(0.0, busy - (_own_seconds() - self._children)) / elapsed
            self.steal = (ticks[1] - self._ticks[1]) / hz / elapsed
        self.guard.rounds.append(self)
        return False

    def text(self):
        others = f"; other processes used {self.others:.2f} cores" if self.others is not None else ""
        steal = f", steal {self.steal:.2f}" if self.steal else ""
        return f"load average {self.before:.2f} before, {self.after:.2f} after{others}{steal}"


class LoadGuard:
    def __init__(self, arguments):
        self.max_load, self.allow_loaded, self.settle_seconds = arguments.max_load, arguments.allow_loaded, arguments.settle
        self.max_others = arguments.max_others
        self.rounds = []

    def round(self, number):
        return Round(self, number)

    def settle(self):
        deadline = time.monotonic() + self.settle_seconds
        while os.getloadavg()[0] > self.max_load and time.monotonic() < deadline:
            time.sleep(2)

    @property
    def highest(self):
        values = [v for r in self.rounds for v in (r.before, r.after)]
        return max(values) if values else float("nan")

    @property
    def loaded(self):
        if not self.rounds:
            return True
        others = [r.others for r in self.rounds]
        if any(o is None for o in others):
            return not self.highest <= self.max_load
        return not (self.rounds[0].before <= self.max_load and max(others) <= self.max_others)

    def summary(self):
        if not self.rounds:
            return "load average: no rounds"
        values = [v for r in self.rounds for v in (r.before, r.after)]
        others = [r.others for r in self.rounds if r.others is not None]
        cores = f"; other processes used {min(others):.2f}–{max(others):.2f} cores" if others else ""
        rule = f"--max-load {self.max_load} before the first round, --max-others {self.max_others} cores in every round"
        verdict = f"{'a LOADED machine' if self.loaded else 'a quiet machine'} ({rule})"
        return f"load average {min(values):.2f}–{max(values):.2f} over the rounds (before and after each), {verdict}{cores}"

    def verdict(self, met, timed=True):
        """The first column of a target line; a target that is not a time (memory, accuracy) does not depend on the load."""
        if not met:
            return "NOT MET (LOADED)" if self.loaded and timed else "NOT MET"
        if not self.loaded or not timed:
            return "met"
        return "met (LOADED)" if self.allow_loaded else "not judged (loaded)"

    def print_targets(self, checks):
        """checks: (description, met, value text[, timed]); timed is True unless given. Prints the target lines and the reason
        any were not judged."""
        print("\ntargets (best against best; medians in brackets where given):")
        checks = [tuple(c) + (True,) * (4 - len(c)) for c in checks]
        for what, met, value, timed in checks:
            print(f"  {self.verdict(met, timed):<19} {what}: {value}")
        if self.loaded and not self.allow_loaded and any(met and timed for _, met, _, timed in checks):
            print(f"  (a loaded machine: targets the run reached are not called met; --allow-loaded prints them marked LOADED)")
