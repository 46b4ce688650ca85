"""kerne's benchmark suite: `python -m bench all [--quick] [--out DIR]`.

Every figure is measured side by side with a baseline in the same run (a bare
websockets relay, bare SQLite, a bare Textual app), on 127.0.0.1 only, with every loop
bounded in count and time. docs/benchmarks.md explains the method and holds a full run.
"""
