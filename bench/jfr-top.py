#!/usr/bin/env python3
"""Aggregates `jfr print --events jdk.ExecutionSample` output: the top frames (self time), and the MySay frames
(app.mysay.*) that are anywhere on the stack (total time). Usage: jfr-top.py FILE [N]"""
import re, sys
from collections import Counter
text = open(sys.argv[1]).read()
n = int(sys.argv[2]) if len(sys.argv) > 2 else 15
samples = text.split('jdk.ExecutionSample')[1:]
top, mysay, packages = Counter(), Counter(), Counter()
for s in samples:
    frames = re.findall(r'^\s+([\w$.<>/]+)\(.*?line:', s, re.M)
    if not frames:
        continue
    top[frames[0]] += 1
    for f in dict.fromkeys(f for f in frames if f.startswith('app.mysay.')):
        mysay[f] += 1
    pkg = '.'.join(frames[0].split('.')[:3])
    packages[pkg] += 1
total = sum(top.values()) or 1
print(f'{total} samples')
print('\nTop frames (self):')
for f, c in top.most_common(n):
    print(f'  {100 * c / total:5.1f}%  {f}')
print('\nSelf time by package:')
for f, c in packages.most_common(n):
    print(f'  {100 * c / total:5.1f}%  {f}')
print('\nMySay methods on the stack (total):')
for f, c in mysay.most_common(n):
    print(f'  {100 * c / total:5.1f}%  {f}')
