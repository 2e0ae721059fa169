#!/usr/bin/env python3
"""Turn the JSON summary of `cairnctl bench ... --json` (last line of stdin) into a RESULT line.

  cairnctl bench watch ... --json | json_result.py "RESULT test=watch server=cairn ..."

Prints the given prefix followed by rate= (the <unit>PerSecond figure), p50_ms=, p99_ms=,
operations=, errors= and seconds=.
"""
import json
import sys

summary = json.loads(sys.stdin.read().strip().splitlines()[-1])
rate = next(value for key, value in summary.items() if key.endswith("PerSecond"))
print(sys.argv[1], f"rate={rate} p50_ms={summary['p50Ms']} p99_ms={summary['p99Ms']} "
      f"operations={summary['operations']} errors={summary['errors']} seconds={summary['seconds']}")
