"""Build a models.dev `api.json` from a models.dev git snapshot, for chosen providers.

    python tools/models_dev_snapshot.py GIT_DIR COMMIT OUT.json [provider ...]

models.dev publishes https://models.dev/api.json, generated from the TOML files
in its repository (providers/<id>/provider.toml, providers/<id>/models/**.toml,
models/**.toml for `base_model`). This does the same merge in Python (stdlib
only) from a stored commit, so the test fixture is real, dated data: the
commit's date is the snapshot's "as of". Without providers, all are written.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tomllib
from typing import Any


def git(git_dir: str, *args: str) -> str:
    return subprocess.run(
        ["git", f"--git-dir={git_dir}", *args], check=True, capture_output=True, text=True
    ).stdout


def read_toml(git_dir: str, commit: str, path: str) -> dict[str, Any]:
    return tomllib.loads(git(git_dir, "show", f"{commit}:{path}"))


def merge(base: dict[str, Any], override: dict[str, Any]) -> dict[str, Any]:
    merged = dict(base)
    for key, value in override.items():
        if isinstance(value, dict) and isinstance(merged.get(key), dict):
            merged[key] = merge(merged[key], value)
        else:
            merged[key] = value
    return merged


def build(git_dir: str, commit: str, providers: list[str]) -> dict[str, Any]:
    paths = git(git_dir, "ls-tree", "-r", "--name-only", commit).splitlines()
    base_models = {
        path[len("models/") : -len(".toml")]: path
        for path in paths
        if path.startswith("models/") and path.endswith(".toml")
    }
    wanted = set(providers)
    result: dict[str, Any] = {}
    for path in paths:
        parts = path.split("/")
        if len(parts) != 3 or parts[0] != "providers" or parts[2] != "provider.toml":
            continue
        provider_id = parts[1]
        if wanted and provider_id not in wanted:
            continue
        provider = read_toml(git_dir, commit, path)
        provider["id"] = provider_id
        provider["models"] = {}
        prefix = f"providers/{provider_id}/models/"
        for model_path in paths:
            if not (model_path.startswith(prefix) and model_path.endswith(".toml")):
                continue
            model_id = model_path[len(prefix) : -len(".toml")]
            model = read_toml(git_dir, commit, model_path)
            base_id = model.pop("base_model", None)
            omit = model.pop("base_model_omit", [])
            if base_id and base_id in base_models:
                base = read_toml(git_dir, commit, base_models[base_id])
                for key in ("benchmarks", "license", "links", "weights"):
                    base.pop(key, None)
                model = merge(base, model)
                for dotted in omit:
                    *parents, last = dotted.split(".")
                    target = model
                    for part in parents:
                        target = target.get(part, {})
                    target.pop(last, None)
            model["id"] = model_id
            provider["models"][model_id] = model
        result[provider_id] = provider
    return result


def main(argv: list[str]) -> int:
    if len(argv) < 3:
        print(__doc__, file=sys.stderr)
        return 2
    git_dir, commit, out, *providers = argv
    data = build(git_dir, commit, providers)
    with open(out, "w", encoding="utf-8") as handle:
        json.dump(data, handle, indent=1, sort_keys=True, ensure_ascii=False)
        handle.write("\n")
    count = sum(len(p["models"]) for p in data.values())
    print(f"{out}: {len(data)} providers, {count} models from {commit}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
