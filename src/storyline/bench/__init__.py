"""Throughput, latency and memory benchmarks, run by `storyline bench …` (part of the package,
so they work from an installed wheel). Each module measures one path on a generated or
labelled corpus and prints a table or JSON."""
