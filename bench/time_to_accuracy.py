#!/usr/bin/env python3
"""Times a classify training run the way a user sees it: from launching `./classify train` to its end.

Runs the command given after `--` (normally `./classify train --config C --output D`), passes its
console through with the seconds since launch in front of each line, and reads the epoch lines
("epoch N/M ... val loss L acc A ...") and the hold-out line ("hold-out accuracy A, model of epoch
N"). Ends with one JSON line: wall seconds of the whole command (JVM start, data loading, training,
validation, the test predictions and the hold-out evaluation), the best epoch and its hold-out
accuracy, and the seconds from launch to the end of the first epoch whose validation accuracy reached
0.93, 0.94 and 0.95 (null if none did). The curve is in the run folder's metrics.csv and curves.png.

  python3 bench/time_to_accuracy.py [--output FILE] -- ./classify train --config C --output D

Measure on an idle machine, and name its processor (`lscpu`, model name and AVX-512 flags).
"""
import argparse
import json
import re
import subprocess
import sys
import time

EPOCH = re.compile(r"^epoch (\d+)/(\d+) .*val loss \S+ acc ([0-9.]+)")
HOLDOUT = re.compile(r"hold-out accuracy ([0-9.]+), model of epoch (\d+)")
TARGETS = (0.93, 0.94, 0.95)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--output", help="append the JSON line to this file")
    parser.add_argument("command", nargs=argparse.REMAINDER)
    args = parser.parse_args()
    command = args.command[1:] if args.command[:1] == ["--"] else args.command
    if not command:
        parser.error("give the command after --, e.g. -- ./classify train --config C --output D")
    start = time.perf_counter()
    curve, reached, holdout = [], {}, None
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                               text=True, bufsize=1)
    for line in process.stdout:
        elapsed = time.perf_counter() - start
        sys.stdout.write("%7.1f  %s" % (elapsed, line))
        sys.stdout.flush()
        epoch = EPOCH.search(line)
        if epoch:
            accuracy = float(epoch.group(3))
            curve.append({"epoch": int(epoch.group(1)), "seconds": round(elapsed, 1),
                          "val_accuracy": accuracy})
            for target in TARGETS:
                if accuracy >= target and target not in reached:
                    reached[target] = round(elapsed, 1)
        found = HOLDOUT.search(line)
        if found:
            holdout = {"holdout_accuracy": float(found.group(1)), "best_epoch": int(found.group(2))}
    code = process.wait()
    summary = {"command": " ".join(command), "exit_code": code,
               "wall_seconds": round(time.perf_counter() - start, 1),
               "epochs": len(curve), **(holdout or {}),
               **{"seconds_to_%.2f" % t: reached.get(t) for t in TARGETS}, "curve": curve}
    line = json.dumps(summary)
    print(line, flush=True)
    if args.output:
        with open(args.output, "a") as f:
            f.write(line + "\n")
    sys.exit(code)


if __name__ == "__main__":
    main()
