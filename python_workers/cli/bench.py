"""`plugboard bench <name>`: run one benchmark under bench/ (it prints a table and writes
bench/results/<name>.json)."""

from __future__ import annotations

import importlib
import pkgutil

import typer

import bench as bench_package

NOT_BENCHMARKS = {"report"}


def available() -> list[str]:
    return sorted(
        module.name
        for module in pkgutil.iter_modules(bench_package.__path__)
        if module.name not in NOT_BENCHMARKS and not module.name.startswith("_")
    )


def bench(name: str = typer.Argument(..., help="Benchmark to run.")) -> None:
    """Run a benchmark and print its figures."""
    if name not in available():
        raise typer.BadParameter(f"unknown benchmark {name!r}; available: {', '.join(available())}")
    importlib.import_module(f"bench.{name}").main()
