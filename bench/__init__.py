"""`make bench` (`python -m bench.run`): the SDK's costs, measured against a canned server in
another process. canned_server is the server, harness the interleaved rounds, medians and
spreads; calls, scale, decoding (with anchors), memory and imports are the benchmarks; run
prints the table and writes results.json."""
