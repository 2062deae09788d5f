"""Audit the installed dependencies for known vulnerabilities with pip-audit.

    .venv/bin/python tools/audit_dependencies.py

Runs pip-audit over this virtualenv (the project itself, installed editable,
is left out) against PyPI's vulnerability data, then OSV's if PyPI's could
not answer. pip-audit alone says "No known vulnerabilities found" and exits
0 even when it could audit nothing (say, a PyPI mirror without the
per-version JSON API, or no route to OSV); this script counts what was
really audited and says so.

Exit status: 0 when every dependency was audited and none has a known
vulnerability; 1 when some dependency has one; 3 when the vulnerability
databases could not be reached for some or all dependencies (NOT AUDITED is
printed with the reason), so a caller can decide whether that fails a build.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

SERVICES = ("pypi", "osv")
NOT_AUDITED = 3


def pip_audit(service: str) -> tuple[dict | None, str]:
    command = [
        str(Path(sys.executable).with_name("pip-audit")),
        "--local",
        "--skip-editable",
        "--progress-spinner",
        "off",
        "--format",
        "json",
        "--vulnerability-service",
        service,
    ]
    run = subprocess.run(command, capture_output=True, text=True, timeout=600)
    try:
        return json.loads(run.stdout), run.stderr
    except json.JSONDecodeError:
        last = (run.stderr.strip().splitlines() or ["no output"])[-1]
        return None, last


def main() -> int:
    reasons = []
    for service in SERVICES:
        report, error = pip_audit(service)
        if report is None:
            reasons.append(f"{service}: {error}")
            continue
        dependencies = report["dependencies"]
        skipped = [d for d in dependencies if d.get("skip_reason")]
        audited = [d for d in dependencies if not d.get("skip_reason")]
        if not audited:
            example = skipped[0]["skip_reason"] if skipped else "no dependencies listed"
            reasons.append(f"{service}: none of {len(dependencies)} audited ({example})")
            continue
        vulnerable = [d for d in audited if d.get("vulns")]
        print(f"pip-audit ({service}): {len(audited)} dependencies audited.")
        for dependency in vulnerable:
            for vuln in dependency["vulns"]:
                fixes = ", ".join(vuln.get("fix_versions") or []) or "no fix yet"
                print(
                    f"VULNERABLE {dependency['name']} {dependency['version']}: "
                    f"{vuln['id']} (fixed in {fixes})"
                )
        for dependency in skipped:
            print(f"NOT AUDITED {dependency['name']}: {dependency['skip_reason']}")
        if vulnerable:
            return 1
        if skipped:
            return NOT_AUDITED
        print("No known vulnerabilities.")
        return 0
    print("NOT AUDITED: no vulnerability database could be reached from this machine.")
    for reason in reasons:
        print(f"  {reason}")
    return NOT_AUDITED


if __name__ == "__main__":
    raise SystemExit(main())
