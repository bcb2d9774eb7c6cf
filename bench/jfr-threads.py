#!/usr/bin/env python3
"""The app's CPU by kind of thread in each measured window, from `jfr print --events jdk.ThreadCPULoad` output (one
event per Java thread every 10 s, as a share of the whole machine's CPU). Shows whether the JIT's compiler threads
were still busy while a run was being measured. GC threads are not Java threads and are not in these events.
Usage: jfr-threads.py THREAD_CPU_FILE WINDOWS_FILE, where each line of WINDOWS_FILE is "label HH:MM:SS HH:MM:SS"."""
import re
import sys
from collections import defaultdict

KINDS = ('event loops', 'JIT compilers', 'other')


def kind(thread):
    if 'eventloop' in thread:
        return 'event loops'
    if 'CompilerThread' in thread:
        return 'JIT compilers'
    return 'other'


events = []
for block in open(sys.argv[1]).read().split('jdk.ThreadCPULoad')[1:]:
    time = re.search(r'startTime = (\d\d:\d\d:\d\d)', block)
    thread = re.search(r'eventThread = "([^"]+)"', block)
    user = re.search(r'user = ([\d.]+)%', block)
    system = re.search(r'system = ([\d.]+)%', block)
    if time and thread and user and system:
        events.append((time.group(1), kind(thread.group(1)), float(user.group(1)) + float(system.group(1))))

print('| window | event loops | JIT compilers | other Java threads |')
print('|---|---:|---:|---:|')
for line in open(sys.argv[2]):
    parts = line.split()
    if len(parts) != 3:
        continue
    label, start, end = parts
    # each event covers the 10 s before it: take those that end inside the window, after its first 10 s
    inside = [e for e in events if start < e[0] <= end]
    stamps = sorted({e[0] for e in inside})
    if not stamps:
        print(f'| {label} | n/a | n/a | n/a |')
        continue
    totals = defaultdict(float)
    for _, k, load in inside:
        totals[k] += load
    print(f'| {label} | ' + ' | '.join(f'{totals[k] / len(stamps):.1f}%' for k in KINDS) + ' |')
