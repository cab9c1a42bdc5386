#!/usr/bin/env python3
"""Where the CPU time goes in a JDK Flight Recorder file (docs/performance.md).

usage: scripts/jfr-shares.py target/bench/e2e-run1.jfr

Reads the execution samples (jfr print, stacks 128 deep) and prints, for each component, the share of samples
with its code anywhere on the stack (shares overlap: a JTA commit inside an EJB call counts for both), then the
top leaf packages (where the samples themselves landed) and our own methods anywhere on the stack.
"""
import collections
import subprocess
import sys

COMPONENTS = [
    ("EJB container", ("com.sun.ejb.", "org.glassfish.ejb.")),
    ("JTA (transactions)", ("com.sun.enterprise.transaction.", "com.sun.jts.", "fish.payara.jts.")),
    ("EclipseLink (JPA)", ("org.eclipse.persistence.",)),
    ("H2 (database)", ("org.h2.",)),
    ("ActiveMQ (broker and adapter)", ("org.apache.activemq.",)),
    ("  of which KahaDB (broker store)", ("org.apache.activemq.store.kahadb.",)),
    ("JCA connection pools", ("com.sun.enterprise.resource.", "com.sun.enterprise.connectors.")),
    ("JSON-P", ("org.eclipse.parsson.", "org.glassfish.json.")),
    ("java.util.logging", ("java.util.logging.",)),
    ("the service (io.mayhem)", ("io.mayhem.",)),
]


def stacks(path):
    out = subprocess.run(["jfr", "print", "--stack-depth", "128", "--events", "jdk.ExecutionSample", path],
                         capture_output=True, text=True, check=True).stdout
    frames, inside = [], False
    for line in out.splitlines():
        line = line.strip()
        if line.startswith("stackTrace = ["):
            frames, inside = [], True
        elif inside and line == "]":
            inside = False
            yield frames
        elif inside and line and line != "...":
            frames.append(line.split("(")[0])


def main(path):
    total, hits, leaves, ours = 0, collections.Counter(), collections.Counter(), collections.Counter()
    for frames in stacks(path):
        total += 1
        for name, prefixes in COMPONENTS:
            if any(f.startswith(prefixes) for f in frames):
                hits[name] += 1
        if frames:
            leaves[".".join(frames[0].split(".")[:3])] += 1
        for method in {f for f in frames if f.startswith("io.mayhem.")}:
            ours[method] += 1
    print(f"{total} execution samples in {path}")
    print("anywhere on the stack:")
    for name, _ in COMPONENTS:
        print(f"  {100 * hits[name] / max(total, 1):5.1f}%  {name}")
    print("leaf packages (top 10):")
    for name, n in leaves.most_common(10):
        print(f"  {100 * n / max(total, 1):5.1f}%  {name}")
    print("io.mayhem methods anywhere on the stack (top 12):")
    for name, n in ours.most_common(12):
        print(f"  {100 * n / max(total, 1):5.1f}%  {name}")


if __name__ == "__main__":
    main(sys.argv[1])
